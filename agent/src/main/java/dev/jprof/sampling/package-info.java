/**
 * Internal: how stacks are taken and stored. {@link dev.jprof.sampling.StackSource} implementations
 * (platform threads, virtual threads, one thread), the {@link dev.jprof.sampling.Sampler} loop and its
 * overhead bound, and the compact {@link dev.jprof.sampling.SampleStore}. Public for jprof's other
 * packages and for tests that inject a stack source or a clock; not a stable API.
 */
package dev.jprof.sampling;

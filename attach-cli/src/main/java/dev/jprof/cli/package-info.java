/**
 * Internal: the {@code jprof} command (run a program, attach to a JVM, list JVMs, load, combine and diff
 * sessions). Its profiling options ({@code ProfileOptions}) are passed on as agent keys and checked by
 * the agent's own parser.
 */
package dev.jprof.cli;

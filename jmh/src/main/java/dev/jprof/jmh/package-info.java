/**
 * jprof's JMH profiler: {@code -prof dev.jprof.jmh.JprofProfiler[:options]}. {@link dev.jprof.jmh.JprofProfiler}
 * is the only API of this package; the other classes are package-private.
 */
package dev.jprof.jmh;

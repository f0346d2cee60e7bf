package dev.jprof.sampling;

/** One stack JFR's execution sampler took of a running thread, its time on the sampler's clock. */
final class JfrSample {
    final long threadId;
    final long nanos;
    final StackTraceElement[] stack;
    /** The JVM cut the stack at its stack depth: the root-side frames are missing, so it is not used. */
    final boolean truncated;

    JfrSample(long threadId, long nanos, StackTraceElement[] stack, boolean truncated) {
        this.threadId = threadId;
        this.nanos = nanos;
        this.stack = stack;
        this.truncated = truncated;
    }
}

package dev.jprof.sampling;

/**
 * Time as the sampler sees it. Injectable so unit tests are deterministic.
 */
public interface Clock {
    /** Monotonic nanoseconds, for weights and intervals. */
    long nanoTime();

    /** Wall-clock milliseconds since the epoch, for the session's start time. */
    long epochMillis();

    /** The process CPU time in nanoseconds, or -1 when the JVM cannot tell. */
    long processCpuNanos();

    /** The real clock of this JVM. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}

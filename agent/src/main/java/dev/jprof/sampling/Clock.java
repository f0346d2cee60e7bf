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

    /**
     * CPU time of the calling thread in nanoseconds, or -1 when unknown. The sampler measures its own
     * cost with it: wall time would also count the time it waited for a CPU on a busy machine.
     */
    default long currentThreadCpuNanos() {
        return -1;
    }

    /** The real clock of this JVM. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}

package dev.jprof.sampling;

/**
 * The only code that knows how stacks are obtained. Each call of {@link #sample} reports the threads
 * to profile, one {@link StackConsumer#accept} per thread. Implementations are injectable so unit tests
 * can script stacks.
 */
public interface StackSource {

    /** Receives one thread's state and stack during a tick. */
    interface StackConsumer {
        /**
         * @param threadId  a stable id of the thread
         * @param name      the thread's name
         * @param virtual   true for a virtual thread
         * @param state     a {@link ThreadState} byte
         * @param stack     the stack, top frame first; {@code null} means "unchanged since this thread's
         *                  previous sample" (the source proved the thread did not run)
         */
        void accept(long threadId, String name, boolean virtual, byte state, StackTraceElement[] stack);

        /**
         * The thread, left out of the last ticks because it was quiet, was seen in the same state at each of
         * them: its previous sample holds up to the previous tick, so a sample it gets now (in another state)
         * stands only for this tick, not for the gap.
         */
        default void held(long threadId, String name, boolean virtual) {
        }

        /**
         * As {@link #accept}, for a thread chosen for a walk with probability {@code 1 / scale} among others
         * (sources that cannot walk every thread each tick): the sample weighs this tick's interval times
         * {@code scale}, never the time since the thread's previous sample, so the expected time given to
         * each frame is the true time whatever the thread did unobserved.
         */
        default void acceptSampled(long threadId, String name, boolean virtual, byte state, StackTraceElement[] stack,
                                   double scale) {
            accept(threadId, name, virtual, state, stack);
        }
    }

    /** Reports the current stacks of the profiled threads. Never throws for a thread that vanished. */
    void sample(StackConsumer consumer);

    /**
     * Wall time, in nanoseconds, for which the last {@link #sample} held every application thread at a
     * safepoint (0 when it used none). The sampler counts it as cost next to its own CPU time: a 2 ms
     * safepoint every 10 ms stops the whole program for 20% of the time, whatever the sampler's CPU.
     */
    default long lastPauseNanos() {
        return 0;
    }

    /** Virtual threads seen during the recording, or -1 when this source does not look for them. */
    default int virtualThreadsSeen() {
        return -1;
    }

    /**
     * CPU time, in nanoseconds, the carriers of virtual threads used during the recording, or -1 when this
     * source does not look for them. The running time given to virtual threads should be at least about this.
     */
    default long carrierCpuNanos() {
        return -1;
    }

    /** Wall time of the carriers during the recording (their count times time), or -1; an upper bound of it. */
    default long carrierWallNanos() {
        return -1;
    }

    /** A one-line description of the mechanism, for the report header and logs. */
    default String describe() {
        return getClass().getSimpleName();
    }
}

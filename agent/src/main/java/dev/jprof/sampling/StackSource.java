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

        /**
         * A sample for an explicit span {@code [fromNanos, toNanos)} of the sampler's clock, delivered after
         * its tick by a source that joins stacks arriving late (JFR's): recorded as is. Such a source
         * delivers each of its threads' spans in order and back to back, so the thread's time stays exact.
         *
         * @param stack the stack, or {@code null} for the thread's previous one
         */
        default void acceptSpan(long threadId, String name, boolean virtual, byte state, StackTraceElement[] stack,
                                long fromNanos, long toNanos) {
            accept(threadId, name, virtual, state, stack);
        }

        /**
         * The thread ran (state RUNNABLE, CPU advanced) and its walk was left out because another source
         * will give its stacks for this tick's window (see {@code PlatformStackSource#deferRunningWalks}).
         */
        default void running(long threadId, String name) {
        }
    }

    /** Reports the current stacks of the profiled threads. Never throws for a thread that vanished. */
    void sample(StackConsumer consumer);

    /**
     * Delivers the samples still pending after the last {@link #sample} (a source that joins late stacks)
     * and releases what the source holds; called once when sampling stops.
     */
    default void finish(StackConsumer consumer) {
    }

    /**
     * Wall time, in nanoseconds, for which the last {@link #sample} held every application thread at a
     * safepoint (0 when it used none). The sampler counts it as cost next to its own CPU time: a 2 ms
     * safepoint every 10 ms stops the whole program for 20% of the time, whatever the sampler's CPU.
     */
    default long lastPauseNanos() {
        return 0;
    }

    /**
     * From now on, measure what each {@link #sample} costs ({@link #lastPauseNanos}, {@link #lastHelperCpuNanos})
     * instead of estimating it. The sampler asks once, when its governor is about to use the cost: finding
     * HotSpot's counters and the VM thread took 7-18 ms on a cold JDK 17 (8-18 ms now, JDK 17 and 25), a third
     * of a 1 ms profile of a 40 ms block with the governor off (the Java API's default).
     */
    default void measureCost() {
    }

    /**
     * CPU time, in nanoseconds, that JVM threads other than the sampler spent for the last {@link #sample}
     * (HotSpot's VM thread running a batched walk's safepoint), or 0 when unknown or none. The sampler counts
     * it as cost when the program's threads fill every CPU, as it does its own CPU time.
     */
    default long lastHelperCpuNanos() {
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

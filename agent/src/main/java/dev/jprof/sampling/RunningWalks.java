package dev.jprof.sampling;

import java.util.function.LongPredicate;

/** A walk source that can leave the walks of running threads to another source of their stacks. */
interface RunningWalks {
    /**
     * A running thread (RUNNABLE, CPU advanced) that {@code covered} accepts is not walked: the consumer gets
     * {@link StackSource.StackConsumer#running} instead.
     */
    void deferRunningWalks(LongPredicate covered);
}

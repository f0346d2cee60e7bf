package dev.jprof.sampling;

import java.util.Arrays;

/**
 * Remembers when each thread was last sampled, so a sample weighs the wall time since that thread's
 * previous sample (a thread skipped for some ticks is weighted for the whole gap, as async-profiler
 * does in wall mode). A thread seen for the first time weighs the time since the previous tick.
 */
final class ThreadWeights {
    private long[] lastSeen = new long[64];
    private boolean[] seen = new boolean[64];
    private long previousTick;

    void beginTick(long previousTickNanos) {
        previousTick = previousTickNanos;
    }

    /** The time from which the thread's current sample counts. */
    long since(int thread) {
        return since(thread, Long.MIN_VALUE);
    }

    /**
     * As {@link #since(int)}, where a thread never sampled before counts from {@code firstSeen} when the
     * source knows it (round robin), else from the previous tick.
     */
    long since(int thread, long firstSeen) {
        ensure(thread);
        if (seen[thread]) {
            return lastSeen[thread];
        }
        return firstSeen != Long.MIN_VALUE && firstSeen < previousTick ? firstSeen : previousTick;
    }

    /** Records that the thread's sample covered time up to {@code capturedAt}. */
    void seen(int thread, long capturedAt) {
        ensure(thread);
        lastSeen[thread] = capturedAt;
        seen[thread] = true;
    }

    /** Time before {@code now} is not counted for any thread (a dropped tick's time is lost, not moved). */
    void skipTo(long now) {
        for (int i = 0; i < lastSeen.length; i++) {
            if (seen[i] && lastSeen[i] < now) {
                lastSeen[i] = now;
            }
        }
        previousTick = Math.max(previousTick, now);
    }

    private void ensure(int thread) {
        if (thread >= lastSeen.length) {
            int n = Math.max(thread + 1, lastSeen.length * 2);
            lastSeen = Arrays.copyOf(lastSeen, n);
            seen = Arrays.copyOf(seen, n);
        }
    }
}

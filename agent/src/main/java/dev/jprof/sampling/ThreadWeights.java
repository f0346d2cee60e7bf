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
        ensure(thread);
        return seen[thread] ? lastSeen[thread] : previousTick;
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

package dev.jprof.sampling;

import java.util.Arrays;

/**
 * What {@link PlatformStackSource} remembers of each platform thread between ticks: its last stack, state
 * and CPU time, how long it has been quiet, when it was last walked. Entries of threads not seen in the last
 * tick are dropped by {@link #forgetEndedThreads}, so thread churn cannot grow memory.
 */
final class ThreadStackCache {
    private LongIntMap cacheIndex = new LongIntMap(64);
    private Cached[] cache = new Cached[64];
    private int cached;

    /** Threads whose last stack is remembered. */
    int size() {
        return cached;
    }

    /** Drops cache entries of threads not seen in the last tick, so thread churn cannot grow memory. */
    void forgetEndedThreads(long tick) {
        LongIntMap index = new LongIntMap(cached);
        Cached[] kept = new Cached[cache.length];
        int k = 0;
        for (int i = 0; i < cached; i++) {
            if (cache[i].lastTick >= tick - 1) {
                kept[k] = cache[i];
                index.put(cache[i].id, k++);
            }
        }
        cache = kept;
        cacheIndex = index;
        cached = k;
    }

    /** The entry of thread {@code id}, created on first sight; marks it seen at {@code tick}. */
    Cached get(long id, long tick) {
        int at = cacheIndex.get(id);
        if (at >= 0) {
            cache[at].lastTick = tick;
            return cache[at];
        }
        if (cached == cache.length) {
            cache = Arrays.copyOf(cache, cached * 2);
        }
        Cached c = new Cached();
        c.id = id;
        c.lastTick = tick;
        cache[cached] = c;
        cacheIndex.put(id, cached++);
        return c;
    }

    static final class Cached {
        long id;
        long lastTick;
        byte state = -1;
        long cpu = -2;
        int quietStreak;
        StackTraceElement[] stack;
        /** The tick of the last walk, -1 before the first. */
        long lastWalk = -1;
        /** Ran since its stack was taken, but its walk was put off: the stack must not be reused. */
        boolean stale;
    }
}

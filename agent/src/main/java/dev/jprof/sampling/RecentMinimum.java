package dev.jprof.sampling;

import java.util.Arrays;

/**
 * The smallest of the last few measurements. A batched stack walk's wall time bounds how long the
 * program stood still at the safepoint, but it also holds every wait for a CPU when other processes
 * load the machine: the smallest recent value (per frame walked) is the pause itself, without that noise.
 */
final class RecentMinimum {
    private final long[] values;
    private int count;

    RecentMinimum(int window) {
        values = new long[Math.max(1, window)];
        Arrays.fill(values, Long.MAX_VALUE);
    }

    /** Adds a measurement and returns the smallest of the recent ones, this one included. */
    long add(long value) {
        values[count++ % values.length] = value;
        long min = Long.MAX_VALUE;
        for (long v : values) {
            min = Math.min(min, v);
        }
        return min;
    }
}

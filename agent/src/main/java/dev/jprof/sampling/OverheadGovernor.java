package dev.jprof.sampling;

/**
 * Keeps the sampler's cost under a share of wall time: it follows the average cost of a tick (its wall
 * duration, which covers the sampler's CPU time and the time it held threads at a safepoint or
 * handshake) and stretches the interval when {@code cost / interval} would exceed the budget.
 */
final class OverheadGovernor {
    private static final long MAX_STRETCH = 100;

    private final long baseInterval;
    private final double maxOverhead;
    private double averageCost;
    private long ticks;
    private long stretchedTicks;
    private long largestInterval;

    /** @param maxOverhead a fraction such as 0.01; 0 or less disables the governor */
    OverheadGovernor(long baseInterval, double maxOverhead) {
        this.baseInterval = baseInterval;
        this.maxOverhead = maxOverhead;
        this.largestInterval = baseInterval;
    }

    /** The interval until the next tick, given what the last tick cost. */
    long nextInterval(long tickCostNanos) {
        ticks++;
        if (maxOverhead <= 0) {
            return baseInterval;
        }
        // An exponential average: one slow tick (a GC pause) should not halve the sampling rate.
        averageCost = ticks == 1 ? tickCostNanos : averageCost * 0.9 + tickCostNanos * 0.1;
        long needed = (long) (averageCost / maxOverhead);
        long interval = Math.min(Math.max(baseInterval, needed), baseInterval * MAX_STRETCH);
        if (interval > baseInterval) {
            stretchedTicks++;
            largestInterval = Math.max(largestInterval, interval);
        }
        return interval;
    }

    /** True when the interval had to be stretched at least once. */
    boolean stretched() {
        return stretchedTicks > 0;
    }

    /** The longest interval the governor chose. */
    long largestInterval() {
        return largestInterval;
    }

    double maxOverhead() {
        return maxOverhead;
    }
}

package dev.jprof.sampling;

/**
 * Keeps the sampler's cost under a share of wall time: it follows the average cost of a tick (the
 * sampler thread's CPU time for it and for waking up to it, or its wall time where CPU time is unknown, plus the time the
 * program stood still at a safepoint for it) and stretches the interval when {@code cost / interval}
 * would exceed the budget.
 */
final class OverheadGovernor {
    /**
     * Stretch at most this many times (one sample a second at the default 10 ms). Ten was not enough: four
     * threads computing 2,000 frames deep on JDK 17 stop the program for ~8 ms at each batched walk, 8%
     * of the time even at 100 ms. A canary running for an hour still gets thousands of samples a thread.
     */
    static final long MAX_STRETCH = 100;
    /**
     * Time during which the budget is looser ({@link #WARM_UP_LENIENCY}): a fresh JVM runs the sampler interpreted and loads
     * its classes, which costs several times a warmed-up tick (measured: 400-600 µs of CPU per tick in the
     * first seconds, 100-160 µs after) and would stretch short runs for nothing; a tick that costs more
     * than that (10,000 threads) is still reined in. One second, not three: a user running a short program
     * pays the whole run, and at ten times the budget three seconds could cost a 3 s program up to 10% (measured
     * +5-7% whole-run on 2.6 s programs before); the sampler's code is compiled within the first second.
     */
    static final long WARM_UP_NANOS = 1_000_000_000L;
    /**
     * The first ticks carry one-time costs (loading and linking the sampler's classes, first calls into
     * the JDK's thread APIs: several ms each on JDK 25), so they are not measured at all.
     */
    static final int IGNORED_TICKS = 20;
    /**
     * How much looser the budget is during warm-up. Three, not ten: the budget only binds when the program
     * fills every CPU (see Sampler#measuredTick), and there ten times 1% for the first second was up to 4% of
     * a 2.3 s program's whole run.
     */
    static final double WARM_UP_LENIENCY = 3;
    /** At least this many ticks get the looser budget, whatever the interval. */
    static final int MIN_WARM_UP_TICKS = 50;

    private final long baseInterval;
    private final double maxOverhead;
    private double averageCost;
    private long ticks;
    private long stretchedTicks;
    private long largestInterval;
    private final long warmUpTicks;
    /** The sum of the intervals chosen so far: about the time since sampling started. */
    private long elapsed;
    private boolean wasWarmingUp = true;

    /** @param maxOverhead a fraction such as 0.01; 0 or less disables the governor */
    OverheadGovernor(long baseInterval, double maxOverhead) {
        this.baseInterval = baseInterval;
        this.maxOverhead = maxOverhead;
        this.largestInterval = baseInterval;
        this.warmUpTicks = Math.max(MIN_WARM_UP_TICKS, WARM_UP_NANOS / Math.max(1, baseInterval));
    }

    /** Ticks that get the warm-up budget. */
    long warmUpTicks() {
        return warmUpTicks;
    }

    /** The interval until the next tick, given what the last tick cost. */
    long nextInterval(long tickCostNanos) {
        ticks++;
        if (maxOverhead <= 0) {
            return baseInterval;
        }
        // An exponential average: one slow tick (a GC pause) should not halve the sampling rate. The
        // average restarts when warm-up ends, so the cold JVM's costs do not linger.
        if (ticks <= IGNORED_TICKS) {
            elapsed += baseInterval;
            return baseInterval;
        }
        // Warm-up is a time, not a number of ticks: stretched ticks would otherwise make it last ten times
        // longer (a JDK 17 deep-stack walk stopped the program 8% of the time for 30 s at the loose budget).
        boolean warmingUp = ticks <= warmUpTicks && elapsed < WARM_UP_NANOS || ticks <= MIN_WARM_UP_TICKS;
        boolean restart = ticks == IGNORED_TICKS + 1 || wasWarmingUp && !warmingUp;
        wasWarmingUp = warmingUp;
        // One tick counts at most four times the average: a GC pause or a descheduled sampler must not
        // stretch the interval tenfold, while a real rise in cost (deeper stacks) still gets through within
        // a few ticks (the average grows by up to 30% a tick).
        long cost = ticks == IGNORED_TICKS + 1 ? tickCostNanos : (long) Math.min(tickCostNanos, 4 * averageCost);
        averageCost = ticks == IGNORED_TICKS + 1 ? cost
                : restart ? Math.min(averageCost, cost) : averageCost * 0.9 + cost * 0.1;
        long needed = (long) (averageCost / (warmingUp ? maxOverhead * WARM_UP_LENIENCY : maxOverhead));
        long interval = Math.min(Math.max(baseInterval, needed), baseInterval * MAX_STRETCH);
        // A few per cent is the governor's average moving, not a stretch worth a line in the report.
        if (interval > baseInterval + baseInterval / 20) {
            stretchedTicks++;
            largestInterval = Math.max(largestInterval, interval);
        }
        elapsed += interval;
        return interval;
    }

    /**
     * Whether the governor uses the cost of the tick after next: the source should measure costs from now
     * on, its lookup falling in a tick whose cost is ignored. Never with the governor off.
     */
    boolean usesCostSoon() {
        return maxOverhead > 0 && ticks >= IGNORED_TICKS - 1;
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

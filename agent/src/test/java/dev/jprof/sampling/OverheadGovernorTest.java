package dev.jprof.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OverheadGovernorTest {
    private static final long MS = 1_000_000L;

    private static OverheadGovernor warmedUp(long base, double share) {
        OverheadGovernor g = new OverheadGovernor(base, share);
        assertEquals(100, g.warmUpTicks(), "one second of 10 ms ticks");
        for (int i = 0; i < g.warmUpTicks(); i++) {
            assertEquals(base, g.nextInterval(MS / 4), "a cold JVM's 0.25 ms ticks are within the warm-up budget");
        }
        return g;
    }

    @Test
    void keepsTheIntervalWhenTicksAreCheap() {
        OverheadGovernor g = warmedUp(10 * MS, 0.01);
        for (int i = 0; i < 100; i++) {
            assertEquals(10 * MS, g.nextInterval(50_000));
        }
        assertFalse(g.stretched());
    }

    @Test
    void stretchesTheIntervalSoCostStaysUnderTheBudget() {
        OverheadGovernor g = warmedUp(10 * MS, 0.01);
        long interval = 0;
        for (int i = 0; i < 100; i++) {
            interval = g.nextInterval(300_000); // 0.3 ms per tick: 3% at 10 ms
        }
        assertEquals(30 * MS, interval, MS / 100);
        assertTrue(g.stretched());
        assertEquals(30 * MS, g.largestInterval(), MS / 100);
    }

    @Test
    void oneSlowTickDoesNotHalveTheRate() {
        OverheadGovernor g = warmedUp(10 * MS, 0.01);
        for (int i = 0; i < 50; i++) {
            g.nextInterval(20_000);
        }
        long afterSpike = g.nextInterval(1_000_000); // one 1 ms tick (e.g. a GC pause)
        assertTrue(afterSpike < 12 * MS, "interval after one spike: " + afterSpike);
    }

    @Test
    void theFirstTicksCarryOneTimeCostsAndAreNotMeasured() {
        OverheadGovernor g = new OverheadGovernor(10 * MS, 0.01);
        for (int i = 0; i < OverheadGovernor.IGNORED_TICKS; i++) {
            assertEquals(10 * MS, g.nextInterval(50 * MS), "class loading in the first ticks");
        }
        assertEquals(10 * MS, g.nextInterval(MS / 4), "then measured from a fresh average");
    }

    @Test
    void costsAreWantedOneTickBeforeTheFirstOneCountsAndNeverWithTheGovernorOff() {
        OverheadGovernor on = new OverheadGovernor(10 * MS, 0.01);
        OverheadGovernor off = new OverheadGovernor(10 * MS, 0);
        for (int i = 0; i < OverheadGovernor.IGNORED_TICKS - 1; i++) {
            assertFalse(on.usesCostSoon(), "tick " + (i + 1) + "'s cost is ignored and so is the next one's");
            on.nextInterval(0);
            off.nextInterval(0);
        }
        assertTrue(on.usesCostSoon(), "the next tick's cost is ignored, the one after counts");
        for (int i = 0; i < 100; i++) {
            off.nextInterval(0);
        }
        assertFalse(off.usesCostSoon());
    }

    @Test
    void duringWarmUpOnlyExtremeCostsStretch() {
        OverheadGovernor g = afterIgnoredTicks();
        assertEquals(10 * MS, g.nextInterval(250_000), "2.5% while warming up is tolerated");
        assertEquals(30 * MS, afterIgnoredTicks().nextInterval(900_000), MS / 100, "9% is not: 3% at most");
        OverheadGovernor crowded = afterIgnoredTicks();
        assertEquals(333 * MS, crowded.nextInterval(10 * MS), MS, "a tick as long as the interval is not");
    }

    private static OverheadGovernor afterIgnoredTicks() {
        OverheadGovernor g = new OverheadGovernor(10 * MS, 0.01);
        for (int i = 0; i < OverheadGovernor.IGNORED_TICKS; i++) {
            g.nextInterval(0);
        }
        return g;
    }

    @Test
    void zeroDisablesAndStretchIsBounded() {
        assertEquals(10 * MS, new OverheadGovernor(10 * MS, 0).nextInterval(1_000 * MS));
        OverheadGovernor g = warmedUp(10 * MS, 0.01);
        long interval = 0;
        for (int i = 0; i < 100; i++) {
            interval = g.nextInterval(1_000 * MS);
        }
        assertEquals(OverheadGovernor.MAX_STRETCH * 10 * MS, interval, "at most MAX_STRETCH times");
        assertEquals(100, OverheadGovernor.MAX_STRETCH, "one sample a second at the default interval");
    }
    @Test
    void warmUpIsTimeNotTicks() {
        OverheadGovernor g = afterIgnoredTicks();
        long elapsed = OverheadGovernor.IGNORED_TICKS * 10 * MS;
        long interval = 0;
        int ticks = 0;
        while (elapsed < 4_000 * MS) {
            interval = g.nextInterval(5 * MS); // 5 ms a tick: 50% at 10 ms
            elapsed += interval;
            ticks++;
        }
        assertTrue(ticks < 200, "stretched ticks do not prolong the warm-up: " + ticks + " ticks in 4 s");
        for (int i = 0; i < 50; i++) {
            interval = g.nextInterval(5 * MS);
        }
        assertEquals(500 * MS, interval, MS, "after warm-up, the full budget: 5 ms is 1% of 500 ms");
    }
    @Test
    void aSpikeCountsAtMostFourTimesTheAverage() {
        OverheadGovernor g = warmedUp(10 * MS, 0.01);
        for (int i = 0; i < 50; i++) {
            g.nextInterval(80_000);
        }
        long afterSpike = g.nextInterval(50 * MS); // a 50 ms GC pause during one tick
        assertTrue(afterSpike < 12 * MS, "one spike barely moves the interval: " + afterSpike);
        long interval = 0;
        for (int i = 0; i < 40; i++) {
            interval = g.nextInterval(3 * MS); // stacks got deep: 3 ms a tick from now on
        }
        assertEquals(300 * MS, interval, 30 * MS, "a lasting rise gets through within a few dozen ticks");
    }
}

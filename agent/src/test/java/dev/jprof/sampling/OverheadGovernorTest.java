package dev.jprof.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OverheadGovernorTest {
    private static final long MS = 1_000_000L;

    private static OverheadGovernor warmedUp(long base, double share) {
        OverheadGovernor g = new OverheadGovernor(base, share);
        assertEquals(300, g.warmUpTicks(), "three seconds of 10 ms ticks");
        for (int i = 0; i < g.warmUpTicks(); i++) {
            assertEquals(base, g.nextInterval(MS / 2), "a cold JVM's 0.5 ms ticks are within the warm-up budget");
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
        assertEquals(10 * MS, g.nextInterval(MS / 2), "then measured from a fresh average");
    }

    @Test
    void duringWarmUpOnlyExtremeCostsStretch() {
        OverheadGovernor g = afterIgnoredTicks();
        assertEquals(10 * MS, g.nextInterval(900_000), "9% while warming up is tolerated");
        OverheadGovernor crowded = afterIgnoredTicks();
        assertEquals(100 * MS, crowded.nextInterval(10 * MS), "a tick as long as the interval is not");
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
        assertEquals(100 * MS, warmedUp(10 * MS, 0.01).nextInterval(1_000 * MS), "at most 10 times");
    }
}

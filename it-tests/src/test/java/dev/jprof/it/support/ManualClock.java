package dev.jprof.it.support;

import dev.jprof.sampling.Clock;

/** A clock that moves only when a test advances it, for deterministic recordings. */
public final class ManualClock implements Clock {
    private final boolean cpuFollowsWall;
    private long nanos;

    /** @param cpuFollowsWall report process CPU time equal to wall time (else unknown, -1) */
    public ManualClock(boolean cpuFollowsWall) {
        this.cpuFollowsWall = cpuFollowsWall;
    }

    public void advance(long deltaNanos) {
        nanos += deltaNanos;
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public long epochMillis() {
        return 1_700_000_000_000L;
    }

    @Override
    public long processCpuNanos() {
        return cpuFollowsWall ? nanos : -1;
    }
}

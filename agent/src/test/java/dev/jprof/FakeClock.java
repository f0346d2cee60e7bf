package dev.jprof;

import dev.jprof.sampling.Clock;

/** A clock that moves only when told to. */
final class FakeClock implements Clock {
    static final long EPOCH_MILLIS = 1_700_000_000_000L;
    private long nanos = 1_000_000_000L;
    private long cpu;

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public long epochMillis() {
        return EPOCH_MILLIS + (nanos - 1_000_000_000L) / 1_000_000;
    }

    @Override
    public long processCpuNanos() {
        return cpu;
    }

    void advanceMillis(long millis) {
        nanos += millis * 1_000_000;
        cpu += millis * 500_000;
    }
}

package dev.jprof.testing;

import dev.jprof.sampling.Clock;
import java.time.Duration;

/** A clock that moves only when told to, by one thread; others may read it. */
public final class FakeClock implements Clock {
    /** The wall-clock time at which a fresh FakeClock starts. */
    public static final long EPOCH_MILLIS = 1_700_000_000_000L;
    // volatile: a sampler thread may read it while a test advances it (only the test thread writes)
    private volatile long nanos = 1_000_000_000L;
    private volatile long epochMillis = EPOCH_MILLIS;
    private volatile long cpuNanos;
    private long threadCpuNanos = -1;

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public long epochMillis() {
        return epochMillis;
    }

    @Override
    public long processCpuNanos() {
        return cpuNanos;
    }

    @Override
    public long currentThreadCpuNanos() {
        return threadCpuNanos;
    }

    /** Moves the calling thread's CPU time forward (from 0 on the first call; unknown until then). */
    public void advanceThreadCpu(long nanos) {
        threadCpuNanos = Math.max(0, threadCpuNanos) + nanos;
    }

    /** Moves wall time (and, by {@code cpuShare} of it, CPU time) forward. */
    public void advance(Duration d, double cpuShare) {
        nanos += d.toNanos();
        epochMillis += d.toMillis();
        cpuNanos += (long) (d.toNanos() * cpuShare);
    }

    public void advance(Duration d) {
        advance(d, 1.0);
    }

    /** Moves wall time forward by {@code millis}, with half of it as CPU time. */
    public void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis), 0.5);
    }
}

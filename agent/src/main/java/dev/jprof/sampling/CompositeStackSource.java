package dev.jprof.sampling;

import java.util.List;

/** Several stack sources sampled one after another in the same tick (platform + virtual threads). */
public final class CompositeStackSource implements StackSource {
    private final List<StackSource> sources;

    public CompositeStackSource(List<StackSource> sources) {
        this.sources = List.copyOf(sources);
    }

    @Override
    public void sample(StackConsumer consumer) {
        for (StackSource s : sources) {
            s.sample(consumer);
        }
    }

    @Override
    public void finish(StackConsumer consumer) {
        for (StackSource s : sources) {
            s.finish(consumer);
        }
    }

    @Override
    public void measureCost() {
        for (StackSource s : sources) {
            s.measureCost();
        }
    }

    @Override
    public long lastPauseNanos() {
        long pause = 0;
        for (StackSource s : sources) {
            pause += s.lastPauseNanos();
        }
        return pause;
    }

    @Override
    public long lastHelperCpuNanos() {
        long cpu = 0;
        for (StackSource s : sources) {
            cpu += s.lastHelperCpuNanos();
        }
        return cpu;
    }

    @Override
    public int virtualThreadsSeen() {
        return (int) most(StackSource::virtualThreadsSeen);
    }

    @Override
    public long carrierCpuNanos() {
        return most(StackSource::carrierCpuNanos);
    }

    @Override
    public long carrierWallNanos() {
        return most(StackSource::carrierWallNanos);
    }

    /** The largest answer of the sources, -1 when none knows (only the virtual-thread source answers). */
    private long most(java.util.function.ToLongFunction<StackSource> question) {
        long most = -1;
        for (StackSource s : sources) {
            most = Math.max(most, question.applyAsLong(s));
        }
        return most;
    }

    public List<StackSource> sources() {
        return sources;
    }

    @Override
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (StackSource s : sources) {
            b.append(b.length() == 0 ? "" : "; ").append(s.describe());
        }
        return b.toString();
    }
}

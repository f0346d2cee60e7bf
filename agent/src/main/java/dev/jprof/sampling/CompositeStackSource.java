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

    // The three answers below are loops, not one helper taking a method reference: each reference's first use
    // links an invokedynamic call site, ~1 ms apiece of a cold JVM's exit, where the report reads them.

    /** The largest answer of the sources, -1 when none knows (only the virtual-thread source answers). */
    @Override
    public int virtualThreadsSeen() {
        int most = -1;
        for (StackSource s : sources) {
            most = Math.max(most, s.virtualThreadsSeen());
        }
        return most;
    }

    @Override
    public long carrierCpuNanos() {
        long most = -1;
        for (StackSource s : sources) {
            most = Math.max(most, s.carrierCpuNanos());
        }
        return most;
    }

    @Override
    public long carrierWallNanos() {
        long most = -1;
        for (StackSource s : sources) {
            most = Math.max(most, s.carrierWallNanos());
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

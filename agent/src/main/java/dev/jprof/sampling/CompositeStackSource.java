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
    public long lastPauseNanos() {
        long pause = 0;
        for (StackSource s : sources) {
            pause += s.lastPauseNanos();
        }
        return pause;
    }

    @Override
    public int virtualThreadsSeen() {
        int seen = -1;
        for (StackSource s : sources) {
            seen = Math.max(seen, s.virtualThreadsSeen());
        }
        return seen;
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

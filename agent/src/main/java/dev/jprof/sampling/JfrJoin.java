package dev.jprof.sampling;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Joins JFR's late execution samples to jprof's wall-clock ticks, by thread and time. Each tick gives every
 * thread a span of time, from the end of its previous span to the tick: a waiting thread's span keeps the
 * stack the walk source gave it; a running thread's span waits until JFR's samples of that window have
 * arrived and is then spread evenly over the stacks JFR took of the thread inside it. A span without any
 * falls back to the walk taken at the tick, or to JFR's nearest stack of the thread, or to its previous
 * stack. Spans are delivered in order and back to back, so each thread's total time is exactly what the
 * ticks gave it, whichever stacks carry it.
 */
final class JfrJoin {
    /** How far from a window JFR's nearest stack may lie, in intervals, to stand for a window it missed. */
    static final int NEAR_INTERVALS = 2;
    /** A running window waits at most this long for its samples (a stalled feed must not hold the report). */
    static final long MAX_WAIT_NANOS = 3_000_000_000L;
    /** Share of recent running windows that had a JFR stack above which a running thread is not walked. */
    static final double COVERED = 0.5;

    private final long intervalNanos;
    private final LongIntMap index = new LongIntMap(64);
    private final List<Line> lines = new ArrayList<>();
    private long now;
    private long previousTick;
    private long deliveries;
    private long joinedWindows;
    private long fallbackWindows;

    JfrJoin(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /** Starts a tick at {@code nowNanos}; the previous tick was at {@code previousTickNanos}. */
    void beginTick(long nowNanos, long previousTickNanos) {
        now = nowNanos;
        previousTick = previousTickNanos;
    }

    /**
     * A thread's state and stack from the walk source ({@code null}: unchanged). With {@code jfr} (JFR's feed is
     * on), a walked RUNNABLE thread's window waits for JFR's stacks of it, which beat the walk's (taken at a
     * safepoint poll); a reused stack means it did not run.
     */
    void accept(long id, String name, byte state, StackTraceElement[] stack, boolean jfr,
                StackSource.StackConsumer out) {
        Line line = line(id, name);
        add(line, state, stack, jfr && state == ThreadState.RUNNABLE && stack != null, line.since, out);
    }

    /** A running thread left unwalked: its window waits for JFR's stacks. */
    void running(long id, String name, StackSource.StackConsumer out) {
        Line line = line(id, name);
        add(line, ThreadState.RUNNABLE, null, true, line.since, out);
    }

    /** A quiet thread skipped for some ticks changed state: the gap up to the previous tick is its old state's. */
    void held(long id, String name, StackSource.StackConsumer out) {
        Line line = line(id, name);
        if (line.state >= 0 && previousTick > line.since) {
            Item gap = new Item(line.since, previousTick, line.state, null, false);
            line.since = previousTick;
            enqueue(line, gap, out);
        }
    }

    /** A stack JFR took; kept with its thread until the windows around it are joined. */
    void addSample(JfrSample sample) {
        int at = index.get(sample.threadId);
        if (at < 0) {
            return; // not a profiled thread (filtered out, or jprof's own)
        }
        List<JfrSample> samples = lines.get(at).samples;
        int i = samples.size();
        while (i > 0 && samples.get(i - 1).nanos > sample.nanos) {
            i--;
        }
        samples.add(i, sample);
    }

    /**
     * Delivers every span that can be: the running windows JFR's feed has caught up with ({@code watermark}),
     * those waiting longer than {@link #MAX_WAIT_NANOS}, and everything when {@code all}.
     */
    void deliver(long watermark, boolean all, StackSource.StackConsumer out) {
        for (Line line : lines) {
            while (!line.items.isEmpty()) {
                Item item = line.items.peekFirst();
                if (item.running && !all && item.to > watermark && now - item.to < MAX_WAIT_NANOS) {
                    break;
                }
                line.items.pollFirst();
                if (item.running) {
                    join(line, item, out);
                } else {
                    out.acceptSpan(line.id, line.name, false, item.state, item.stack, item.from, item.to);
                }
            }
            forgetOldSamples(line, watermark);
        }
        if (++deliveries % FORGET_EVERY == 0 && lines.size() > 64) {
            forgetEndedThreads();
        }
    }

    /** Every how many deliveries lines of threads that ended are dropped, so thread churn cannot grow memory. */
    static final int FORGET_EVERY = 512;

    private void forgetEndedThreads() {
        List<Line> kept = new ArrayList<>();
        LongIntMap keptIndex = new LongIntMap(lines.size());
        for (Line line : lines) {
            if (!line.items.isEmpty() || now - line.since < MAX_WAIT_NANOS) {
                keptIndex.put(line.id, kept.size());
                kept.add(line);
            }
        }
        index.clear(keptIndex);
        lines.clear();
        lines.addAll(kept);
    }

    /**
     * Whether a walk of the running thread is not needed: it was running at the previous tick too (a window
     * JFR misses then keeps a running stack, never the wait it came out of) and recent running windows mostly
     * had a JFR stack.
     */
    boolean covered(long id) {
        int at = index.get(id);
        return at >= 0 && lines.get(at).state == ThreadState.RUNNABLE && lines.get(at).coverage >= COVERED;
    }

    /** Running windows that got JFR stacks. */
    long joinedWindows() {
        return joinedWindows;
    }

    /** Running windows that got no JFR stack and kept a walk's or a neighbour's. */
    long fallbackWindows() {
        return fallbackWindows;
    }

    /** Spans waiting for JFR's samples, over all threads. */
    int pendingSpans() {
        int n = 0;
        for (Line line : lines) {
            n += line.items.size();
        }
        return n;
    }

    private void add(Line line, byte state, StackTraceElement[] stack, boolean running, long from,
                     StackSource.StackConsumer out) {
        long to = Math.max(now, from);
        line.since = to;
        line.state = state;
        if (running && to == from) {
            return; // an empty window (the unrecorded first sample): nothing to join
        }
        enqueue(line, new Item(from, to, state, stack, running), out);
    }

    /** A span behind no pending window goes out at once: waiting threads are not delayed. */
    private void enqueue(Line line, Item item, StackSource.StackConsumer out) {
        if (line.items.isEmpty() && !item.running) {
            out.acceptSpan(line.id, line.name, false, item.state, item.stack, item.from, item.to);
        } else {
            line.items.addLast(item);
        }
    }

    private void join(Line line, Item item, StackSource.StackConsumer out) {
        int first = -1;
        int count = 0;
        for (int i = 0; i < line.samples.size(); i++) {
            JfrSample s = line.samples.get(i);
            if (s.nanos >= item.to) {
                break;
            }
            if (s.nanos >= item.from && !s.truncated) {
                if (first < 0) {
                    first = i;
                }
                count++;
            }
        }
        if (count == 0) {
            StackTraceElement[] near = item.stack != null ? null : nearest(line, item);
            line.coverage = 0.8 * line.coverage + (near != null ? 0.2 : 0);
            fallbackWindows++;
            out.acceptSpan(line.id, line.name, false, item.state, item.stack != null ? item.stack : near,
                    item.from, item.to);
            return;
        }
        line.coverage = 0.8 * line.coverage + 0.2;
        joinedWindows++;
        long length = item.to - item.from;
        int k = 0;
        for (int i = first; k < count; i++) {
            JfrSample s = line.samples.get(i);
            if (s.truncated) {
                continue;
            }
            // Contiguous bounds: the pieces add up to the window exactly.
            long a = item.from + length * k / count;
            long b = item.from + length * (k + 1) / count;
            k++;
            out.acceptSpan(line.id, line.name, false, item.state, s.stack, a, b);
        }
    }

    /** JFR's stack of the thread closest to the window, within {@link #NEAR_INTERVALS}, or null. */
    private StackTraceElement[] nearest(Line line, Item item) {
        long reach = NEAR_INTERVALS * intervalNanos;
        StackTraceElement[] best = null;
        long bestDistance = Long.MAX_VALUE;
        for (JfrSample s : line.samples) {
            long distance = s.nanos < item.from ? item.from - s.nanos : s.nanos - item.to;
            if (!s.truncated && distance <= reach && distance < bestDistance) {
                best = s.stack;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Samples before the thread's oldest pending window, less the reach of {@link #nearest}, are of no more use. */
    private void forgetOldSamples(Line line, long watermark) {
        long oldestNeeded = line.items.isEmpty() ? Math.min(line.since, watermark) : line.items.peekFirst().from;
        if (oldestNeeded == Long.MIN_VALUE) {
            return; // no chunk has arrived yet
        }
        long keepFrom = oldestNeeded - NEAR_INTERVALS * intervalNanos;
        Iterator<JfrSample> it = line.samples.iterator();
        int drop = 0;
        while (it.hasNext() && it.next().nanos < keepFrom) {
            drop++;
        }
        if (drop > 0) {
            line.samples.subList(0, drop).clear();
        }
    }

    private Line line(long id, String name) {
        int at = index.get(id);
        if (at >= 0) {
            Line line = lines.get(at);
            line.name = name;
            return line;
        }
        Line line = new Line(id, name, previousTick);
        index.put(id, lines.size());
        lines.add(line);
        return line;
    }

    private static final class Line {
        final long id;
        String name;
        /** The end of the thread's last span. */
        long since;
        byte state = -1;
        double coverage;
        final ArrayDeque<Item> items = new ArrayDeque<>();
        final List<JfrSample> samples = new ArrayList<>();

        Line(long id, String name, long since) {
            this.id = id;
            this.name = name;
            this.since = since;
        }
    }

    private static final class Item {
        final long from;
        final long to;
        final byte state;
        final StackTraceElement[] stack;
        final boolean running;

        Item(long from, long to, byte state, StackTraceElement[] stack, boolean running) {
            this.from = from;
            this.to = to;
            this.state = state;
            this.stack = stack;
            this.running = running;
        }
    }
}

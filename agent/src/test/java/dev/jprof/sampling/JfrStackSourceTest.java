package dev.jprof.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.testing.FakeClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

/** The JFR join, driven by a fake clock, a scripted walk source and a scripted feed of JFR samples. */
class JfrStackSourceTest {
    private static final long MS = 1_000_000L;
    private static final long INTERVAL = 10 * MS;
    private static final StackTraceElement[] POLL = stack("app.Work.poll", "app.Work.run");
    private static final StackTraceElement[] LEAF = stack("app.Work.leaf", "app.Work.run");
    private static final StackTraceElement[] OTHER_LEAF = stack("app.Work.other", "app.Work.run");
    private static final StackTraceElement[] PARKED = stack("app.Pool.take", "app.Pool.run");
    /** Irregular gaps between ticks, as a loaded machine gives. */
    private static final long[] GAPS = {10, 13, 7, 25, 10, 10, 4, 16, 10, 31, 10, 9, 11, 10, 10, 18, 10, 10, 3, 12};

    private final FakeClock clock = new FakeClock();
    private final ScriptedFeed feed = new ScriptedFeed();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void eachThreadsTotalTimeIsExactlyTheWalkSourcesWhateverStacksCarryIt() {
        Map<String, Long> walked = totals(record(false));
        Map<String, Long> joined = totals(record(true));
        assertEquals(walked, joined, "per-thread totals, walk source vs JFR join");
        assertTrue(walked.get("busy") > 0 && walked.get("pool") > 0 && walked.get("bursty") > 0);
    }

    @Test
    void aRunningWindowIsSpreadOverJfrsStacksOfItAndWaitsForThemToArrive() {
        Recording r = new Recording(true);
        long from = clock.nanoTime();
        feed.sample(1, from + 2 * MS, LEAF);
        feed.sample(1, from + 7 * MS, OTHER_LEAF);
        r.tick(); // one window of busy, two JFR stacks in it
        assertEquals(0, weightOf(r, LEAF) + weightOf(r, POLL), "not delivered before the feed catches up with it");
        assertEquals(INTERVAL, weightOf(r, PARKED), "a waiting thread is not held back");
        feed.watermark = clock.nanoTime();
        r.tick();
        assertEquals(5 * MS, weightOf(r, LEAF));
        assertEquals(5 * MS, weightOf(r, OTHER_LEAF));
        assertEquals(0, weightOf(r, POLL), "JFR's stacks beat the walk's safepoint-poll stack");
    }

    @Test
    void aWindowWithoutJfrStacksKeepsItsWalkAndPendingWindowsAreFlushedAtStop() {
        Recording r = new Recording(true);
        r.walk.busyStack = POLL;
        for (int i = 0; i < 5; i++) {
            r.tick();
        }
        // The feed never caught up: the windows are pending until stop, then keep the walked stacks.
        r.sampler.finishSource();
        assertEquals(5 * INTERVAL, weightOf(r, POLL));
        assertEquals(5, r.source.windows()[1], "five windows fell back to the walk");
    }

    @Test
    void aCoveredThreadIsNotWalkedAndAMissedWindowTakesJfrsNearestStack() {
        Recording r = new Recording(true);
        for (int i = 0; i < 8; i++) { // JFR samples busy in every window: it becomes covered
            feed.sample(1, clock.nanoTime() + MS, LEAF);
            r.tick();
            feed.watermark = clock.nanoTime();
        }
        assertTrue(r.walk.deferred > 0, "busy's walks are left to JFR once it covers it");
        long before = weightOf(r, LEAF);
        assertEquals(7 * INTERVAL, before, "windows 1-7 joined, window 8 waits for the next tick");
        feed.sample(1, clock.nanoTime() + 11 * MS, OTHER_LEAF); // 1 ms into window 10, none in window 9
        r.tick();
        r.tick();
        feed.watermark = clock.nanoTime();
        r.tick();
        r.sampler.finishSource(); // window 11 has none either: it is flushed with its nearest stack
        assertEquals(8 * INTERVAL, weightOf(r, LEAF));
        assertEquals(3 * INTERVAL, weightOf(r, OTHER_LEAF), "windows 9 and 11 take the nearest stack, 10 its own");
        assertEquals(0, weightOf(r, POLL));
    }

    @Test
    void withoutJfrEveryStackIsWalkedAndTheReasonIsSaidOnce() {
        Recording r = new Recording(false);
        r.walk.busyStack = POLL;
        r.tick();
        r.tick();
        assertEquals(2 * INTERVAL, weightOf(r, POLL), "delivered at once, as the walk source alone does");
        assertEquals(0, r.walk.deferred);
        String said = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, said.lines().count(), said);
        assertTrue(said.contains("JFR execution samples are unavailable") && said.contains("stack_source=walk"), said);
    }

    /** One recording of the script through a Sampler, with or without the JFR join. */
    private List<Run> record(boolean jfr) {
        FakeClock c = new FakeClock();
        ScriptedWalk walk = new ScriptedWalk();
        ScriptedFeed f = new ScriptedFeed();
        SampleStore store = new SampleStore();
        JfrStackSource source = new JfrStackSource(walk, c, INTERVAL, frames -> f, Runnable::run, 0,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        StackSource used = jfr ? source : walk;
        Sampler sampler = new Sampler(used, store, c, INTERVAL);
        prime(used);
        c.advance(Duration.ofMillis(3));
        sampler.begin();
        for (int i = 0; i < 60; i++) {
            long gap = GAPS[i % GAPS.length];
            long windowStart = c.nanoTime();
            if (i % 3 != 2) { // JFR misses some windows
                f.sample(1, windowStart + gap * MS / 2, i % 2 == 0 ? LEAF : OTHER_LEAF);
            }
            f.sample(3, windowStart + 1, LEAF);
            c.advance(Duration.ofMillis(gap));
            walk.burstyRunning = i % 5 < 2;
            sampler.tick();
            if (i % 7 == 0) {
                f.watermark = c.nanoTime() - 40 * MS; // chunks arrive late and irregularly
            }
        }
        sampler.finishSource();
        if (jfr) {
            assertTrue(source.windows()[0] > 20 && source.windows()[1] > 5, "joined and fallback windows both occur");
        }
        List<Run> runs = new ArrayList<>();
        for (int run = 0; run < store.runCount(); run++) {
            runs.add(new Run(store.threadName(store.runThread(run)), store.runWeight(run)));
        }
        return runs;
    }

    /** The sampler's unrecorded first sample, before the session begins. */
    private static void prime(StackSource source) {
        source.sample(new StackSource.StackConsumer() {
            @Override
            public void accept(long id, String name, boolean virtual, byte state, StackTraceElement[] stack) {
            }
        });
    }

    private static Map<String, Long> totals(List<Run> runs) {
        Map<String, Long> totals = new HashMap<>();
        for (Run r : runs) {
            totals.merge(r.thread, r.weight, Long::sum);
        }
        return totals;
    }

    private static long weightOf(Recording r, StackTraceElement[] stack) {
        int id = SampleStore.stackId(r.store.internStack(stack));
        long w = 0;
        for (int run = 0; run < r.store.runCount(); run++) {
            if (r.store.runStack(run) == id) {
                w += r.store.runWeight(run);
            }
        }
        return w;
    }

    private static StackTraceElement[] stack(String... methods) {
        StackTraceElement[] s = new StackTraceElement[methods.length];
        for (int i = 0; i < methods.length; i++) {
            int dot = methods[i].lastIndexOf('.');
            s[i] = new StackTraceElement(methods[i].substring(0, dot), methods[i].substring(dot + 1), "Work.java", i + 1);
        }
        return s;
    }

    private static final class Run {
        final String thread;
        final long weight;

        Run(String thread, long weight) {
            this.thread = thread;
            this.weight = weight;
        }
    }

    /** A Sampler over the JFR join of a scripted walk source, ticking every 10 ms of the fake clock. */
    private final class Recording {
        final ScriptedWalk walk = new ScriptedWalk();
        final SampleStore store = new SampleStore();
        final JfrStackSource source;
        final Sampler sampler;

        Recording(boolean jfrWorks) {
            source = new JfrStackSource(walk, clock, INTERVAL, frames -> {
                if (!jfrWorks) {
                    throw new IllegalStateException("JFR is disabled");
                }
                return feed;
            }, Runnable::run, 0, new PrintStream(err, true, StandardCharsets.UTF_8));
            sampler = new Sampler(source, store, clock, INTERVAL);
            prime(source);
            sampler.begin();
        }

        void tick() {
            clock.advance(Duration.ofMillis(10));
            sampler.tick();
        }
    }

    /**
     * Three threads: 1 "busy" always running, 2 "pool" always parked, 3 "bursty" running in some ticks. A
     * running thread is walked (its safepoint-poll stack) unless the deferral predicate covers it.
     */
    private static final class ScriptedWalk implements StackSource, RunningWalks {
        LongPredicate covered = id -> false;
        StackTraceElement[] busyStack = POLL;
        boolean burstyRunning;
        int deferred;
        private boolean poolSeen;

        @Override
        public void deferRunningWalks(LongPredicate covered) {
            this.covered = covered;
        }

        @Override
        public void sample(StackConsumer consumer) {
            running(consumer, 1, "busy", busyStack);
            consumer.accept(2, "pool", false, ThreadState.WAITING, poolSeen ? null : PARKED);
            poolSeen = true;
            if (burstyRunning) {
                running(consumer, 3, "bursty", POLL);
            } else {
                consumer.accept(3, "bursty", false, ThreadState.TIMED_WAITING, PARKED);
            }
        }

        private void running(StackConsumer consumer, long id, String name, StackTraceElement[] stack) {
            if (covered.test(id)) {
                deferred++;
                consumer.running(id, name);
            } else {
                consumer.accept(id, name, false, ThreadState.RUNNABLE, stack);
            }
        }
    }

    /** JFR's feed as the test scripts it: samples handed over at once, the watermark set by hand. */
    private static final class ScriptedFeed implements ExecutionSamples {
        final List<JfrSample> pending = new ArrayList<>();
        long watermark = Long.MIN_VALUE;

        void sample(long threadId, long nanos, StackTraceElement[] stack) {
            pending.add(new JfrSample(threadId, nanos, stack, false));
        }

        @Override
        public void drainTo(List<JfrSample> out) {
            out.addAll(pending);
            pending.clear();
        }

        @Override
        public long watermark() {
            return watermark;
        }

        @Override
        public void awaitUpTo(long nanos, long timeoutNanos) {
        }

        @Override
        public void close() {
        }
    }
}

package dev.jprof.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.testing.ScriptedStackSource;
import org.junit.jupiter.api.Test;

/** The byte budget: estimate under the limit, time never lost, stacks cut to known prefixes when full. */
class SampleStoreMemoryTest {
    private static final long LIMIT = SampleStore.MIN_MAX_BYTES;

    @Test
    void endlessUniqueStacksStayUnderTheLimitAndKeepEveryNanosecond() {
        SampleStore store = new SampleStore().maxBytes(LIMIT);
        int t = store.thread(1, "main", false);
        long total = 0;
        for (int i = 0; i < 200_000; i++) {
            // A new generated class every sample (think lambdas or proxies) under a fixed caller.
            StackTraceElement[] stack = ScriptedStackSource.stack("com.acme.Main.main:1", "com.acme.Main.handle:2",
                    "com.acme.Gen$$Proxy" + i + ".invoke:" + (i % 50), "com.acme.Gen$$Leaf" + i + ".run:1");
            store.record(t, store.internStack(stack), ThreadState.RUNNABLE, i * 10L, 10);
            total += 10;
            if (i % 1000 == 0) {
                assertTrue(store.estimatedBytes() <= LIMIT, "estimate " + store.estimatedBytes() + " at sample " + i);
            }
        }
        assertTrue(store.estimatedBytes() <= LIMIT, "estimate " + store.estimatedBytes());
        assertEquals(total, totalWeight(store));
        assertEquals(200_000, store.sampleCount());
        assertEquals(0, store.droppedSamples());
        assertTrue(store.shallowerSamples() > 100_000, "most unique stacks were cut: " + store.shallowerSamples());
        assertTrue(store.memoryLimitReached());
    }

    @Test
    void aNewStackLandsOnItsLongestKnownRootSidePrefixOnceTheTablesAreFull() {
        SampleStore store = new SampleStore().maxBytes(LIMIT);
        int t = store.thread(1, "main", false);
        int known = SampleStore.stackId(store.internStack(ScriptedStackSource.stack("com.acme.Main.main:1",
                "com.acme.Main.serve:2")));
        for (int i = 0; store.shallowerSamples() == 0; i++) {
            long s = store.internStack(ScriptedStackSource.stack("com.acme.Fill.f" + i + ":1"));
            store.record(t, s, ThreadState.RUNNABLE, i, 1);
        }
        long cut = store.internStack(ScriptedStackSource.stack("com.acme.Main.main:1", "com.acme.Main.serve:2",
                "com.acme.Never.seen:3", "com.acme.Never.deeper:4"));
        assertEquals(known, SampleStore.stackId(cut), "time lands on main/serve, the known prefix");
        long before = store.shallowerSamples();
        store.record(t, cut, ThreadState.RUNNABLE, 1_000_000, 7);
        assertEquals(before + 1, store.shallowerSamples());
        long seenBefore = store.internStack(ScriptedStackSource.stack("com.acme.Main.main:1"));
        store.record(t, seenBefore, ThreadState.RUNNABLE, 1_000_010, 7);
        assertEquals(before + 1, store.shallowerSamples(), "known stacks are recorded in full and not counted");
    }

    @Test
    void aCutStackCountsOnlyForTheSamplesRecordedWithIt() {
        SampleStore store = new SampleStore().maxBytes(LIMIT);
        int t = store.thread(1, "main", false);
        long known = store.internStack(ScriptedStackSource.stack("com.acme.Main.main:1"));
        for (int i = 0; store.shallowerSamples() == 0; i++) {
            store.record(t, store.internStack(ScriptedStackSource.stack("com.acme.Fill.f" + i + ":1")),
                    ThreadState.RUNNABLE, i, 1);
        }
        long cut = store.internStack(ScriptedStackSource.stack("com.acme.Main.main:1", "com.acme.Never.seen:2"));
        assertTrue(StackRef.shallow(cut), "the reference says the stack was cut");
        long before = store.shallowerSamples();
        // A sampler that interns a stack and then drops the sample (no time to weigh) must not pass the
        // cut on to the next sample, of this or another thread.
        store.record(store.thread(2, "other", false), known, ThreadState.RUNNABLE, 1_000_000, 7);
        assertEquals(before, store.shallowerSamples());
        store.primeStack(t, cut);
        store.record(t, store.lastStack(t), ThreadState.RUNNABLE, 1_000_010, 7);
        assertEquals(before + 1, store.shallowerSamples(), "a thread's last stack keeps its cut");
    }

    @Test
    void whenFoldingFreesNothingSamplesJoinAncestorRunsInsteadOfBeingDropped() {
        // 200 threads x 150 stacks = 30,000 distinct runs; 1 MB holds about 10,000.
        SampleStore store = new SampleStore().maxBytes(LIMIT);
        long[] stacks = new long[150];
        for (int s = 0; s < stacks.length; s++) {
            stacks[s] = store.internStack(ScriptedStackSource.stack("com.acme.Main.main:1", "com.acme.Work.step" + s + ":2"));
        }
        long total = 0;
        long time = 0;
        for (int round = 0; round < 3; round++) {
            for (int s = 0; s < stacks.length; s++) {
                for (int thread = 0; thread < 200; thread++) {
                    int t = store.thread(thread, "t" + thread, false);
                    long stack = thread == 0 && round == 0 && s == 0 ? store.internStack(
                            ScriptedStackSource.stack("com.acme.Main.main:1")) : stacks[s];
                    store.record(t, stack, ThreadState.RUNNABLE, time, 3);
                    time += 3;
                    total += 3;
                }
            }
        }
        assertTrue(store.timelineAggregated());
        assertTrue(store.estimatedBytes() <= LIMIT, "estimate " + store.estimatedBytes());
        assertEquals(total, totalWeight(store));
        assertTrue(store.shallowerSamples() > 0, "some samples went to main, their recorded ancestor");
        assertTrue(store.runCount() < 30_000);
    }

    @Test
    void aStoreWellUnderItsLimitChangesNothing() {
        SampleStore store = new SampleStore();
        int t = store.thread(1, "main", false);
        for (int i = 0; i < 10_000; i++) {
            long s = store.internStack(ScriptedStackSource.stack("com.acme.Main.main:1", "com.acme.Main.f" + i % 20 + ":2"));
            store.record(t, s, ThreadState.RUNNABLE, i * 10L, 10);
        }
        assertFalse(store.memoryLimitReached());
        assertEquals(10_000, store.runCount(), "timeline kept in full");
        assertEquals(SampleStore.DEFAULT_MAX_BYTES, store.maxBytes());
    }

    static long totalWeight(SampleStore store) {
        long sum = 0;
        for (int r = 0; r < store.runCount(); r++) {
            sum += store.runWeight(r);
        }
        return sum;
    }
}

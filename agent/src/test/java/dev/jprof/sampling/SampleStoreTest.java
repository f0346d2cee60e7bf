package dev.jprof.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.testing.ScriptedStackSource;
import org.junit.jupiter.api.Test;

class SampleStoreTest {
    @Test
    void internsFramesAndStacksSoRepeatsCostNothing() {
        SampleStore store = new SampleStore();
        int a = SampleStore.stackId(store.internStack(ScriptedStackSource.stack("com.acme.A.main:1", "com.acme.A.work:2")));
        int b = SampleStore.stackId(store.internStack(ScriptedStackSource.stack("com.acme.A.main:1", "com.acme.A.work:2")));
        int c = SampleStore.stackId(store.internStack(ScriptedStackSource.stack("com.acme.A.main:1", "com.acme.A.other:3")));
        assertEquals(a, b);
        assertTrue(a != c);
        assertEquals(3, store.frames().size());
        assertEquals(4, store.stacks().size(), "empty + main + main/work + main/other");
        assertEquals(store.stacks().parent(a), store.stacks().parent(c), "shared prefix");
    }

    @Test
    void foldsTheTimelineWhenFullAndKeepsAggregateTimeExact() {
        SampleStore store = new SampleStore(1024);
        int t = store.thread(1, "main", false);
        long s1 = store.internStack(ScriptedStackSource.stack("com.acme.A.one:1"));
        long s2 = store.internStack(ScriptedStackSource.stack("com.acme.A.two:1"));
        long total = 0;
        for (int i = 0; i < 5000; i++) {
            store.record(t, i % 2 == 0 ? s1 : s2, ThreadState.RUNNABLE, i * 10L, 10);
            total += 10;
        }
        assertTrue(store.timelineAggregated());
        assertTrue(store.runCount() <= 1024);
        long sum = 0;
        for (int r = 0; r < store.runCount(); r++) {
            sum += store.runWeight(r);
        }
        assertEquals(total, sum);
        assertEquals(0, store.droppedSamples());
    }
}

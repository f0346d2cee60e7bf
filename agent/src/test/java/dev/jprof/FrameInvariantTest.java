package dev.jprof;

import dev.jprof.tree.Frame;
import dev.jprof.tree.Processor;
import dev.jprof.tree.Processors;
import dev.jprof.tree.ProcessorOptions;









import static dev.jprof.ScriptedStacks.app;
import static dev.jprof.ScriptedStacks.jdk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.sampling.ThreadState;
import dev.jprof.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code time == absorbed + sum(children)} and {@code 0 <= idle <= time} hold for every frame of a tree
 * built from samples and after each processor, and no processor loses or creates time.
 */
class FrameInvariantTest {
    private static final List<Processor> PIPELINE = List.of(Processors.REMOVE_IMPORTLIB, Processors.REMOVE_REFLECTION,
            Processors.MERGE_CONSECUTIVE_SELF_TIME, Processors.AGGREGATE_REPEATED_CALLS,
            Processors.REMOVE_IRRELEVANT_NODES, Processors.REMOVE_UNNECESSARY_SELF_TIME_NODES,
            Processors.GROUP_LIBRARY_FRAMES);

    @Test
    void everyProcessorKeepsTheInvariants() {
        for (boolean aggregatedFirst : new boolean[] {false, true}) {
            Session session = session();
            Frame root = aggregatedFirst ? session.aggregatedRootFrame() : session.rootFrame();
            double total = root.time();
            assertEquals(0.6, total, 1e-9, "600 ticks of 1 ms, one thread");
            checkTree(root, "built");
            ProcessorOptions options = new ProcessorOptions().set("filter_threshold", 0.05);
            for (Processor p : PIPELINE) {
                root = p.process(root, options);
                checkTree(root, p.toString());
                assertEquals(total, root.time(), 1e-9, "time is neither lost nor made by " + p);
            }
        }
    }

    @Test
    void absorbSpliceAndMergeMoveTimeWithoutLosingIt() {
        Frame parent = Frame.method("a.B", "c", "B.java", 1, null);
        Frame child = Frame.method("a.B", "d", "B.java", 2, null);
        Frame grandchild = Frame.synthetic(Frame.SELF_TIME, 0.5);
        parent.addChild(child);
        child.addChild(grandchild);
        child.addAbsorbedTime(0.25, 0.25);
        Frame twin = Frame.method("a.B", "d", "B.java", 2, null);
        twin.addChild(Frame.synthetic(Frame.AWAIT, 1.0));
        parent.addChild(twin);
        assertEquals(1.75, parent.time(), 1e-12);

        child.merge(twin);
        checkTree(parent, "merge");
        assertEquals(1, parent.children().size());
        assertEquals(1.75, child.time(), 1e-12);
        assertEquals(1.25, child.idleTime(), 1e-12, "the await and the idle absorbed time");

        parent.splice(child);
        checkTree(parent, "splice");
        assertEquals(2, parent.children().size(), "the grandchildren took the child's place");
        assertEquals(0.25, parent.absorbedTime(), 1e-12);

        parent.absorb(parent.children().get(0));
        checkTree(parent, "absorb");
        assertEquals(1.75, parent.time(), 1e-12);
    }

    private static void checkTree(Frame root, String after) {
        List<Frame> work = new ArrayList<>();
        work.add(root);
        while (!work.isEmpty()) {
            Frame f = work.remove(work.size() - 1);
            double children = 0;
            double childIdle = 0;
            for (Frame c : f.children()) {
                assertTrue(c.parent() == f, "a child's parent is the frame holding it, after " + after);
                children += c.time();
                childIdle += c.idleTime();
                work.add(c);
            }
            assertEquals(f.absorbedTime() + children, f.time(), 1e-9, "time == absorbed + children for " + f + " after " + after);
            assertEquals(f.absorbedIdleTime() + childIdle, f.idleTime(), 1e-9, "idle adds up for " + f + " after " + after);
            assertTrue(f.idleTime() >= 0 && f.idleTime() <= f.time() + 1e-9, "0 <= idle <= time for " + f + " after " + after);
        }
    }

    /** One thread: reflection and class-loading plumbing, library runs, a wait, repeated calls. */
    private static Session session() {
        FakeClock clock = new FakeClock();
        StackTraceElement[][] stacks = {
            {app("work", 3), jdk("jdk.internal.reflect.DirectMethodHandleAccessor", "invoke", 1),
                jdk("java.lang.reflect.Method", "invoke", 2), app("main", 1)},
            {app("parse", 4), jdk("java.util.HashMap", "get", 5), jdk("java.util.HashMap", "getNode", 6), app("main", 2)},
            {app("init", 5), jdk("jdk.internal.loader.BuiltinClassLoader", "loadClass", 7),
                jdk("java.lang.ClassLoader", "loadClass", 8), app("main", 3)},
            {jdk("jdk.internal.misc.Unsafe", "park", 9), jdk("java.util.concurrent.CompletableFuture", "join", 10), app("main", 4)},
            {app("rare", 6), app("main", 5)},
        };
        int[] tick = {0};
        Recorder r = new Recorder(out -> {
            int i = tick[0] % 20;
            int pick = i < 6 ? 0 : i < 10 ? 1 : i < 12 ? 2 : i < 19 ? 3 : 4;
            out.accept(1, "main", false, pick == 3 ? ThreadState.WAITING : ThreadState.RUNNABLE, stacks[pick]);
        }, clock, Duration.ofMillis(1), e -> e.getClassName().startsWith(ScriptedStacks.class.getName())
                ? new CodeLocation("/app/classes!/x", "classes", true) : new CodeLocation("jrt:/java.base!/x", "java.base", false),
                "invariants", 1 << 16);
        r.startManual();
        for (int t = 0; t < 600; t++) {
            clock.advanceMillis(1);
            tick[0] = t;
            r.tick();
        }
        r.stop();
        return r.snapshot();
    }
}

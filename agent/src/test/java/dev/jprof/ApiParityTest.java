package dev.jprof;

import dev.jprof.tree.ProcessorOptions;

import dev.jprof.tree.Processors;

import dev.jprof.tree.FrameGroup;

import dev.jprof.tree.Frame;

import dev.jprof.testing.FakeClock;

import static dev.jprof.ScriptedStacks.app;
import static dev.jprof.ScriptedStacks.jdk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.renderers.ConsoleRenderer;
import dev.jprof.renderers.FrameRenderer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per member of the seed's Python API that is not a {@link Profiler} method (those are in
 * {@link ProfilerTest}): Session, Frame, FrameRenderer, ConsoleRenderer and the processors. The README's
 * mapping table names these tests.
 */
class ApiParityTest {
    private static final CodeLocation APP = new CodeLocation("/app/classes!/com/acme/A.java", "classes", true);
    private static final CodeLocation LIB = new CodeLocation("jrt:/java.base!/java/util/HashMap.java", "java.base", false);

    private final FakeClock clock = new FakeClock();
    private final ScriptedStacks stacks = new ScriptedStacks();

    private Session record(StackTraceElement[]... samples) {
        Recorder r = new Recorder(stacks, clock, Duration.ofMillis(1), CodeLocator.forCurrentJvm()::locate, "parity",
                1 << 16);
        r.startManual();
        for (StackTraceElement[] s : samples) {
            clock.advanceMillis(10);
            stacks.set(1, "main", s);
            r.tick();
        }
        r.stop();
        return r.snapshot();
    }

    private static StackTraceElement[] stack(StackTraceElement... topFirst) {
        return topFirst;
    }

    private static Frame method(String name, CodeLocation location) {
        return Frame.method("com.acme.A", name, "A.java", 1, location);
    }

    private static Frame self(double seconds) {
        return Frame.synthetic(Frame.SELF_TIME, seconds);
    }

    // ---- Session ----

    @Test
    void sessionSaveAndLoad(@TempDir Path dir) throws IOException {
        Session s = record(stack(app("a", 1), app("main", 2)), stack(app("b", 3), app("main", 2)));
        Path file = dir.resolve("x" + Session.EXTENSION);
        s.save(file);
        Session loaded = Session.load(file);
        assertEquals(s.toJson(), loaded.toJson());
        assertEquals(2, loaded.sampleCount());
        assertEquals(0.020, loaded.duration(), 1e-9);
        assertEquals("parity", loaded.targetDescription());
        assertEquals(List.of("main"), loaded.threadNames());
        assertEquals(FakeClock.EPOCH_MILLIS, loaded.startTime().toEpochMilli());
        assertEquals(0.010, loaded.cpuTime(), 1e-9);
        assertEquals(0.001, loaded.interval(), 1e-12);
        assertEquals(0.010, loaded.minInterval(), 1e-9);
        assertEquals(0.010, loaded.maxInterval(), 1e-9);
        assertEquals(ProcessHandle.current().pid(), loaded.pid());
        assertEquals(System.getProperty("java.version"), loaded.jvmVersion());
        assertEquals("scripted", loaded.sampler());
        assertFalse(loaded.timelineAggregated());
        assertEquals(0, loaded.droppedSamples());
    }

    @Test
    void sessionCombine() {
        Session a = record(stack(app("a", 1), app("main", 2)));
        Session b = record(stack(app("b", 1), app("main", 2)), stack(app("b", 1), app("main", 2)));
        Session both = Session.combine(a, b);
        assertEquals(3, both.sampleCount());
        assertEquals(0.030, both.duration(), 1e-9);
        Frame main = both.rootFrame().children().get(0).children().get(0);
        assertEquals(List.of("a", "b"), main.children().stream().map(Frame::methodName).toList());
        assertEquals(0.030, main.time(), 1e-9);
    }

    @Test
    void sessionRootFrameIsNullWhenEmpty() {
        assertNull(record().rootFrame());
        Frame root = record(stack(app("a", 1))).rootFrame();
        assertNotNull(root);
        assertEquals(Frame.Kind.ROOT, root.kind());
        assertEquals("parity", root.methodName());
    }

    // ---- Frame ----

    @Test
    void frameReadApi() {
        Session s = record(stack(app("leaf", 7), app("main", 2)), stack(app("main", 3)),
                stack(jdk("java.util.HashMap", "hash", 338), jdk("java.util.HashMap", "get", 556), app("main", 4)));
        Frame thread = s.rootFrame().children().get(0);
        assertEquals(Frame.Kind.THREAD, thread.kind());
        assertEquals("main", thread.methodName());
        assertTrue(thread.attributes().containsKey("thread_states"), thread.attributes().toString());
        assertEquals(Map.of("RUNNABLE", 0.030), thread.attributes().get("thread_states"));
        Frame main = thread.children().get(0);
        assertEquals(ScriptedStacks.Work.class.getName() + ".main\0ScriptedStacks.java", main.identifier());
        assertEquals(ScriptedStacks.Work.class.getName(), main.className());
        assertEquals("main", main.methodName());
        assertEquals("ScriptedStacks$Work.main", main.displayName());
        assertEquals("ScriptedStacks.java", main.fileName());
        assertEquals(0.030, main.time(), 1e-9);
        assertEquals(0.010, main.selfTime(), 1e-9);
        assertEquals(Map.of(2, 0.010, 3, 0.010, 4, 0.010), main.lineTimes());
        assertTrue(main.isApplicationCode());
        assertTrue(main.filePath().endsWith("!/dev/jprof/ScriptedStacks.java"), main.filePath());
        assertSame(thread, main.parent());
        assertEquals(List.of("leaf", Frame.SELF_TIME, "get"), main.children().stream().map(Frame::methodName).toList());
        Frame get = main.children().get(2);
        assertFalse(get.isApplicationCode());
        assertEquals("java.base", get.location().library());
        assertTrue(main.children().get(1).isSynthetic());

        Frame grouped = Processors.groupLibraryFrames(s.rootFrame(), new ProcessorOptions());
        Frame groupedGet = grouped.children().get(0).children().get(0).children().get(2);
        FrameGroup group = groupedGet.group();
        assertNotNull(group);
        assertSame(groupedGet, group.root());
        // get and hash; hash's [self] is hidden with the group (its own time is library time) but is not
        // one of the "N frames hidden".
        assertEquals(List.of("get", "hash"), group.frames().stream().map(Frame::methodName).toList());
        assertTrue(group.libraries().contains("java.base"), group.libraries().toString());
        assertEquals(1, group.id());
    }

    // ---- renderers ----

    @Test
    void frameRendererProcessorsAreAMutableList() {
        Session s = record(stack(app("a", 1), app("main", 2)), stack(app("b", 1), app("main", 2)),
                stack(app("a", 1), app("main", 2)));
        ConsoleRenderer r = new ConsoleRenderer();
        assertEquals(List.of(Processors.REMOVE_IMPORTLIB, Processors.REMOVE_REFLECTION,
                Processors.MERGE_CONSECUTIVE_SELF_TIME, Processors.AGGREGATE_REPEATED_CALLS,
                Processors.REMOVE_IRRELEVANT_NODES, Processors.REMOVE_UNNECESSARY_SELF_TIME_NODES,
                Processors.GROUP_LIBRARY_FRAMES), r.defaultProcessors());
        assertEquals(r.defaultProcessors(), r.processors());
        assertEquals(1, countLines(r.render(s), "Work.a"));
        r.processors().remove(Processors.AGGREGATE_REPEATED_CALLS);
        assertEquals(2, countLines(r.render(s), "Work.a"), "without aggregation the timeline shows a twice");
    }

    @Test
    void frameRendererOptions() {
        FrameRenderer all = new ConsoleRenderer(false, false, ConsoleRenderer.TimeFormat.SECONDS, true, true,
                new ProcessorOptions().filterThreshold(0.5));
        assertTrue(all.showAll());
        assertTrue(all.timeline());
        assertEquals(0.5, all.processorOptions().filterThreshold());
        assertFalse(all.processors().contains(Processors.AGGREGATE_REPEATED_CALLS));
        assertFalse(all.processors().contains(Processors.GROUP_LIBRARY_FRAMES));
        Frame root = record(stack(app("a", 1))).rootFrame();
        assertSame(root, all.preprocess(root));
    }

    @Test
    void consoleRendererUnicodeColorTime() {
        Session s = record(stack(app("a", 1), app("main", 2)), stack(app("b", 1), app("main", 2)));
        ConsoleRenderer r = new ConsoleRenderer(true, true, ConsoleRenderer.TimeFormat.PERCENT_OF_TOTAL, false, false,
                null);
        assertTrue(r.unicode());
        assertTrue(r.color());
        assertEquals(ConsoleRenderer.TimeFormat.PERCENT_OF_TOTAL, r.time());
        String out = r.render(s);
        assertTrue(out.contains("\u2514\u2500 "), out);
        assertTrue(out.contains("\033["), out);
        assertTrue(out.contains("50.0%"), out);
        assertEquals(".txt", r.outputFileExtension());
    }

    private static int countLines(String text, String what) {
        return (int) text.lines().filter(l -> l.contains(what)).count();
    }

    // ---- processors ----

    @Test
    void removeImportlibRemovesClassLoading() {
        Frame root = method("main", APP);
        Frame loader = Frame.method("java.lang.ClassLoader", "loadClass", "ClassLoader.java", 1, LIB);
        root.addChild(loader);
        loader.addChild(method("init", APP));
        root.children().get(0).children().get(0).addChild(self(0.5));
        Frame out = Processors.removeImportlib(root, new ProcessorOptions());
        assertEquals(List.of("init"), out.children().stream().map(Frame::methodName).toList());
        assertEquals(0.5, out.time(), 1e-12);
    }

    @Test
    void aggregateRepeatedCallsMergesSameCallSites() {
        Frame root = method("main", APP);
        Frame a1 = method("a", APP);
        a1.addChild(self(0.1));
        Frame b = method("b", APP);
        b.addChild(self(0.3));
        Frame a2 = method("a", APP);
        a2.addChild(self(0.4));
        root.addChildren(List.of(a1, b, a2));
        Frame out = Processors.aggregateRepeatedCalls(root, new ProcessorOptions());
        assertEquals(List.of("a", "b"), out.children().stream().map(Frame::methodName).toList());
        assertEquals(0.5, out.children().get(0).time(), 1e-12);
    }

    @Test
    void groupLibraryFramesHonoursHideAndShowRegex() {
        Frame root = method("main", APP);
        Frame l1 = method("l1", LIB);
        Frame l2 = method("l2", LIB);
        root.addChild(l1);
        l1.addChild(l2);
        l2.addChild(method("callback", APP));
        Processors.groupLibraryFrames(root, new ProcessorOptions());
        assertNotNull(l1.group());
        assertSame(l1.group(), l2.group());
        assertEquals(List.of(l2), l1.group().exitFrames());

        Frame root2 = root.copy();
        Processors.groupLibraryFrames(root2, new ProcessorOptions().showRegex("jrt:/java\\.base.*"));
        assertNull(root2.children().get(0).group(), "show_regex wins");
        Frame root3 = method("main", APP);
        Frame a1 = method("a1", APP);
        Frame a2 = method("a2", APP);
        root3.addChild(a1);
        a1.addChild(a2);
        Processors.groupLibraryFrames(root3, new ProcessorOptions().hideRegex("/app/.*"));
        assertNotNull(a1.group(), "hide_regex hides application code too");
        assertEquals(Processors.globToRegex("*/app/*").length() > 0, true);
        assertTrue("/x/app/y".matches(Processors.globToRegex("*/app/*")));
    }

    @Test
    void mergeConsecutiveSelfTimeCombinesSiblings() {
        Frame root = method("main", APP);
        root.addChildren(List.of(self(0.1), self(0.2), method("a", APP), self(0.3)));
        Frame out = Processors.mergeConsecutiveSelfTime(root, new ProcessorOptions());
        assertEquals(3, out.children().size());
        assertEquals(0.3, out.children().get(0).time(), 1e-12);
    }

    @Test
    void removeUnnecessarySelfTimeNodesFoldsALoneSelfChild() {
        Frame root = method("main", APP);
        Frame a = method("a", APP);
        root.addChild(a);
        a.addChild(self(0.25));
        Processors.removeUnnecessarySelfTimeNodes(root, new ProcessorOptions());
        assertTrue(a.children().isEmpty());
        assertEquals(0.25, a.absorbedTime(), 1e-12);
        assertEquals(0.25, a.selfTime(), 1e-12);
        assertEquals(0.25, root.time(), 1e-12);
    }

    @Test
    void removeIrrelevantNodesUsesFilterThreshold() {
        Frame root = method("main", APP);
        Frame big = method("big", APP);
        big.addChild(self(0.995));
        Frame tiny = method("tiny", APP);
        tiny.addChild(self(0.005));
        root.addChildren(List.of(big, tiny));
        Processors.removeIrrelevantNodes(root.copy(), new ProcessorOptions().filterThreshold(0.001));
        Frame out = Processors.removeIrrelevantNodes(root, new ProcessorOptions());
        assertEquals(List.of("big"), out.children().stream().map(Frame::methodName).toList());
        assertEquals(1.0, out.time(), 1e-12, "the removed time stays in the parent");
        assertEquals(0.005, out.absorbedTime(), 1e-12);
        Frame keep = method("main", APP);
        Frame t2 = method("tiny", APP);
        t2.addChild(self(0.005));
        keep.addChildren(List.of(t2, method("x", APP)));
        keep.children().get(1).addChild(self(0.995));
        Processors.removeIrrelevantNodes(keep, new ProcessorOptions().filterThreshold(0.001));
        assertEquals(2, keep.children().size(), "a lower threshold keeps the tiny frame");
    }
}

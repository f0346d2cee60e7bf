package dev.jprof.tree;

import dev.jprof.CodeLocation;





import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessorsTest {
    private static final CodeLocation APP = new CodeLocation("/app/classes!/com/acme/A.java", "classes", true);
    private static final CodeLocation JDK = new CodeLocation("jrt:/java.base!/java/util/X.java", "java.base", false);
    private static final CodeLocation LIB = new CodeLocation("/lib/jackson-databind-2.17.jar!/com/f/M.java", "jackson-databind", false);
    private final ProcessorOptions options = new ProcessorOptions();

    static Frame m(String cls, String method, CodeLocation loc, Frame... children) {
        Frame f = Frame.method(cls, method, cls.substring(cls.lastIndexOf('.') + 1) + ".java", 1, loc);
        for (Frame c : children) {
            f.addChild(c);
        }
        return f;
    }

    static Frame self(double t) {
        return Frame.synthetic(Frame.SELF_TIME, t);
    }

    static Frame thread(Frame... children) {
        Frame root = Frame.root("t");
        Frame t = Frame.thread("main", 1);
        root.addChild(t);
        for (Frame c : children) {
            t.addChild(c);
        }
        return root;
    }

    @Test
    void aggregateRepeatedCallsMergesSiblingsAndSortsByTime() {
        Frame root = thread(
                m("com.acme.A", "a", APP, self(1)),
                m("com.acme.A", "b", APP, self(3)),
                m("com.acme.A", "a", APP, self(4)));
        Processors.aggregateRepeatedCalls(root, options);
        List<Frame> kids = root.children().get(0).children();
        assertEquals(2, kids.size());
        assertEquals("a", kids.get(0).methodName());
        assertEquals(5, kids.get(0).time(), 1e-9);
        assertEquals(1, kids.get(0).children().size(), "the two [self] frames aggregate too");
        assertEquals(8, root.time(), 1e-9);
    }

    @Test
    void mergeConsecutiveSelfTimeCombinesAdjacentSelfFramesOnly() {
        Frame a = m("com.acme.A", "a", APP, self(1), self(2), m("com.acme.A", "x", APP, self(1)), self(3));
        Processors.mergeConsecutiveSelfTime(thread(a), options);
        assertEquals(3, a.children().size());
        assertEquals(3, a.children().get(0).time(), 1e-9);
        assertEquals(7, a.time(), 1e-9);
    }

    @Test
    void removeUnnecessarySelfTimeNodesFoldsALoneSelfFrame() {
        Frame leaf = m("com.acme.A", "leaf", APP, self(2));
        Frame a = m("com.acme.A", "a", APP, leaf, self(1));
        Processors.removeUnnecessarySelfTimeNodes(thread(a), options);
        assertTrue(leaf.children().isEmpty());
        assertEquals(2, leaf.absorbedTime(), 1e-9);
        assertEquals(2, a.children().size(), "a keeps its self frame: it has another child");
    }

    @Test
    void removeIrrelevantNodesDropsFramesUnderTheThreshold() {
        Frame tiny = m("com.acme.A", "tiny", APP, self(0.5));
        Frame big = m("com.acme.A", "big", APP, self(99.5));
        Frame root = thread(m("com.acme.A", "main", APP, big, tiny));
        Processors.removeIrrelevantNodes(root, options);
        Frame main = root.children().get(0).children().get(0);
        assertEquals(1, main.children().size());
        assertEquals(0.5, main.absorbedTime(), 1e-9);
        assertEquals(100, root.time(), 1e-9);

        Frame root2 = thread(m("com.acme.A", "main", APP, m("com.acme.A", "big", APP, self(99.5)),
                m("com.acme.A", "tiny", APP, self(0.5))));
        Processors.removeIrrelevantNodes(root2, new ProcessorOptions().filterThreshold(0));
        assertEquals(2, root2.children().get(0).children().get(0).children().size());
    }

    @Test
    void waitingTimeCannotCrowdOutWork() {
        Frame parkedThread = Frame.thread("parked", 2);
        parkedThread.addChild(m("com.acme.A", "sleepForever", APP, Frame.synthetic(Frame.AWAIT, 995)));
        Frame worker = Frame.thread("worker", 3);
        worker.addChild(m("com.acme.A", "compute", APP, self(5)));
        Frame root = Frame.root("r");
        root.addChild(parkedThread);
        root.addChild(worker);
        Processors.removeIrrelevantNodes(root, options);
        assertEquals(2, root.children().size(), "0.5% of the time but all of the work");
        assertEquals(1, worker.children().size());
    }

    @Test
    void idleThreadsCannotCrowdOutBusyOnes() {
        Frame root = Frame.root("r");
        for (int i = 0; i < 200; i++) {
            Frame pool = Frame.thread("pool-" + i, 100 + i);
            pool.addChild(m("com.acme.A", "next", APP, Frame.synthetic(Frame.SELF_TIME, 5, 5)));
            root.addChild(pool);
        }
        Frame busy = Frame.thread("busy", 3);
        busy.addChild(m("com.acme.A", "compute", APP, self(3.5)));
        busy.addChild(m("com.acme.A", "waitForInput", APP, Frame.synthetic(Frame.SELF_TIME, 1.5, 1.5)));
        root.addChild(busy);
        assertEquals(1001.5, root.idleTime(), 1e-9);
        Processors.removeIrrelevantNodes(root, options);
        assertEquals(1, root.children().size(), "each thread is 0.5% of the time; only one works");
        assertSame(busy, root.children().get(0));
        assertEquals(2, busy.children().size(),
                "the busy thread's wait is 0.15% of all time but 30% of the threads shown: kept");
        assertEquals(1005, root.time(), 1e-9, "removed threads' time stays in the total");
        assertEquals(1001.5, root.idleTime(), 1e-9, "and their idle time with it");
    }

    @Test
    void removeImportlibSplicesClassLoadingFramesOut() {
        Frame user = m("com.acme.Plugin", "<clinit>", APP, self(2));
        Frame loader = m("jdk.internal.loader.BuiltinClassLoader", "loadClass", JDK,
                m("java.lang.ClassLoader", "loadClass", JDK, user, self(1)));
        Frame a = m("com.acme.A", "a", APP, loader);
        Processors.removeImportlib(thread(a), options);
        assertEquals(2, a.children().size(), "the loader's children, its [self] included, move up");
        assertSame(user, a.children().get(0));
        assertEquals(3, a.time(), 1e-9, "time is kept");
    }

    @Test
    void removeReflectionSplicesReflectionAndLambdaPlumbing() {
        Frame target = m("com.acme.Handler", "handle", APP, self(5));
        Frame plumbing = m("jdk.internal.reflect.DirectMethodHandleAccessor", "invoke", JDK,
                m("java.lang.invoke.LambdaForm$MH/0x000001", "invoke", JDK,
                        m("com.acme.Main$$Lambda/0x0001", "run", APP, target)));
        Frame a = m("java.lang.reflect.Method", "invoke", JDK, plumbing);
        Frame caller = m("com.acme.A", "call", APP, a);
        Processors.removeReflection(thread(caller), options);
        assertEquals(List.of(target), caller.children());
    }

    @Test
    void groupLibraryFramesHidesRunsOfLibraryCode() {
        Frame app2 = m("com.acme.Callback", "onEvent", APP, self(1));
        Frame lib3 = m("com.f.Deep", "c", LIB, app2);
        Frame lib2 = m("com.f.Mid", "b", LIB, lib3);
        Frame lib1 = m("java.util.Outer", "a", JDK, lib2);
        Frame root = thread(m("com.acme.A", "main", APP, lib1));
        Processors.groupLibraryFrames(root, options);
        FrameGroup g = lib1.group();
        assertNotNull(g);
        assertSame(lib1, g.root());
        assertEquals(3, g.frames().size());
        assertEquals(List.of("java.base", "jackson-databind"), g.libraries());
        assertEquals(List.of(lib3), g.exitFrames());
        assertNull(app2.group());
    }

    @Test
    void aSingleLibraryFrameIsNotGrouped() {
        Frame lib = m("java.util.Lone", "a", JDK, self(1), m("com.acme.A", "x", APP, self(1)));
        Processors.groupLibraryFrames(thread(m("com.acme.A", "main", APP, lib)), options);
        assertNull(lib.group());
    }

    @Test
    void showRegexWinsOverHideRegex() {
        Frame lib2 = m("com.f.Mid", "b", LIB, self(1));
        Frame lib1 = m("com.f.Top", "a", LIB, lib2);
        Frame appA = m("com.acme.A", "x", APP, m("com.acme.A", "y", APP, self(1)));
        Frame root = thread(lib1, appA);
        ProcessorOptions o = new ProcessorOptions().showRegex(".*jackson-databind.*").hideRegex(".*/app/.*");
        Processors.groupLibraryFrames(root, o);
        assertNull(lib1.group(), "shown by show_regex");
        assertNotNull(appA.group(), "hidden by hide_regex even though it is application code");
    }

    @Test
    void globsBecomeWholePathRegexes() {
        String re = Processors.globToRegex("*/jackson-*/*");
        assertTrue("/lib/jackson-databind-2.17.jar!/com/f/M.java".matches(re));
        assertTrue(!"/lib/guava.jar!/x.java".matches(re));
        assertTrue("a.b".matches(Processors.globToRegex("a?b")));
        assertTrue(!"a+b".matches(Processors.globToRegex("a.b")), "regex characters are literal");
    }

    @Test
    void processorsAcceptNull() {
        assertNull(Processors.aggregateRepeatedCalls(null, options));
        assertNull(Processors.groupLibraryFrames(null, options));
        assertNull(Processors.removeIrrelevantNodes(null, options));
    }
}

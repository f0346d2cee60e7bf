package dev.jprof;

import dev.jprof.tree.Frame;

import dev.jprof.testing.FakeClock;

import static dev.jprof.ScriptedStacks.app;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start call stack: recorded in session metadata, saved compatibly, and used to trim the stem. */
class StartCallStackTest {
    private static final long THREAD = 7;
    private static final StackTraceElement MAIN = new StackTraceElement("com.acme.Main", "main", "Main.java", 5);
    private static final StackTraceElement RUN = new StackTraceElement("com.acme.Main", "run", "Main.java", 12);
    private static final StackTraceElement CALLER = new StackTraceElement("com.acme.Job", "execute", "Job.java", 30);

    private final FakeClock clock = new FakeClock();
    private final ScriptedStacks stacks = new ScriptedStacks();

    /** Records the given stacks (top first), 10 ms each, on thread 7, without a start call stack. */
    private Session record(StackTraceElement[]... samples) {
        Recorder r = new Recorder(stacks, clock, Duration.ofMillis(1), e -> CodeLocation.UNKNOWN, "t", 1 << 16);
        r.startManual();
        for (StackTraceElement[] s : samples) {
            clock.advanceMillis(10);
            stacks.set(THREAD, "worker", s);
            r.tick();
        }
        r.stop();
        return r.snapshot();
    }

    private static StackTraceElement[] top(StackTraceElement... topFirst) {
        return topFirst;
    }

    private static Frame threadFrame(Frame root) {
        return root.children().get(0);
    }

    @Test
    void trimsTheChainAboveTheCaller() {
        Session raw = record(top(app("a", 1), CALLER, RUN, MAIN), top(app("b", 1), CALLER, RUN, MAIN));
        Session s = raw.withStartCallStack(THREAD, List.of(MAIN, RUN, CALLER));
        Frame thread = threadFrame(s.rootFrame());
        assertEquals(1, thread.children().size());
        Frame caller = thread.children().get(0);
        assertEquals("execute", caller.methodName());
        assertEquals(0.020, thread.time(), 1e-9);
        assertEquals(0.020, caller.time(), 1e-9);
        assertEquals("main", threadFrame(s.rootFrame(false)).children().get(0).methodName());
        assertEquals("main", threadFrame(raw.rootFrame()).children().get(0).methodName(), "no start stack, no trim");
    }

    @Test
    void stopsWhereTheTreeBranches() {
        // The caller returned and run() went on to something else: run() is where the paths split.
        Session s = record(top(app("a", 1), CALLER, RUN, MAIN), top(app("other", 1), RUN, MAIN))
                .withStartCallStack(THREAD, List.of(MAIN, RUN, CALLER));
        Frame first = threadFrame(s.rootFrame()).children().get(0);
        assertEquals("run", first.methodName());
        assertEquals(2, first.children().size());
    }

    @Test
    void doesNotTrimWhenTheOutermostFrameDiffers() {
        Session s = record(top(app("a", 1), CALLER, RUN, MAIN))
                .withStartCallStack(THREAD, List.of(new StackTraceElement("x.Y", "z", "Y.java", 1), RUN, CALLER));
        assertEquals("main", threadFrame(s.rootFrame()).children().get(0).methodName());
    }

    @Test
    void onlyTheStartingThreadIsTrimmed() {
        Session s = record(top(app("a", 1), CALLER, RUN, MAIN)).withStartCallStack(THREAD + 1,
                List.of(MAIN, RUN, CALLER));
        assertEquals("main", threadFrame(s.rootFrame()).children().get(0).methodName());
    }

    @Test
    void anEmptySessionHasNoRoot() {
        Session s = record().withStartCallStack(THREAD, List.of(MAIN));
        assertNull(s.rootFrame());
        assertNull(s.rootFrame(false));
    }

    @Test
    void survivesSaveAndLoad(@TempDir Path dir) throws IOException {
        Session s = record(top(app("a", 1), CALLER, RUN, MAIN)).withStartCallStack(THREAD, List.of(MAIN, RUN, CALLER));
        Path file = dir.resolve("s.jprof");
        s.save(file);
        Session loaded = Session.load(file);
        assertEquals(List.of(MAIN, RUN, CALLER), loaded.startCallStack());
        assertEquals("execute", threadFrame(loaded.rootFrame()).children().get(0).methodName());
        assertEquals(s.toJson(), loaded.toJson());
    }

    @Test
    void filesWithoutAStartCallStackStillLoad() throws SessionFormatException {
        Session agentLike = record(top(app("a", 1), CALLER, RUN, MAIN));
        String json = agentLike.toJson();
        assertFalse(json.contains("start_call_stack"), "nothing is written when there is no start stack");
        Session loaded = Session.fromJson(json);
        assertTrue(loaded.startCallStack().isEmpty());
        assertEquals("main", threadFrame(loaded.rootFrame()).children().get(0).methodName());
    }

    @Test
    void aMalformedStartCallStackIsAFormatError() throws IOException {
        String json = record(top(CALLER)).withStartCallStack(THREAD, List.of(CALLER)).toJson();
        String broken = json.replace("\"method\":\"execute\"", "\"method\":3");
        SessionFormatException e = assertThrows(SessionFormatException.class, () -> Session.fromJson(broken));
        assertTrue(e.getMessage().contains("start_call_stack.frames[0]"), e.getMessage());
        String notObject = json.replace("\"start_call_stack\":{", "\"start_call_stack\":7,\"ignored\":{");
        assertThrows(SessionFormatException.class, () -> Session.fromJson(notObject));
    }

    @Test
    void combineKeepsTheFirstStartCallStack() {
        Session a = record(top(app("a", 1), CALLER, RUN, MAIN)).withStartCallStack(THREAD, List.of(MAIN, RUN, CALLER));
        Session b = record(top(app("b", 1), CALLER, RUN, MAIN)).withStartCallStack(THREAD, List.of(MAIN));
        Session both = Session.combine(a, b);
        assertEquals(List.of(MAIN, RUN, CALLER), both.startCallStack());
        assertEquals("execute", threadFrame(both.rootFrame()).children().get(0).methodName());
        assertEquals(0.020, both.rootFrame().time(), 1e-9);
    }

    @Test
    void fileNamesMayBeMissing(@TempDir Path dir) throws IOException {
        StackTraceElement noFile = new StackTraceElement("com.acme.Gen", "run", null, -1);
        Session s = record(top(app("a", 1), noFile)).withStartCallStack(THREAD, List.of(noFile));
        Path file = dir.resolve("s.jprof");
        s.save(file);
        assertTrue(Files.size(file) > 0);
        Session loaded = Session.load(file);
        assertEquals(List.of(noFile), loaded.startCallStack());
        assertEquals("run", threadFrame(loaded.rootFrame()).children().get(0).methodName());
    }

    @Test
    void trimsAProfilerStartedOnAVirtualThread() {
        // A virtual thread's frame is named "virtual", not after its id: the trim must still find it.
        StackTraceElement[] stack = top(app("a", 1), CALLER, RUN, MAIN);
        Recorder r = new Recorder(out -> out.accept(THREAD, "", true, dev.jprof.sampling.ThreadState.RUNNABLE, stack),
                clock, Duration.ofMillis(1), e -> CodeLocation.UNKNOWN, "t", 1 << 16);
        r.startManual();
        clock.advanceMillis(10);
        r.tick();
        r.stop();
        Session s = r.snapshot().withStartCallStack(THREAD, List.of(MAIN, RUN, CALLER));
        Frame thread = threadFrame(s.rootFrame());
        assertTrue(thread.isVirtualThread());
        assertEquals("execute", thread.children().get(0).methodName());
        assertEquals("execute", threadFrame(s.aggregatedRootFrame()).children().get(0).methodName());
    }
}

package dev.jprof;

import dev.jprof.tree.Frame;

import dev.jprof.testing.FakeClock;

import static dev.jprof.ScriptedStacks.app;
import static dev.jprof.ScriptedStacks.here;
import static dev.jprof.ScriptedStacks.jdk;
import static dev.jprof.ScriptedStacks.on;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.renderers.ConsoleRenderer;
import dev.jprof.renderers.RenderOptions;
import dev.jprof.renderers.Renderer;
import dev.jprof.renderers.Renderers;
import dev.jprof.sampling.StackSourceKind;
import dev.jprof.sampling.StackWalk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProfilerTest {
    private final FakeClock clock = new FakeClock();
    private final ScriptedStacks stacks = new ScriptedStacks();
    private final ByteArrayOutputStream messageBytes = new ByteArrayOutputStream();
    private final List<Path> opened = new ArrayList<>();
    private boolean browserWorks = true;
    private final List<Path> tempFiles = new ArrayList<>();

    @AfterEach
    void deleteTempFiles() throws IOException {
        for (Path p : tempFiles) {
            Files.deleteIfExists(p);
        }
    }

    /** A profiler driven by the test: scripted stacks, fake clock, manual ticks. */
    private Profiler.Builder scripted() {
        return Profiler.builder().clock(clock).stackSources(selector -> stacks).manualSampling()
                .browser(file -> {
                    opened.add(file);
                    return browserWorks;
                })
                .messages(new PrintStream(messageBytes, true, StandardCharsets.UTF_8))
                .targetDescription("scripted test");
    }

    /** Runs 10 ms of "compute" then 30 ms of "parse", which calls "callback" through three HashMap frames. */
    private void record(Profiler p) {
        StackTraceElement[] base = here();
        clock.advanceMillis(10);
        stacks.setCurrent(on(base, app("compute", 10)));
        p.tick();
        clock.advanceMillis(30);
        stacks.setCurrent(on(base, app("callback", 30), jdk("java.util.HashMap", "hash", 338),
                jdk("java.util.HashMap", "getNode", 568), jdk("java.util.HashMap", "get", 556), app("parse", 20)));
        p.tick();
    }

    private Session recorded() {
        Profiler p = scripted().build();
        p.start();
        record(p);
        return p.stop();
    }

    // ---- construction and getters ----

    @Test
    void defaultsAreOneMillisecondEnabledAndTheCallingThread() {
        Profiler p = new Profiler();
        assertEquals(Duration.ofMillis(1), p.interval());
        assertEquals(Profiler.DEFAULT_INTERVAL, p.interval());
        assertEquals(AsyncMode.ENABLED, p.asyncMode());
        assertFalse(p.profilesAllThreads());
        assertFalse(p.isRunning());
        assertNull(p.lastSession());
    }

    @Test
    void theApiTakesTheAgentsSamplingOptions() {
        Profiler p = scripted().threadsPerTick(3).stackWalk(StackWalk.SAFEPOINT).maxOverhead(0.02)
                .stackSource(StackSourceKind.WALK).build();
        assertEquals(StackSourceKind.WALK, p.stackSource());
        assertEquals(StackSourceKind.AUTO, Profiler.builder().build().stackSource());
        assertEquals(3, p.threadsPerTick());
        assertEquals(StackWalk.SAFEPOINT, p.stackWalk());
        p.start();
        record(p);
        assertEquals(0.02, p.stop().maxOverhead(), 1e-9, "the bound is in force and recorded");
        assertEquals(StackWalk.AUTO, Profiler.builder().build().stackWalk());
        assertEquals(0, Profiler.builder().build().maxOverhead());
        assertThrows(IllegalArgumentException.class, () -> Profiler.builder().threadsPerTick(0));
        assertThrows(IllegalArgumentException.class, () -> Profiler.builder().maxOverhead(0.9));
    }

    @Test
    void outputTextKeepsFlatAndShortMode() {
        Profiler p = scripted().build();
        p.start();
        record(p);
        p.stop();
        RenderOptions options = new RenderOptions().flat(true).flatTime(ConsoleRenderer.FlatTime.TOTAL).shortMode(true)
                .unicode(false).color(false);
        String text = p.outputText(options);
        assertEquals(p.output("text", options), text);
        assertFalse(text.contains("Recorded:"), "short mode has no header: " + text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("0.030 ScriptedStacks$Work.parse ")), "flat, total time: " + text);
    }

    @Test
    void constructorsTakeIntervalAndAsyncMode() {
        assertEquals(Duration.ofMillis(5), new Profiler(Duration.ofMillis(5)).interval());
        assertEquals(AsyncMode.ENABLED, new Profiler(Duration.ofMillis(5)).asyncMode());
        Profiler p = new Profiler(Duration.ofMillis(2), AsyncMode.STRICT);
        assertEquals(Duration.ofMillis(2), p.interval());
        assertEquals(AsyncMode.STRICT, p.asyncMode());
        Profiler b = Profiler.builder().interval(Duration.ofMillis(3)).asyncMode(AsyncMode.DISABLED)
                .allThreads(true).build();
        assertEquals(Duration.ofMillis(3), b.interval());
        assertEquals(AsyncMode.DISABLED, b.asyncMode());
        assertTrue(b.profilesAllThreads());
        assertTrue(b.toString().contains("DISABLED"), b.toString());
    }

    @Test
    void intervalMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Profiler(Duration.ZERO));
        assertTrue(e.getMessage().contains("interval must be a positive duration"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Profiler(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> new Profiler(null));
        assertThrows(NullPointerException.class, () -> new Profiler(Duration.ofMillis(1), null));
    }

    @Test
    void theAsyncModeIsRecordedButSamplingIsTheSameForEveryMode() {
        List<String> texts = new ArrayList<>();
        for (AsyncMode mode : AsyncMode.values()) {
            FakeClock c = new FakeClock();
            Profiler p = Profiler.builder().asyncMode(mode).clock(c).stackSources(s -> stacks).manualSampling()
                    .targetDescription("t").build();
            assertEquals(mode, p.asyncMode());
            p.start();
            c.advanceMillis(5);
            stacks.setCurrent(on(here(), app("compute", 1)));
            p.tick();
            texts.add(Renderers.create("text", new RenderOptions().unicode(false).color(false), false)
                    .render(p.stop()).replaceAll("Recorded: \\S+", ""));
        }
        assertEquals(texts.get(0), texts.get(1));
        assertEquals(texts.get(0), texts.get(2));
    }

    // ---- start / stop / restart / reset / close ----

    @Test
    void stopReturnsTheSessionAndSetsLastSession() {
        Profiler p = scripted().build();
        assertSame(p, p.start());
        assertTrue(p.isRunning());
        record(p);
        Session s = p.stop();
        assertFalse(p.isRunning());
        assertSame(s, p.lastSession());
        assertEquals(2, s.sampleCount());
        assertEquals(0.040, s.duration(), 1e-9);
        assertEquals(0.001, s.interval(), 1e-12);
        assertEquals("scripted test", s.targetDescription());
        assertEquals(List.of(Thread.currentThread().getName()), s.threadNames());
        assertEquals(0.040, s.rootFrame().time(), 1e-9);
    }

    @Test
    void startingARunningProfilerThrows() {
        Profiler p = scripted().build().start();
        IllegalStateException e = assertThrows(IllegalStateException.class, p::start);
        assertTrue(e.getMessage().contains("already running"), e.getMessage());
        assertTrue(p.isRunning());
        p.stop();
    }

    @Test
    void stoppingAStoppedProfilerThrows() {
        Profiler p = scripted().build();
        IllegalStateException e = assertThrows(IllegalStateException.class, p::stop);
        assertTrue(e.getMessage().contains("not running"), e.getMessage());
    }

    @Test
    void restartingCombinesSessions() {
        Profiler p = scripted().build();
        p.start();
        record(p);
        Session first = p.stop();
        p.start();
        record(p);
        Session both = p.stop();
        assertEquals(4, both.sampleCount());
        assertEquals(2 * first.duration(), both.duration(), 1e-9);
        assertSame(both, p.lastSession());
        assertEquals(0.080, both.rootFrame().time(), 1e-9);
    }

    @Test
    void resetForgetsTheLastSessionAndStops() {
        Profiler p = scripted().build();
        p.start();
        record(p);
        p.stop();
        p.start();
        p.reset();
        assertFalse(p.isRunning());
        assertNull(p.lastSession());
        p.start();
        record(p);
        assertEquals(2, p.stop().sampleCount(), "after reset, a new start does not combine with the old session");
    }

    @Test
    void closeStopsAndIsIdempotent() {
        Profiler outside;
        try (Profiler p = scripted().start()) {
            outside = p;
            assertTrue(p.isRunning());
            record(p);
        }
        assertFalse(outside.isRunning());
        assertEquals(2, outside.lastSession().sampleCount());
        outside.close();
        assertEquals(2, outside.lastSession().sampleCount());
    }

    @Test
    void tickNeedsAManualRunningProfiler() {
        assertThrows(IllegalStateException.class, () -> scripted().build().tick());
    }

    // ---- the start call stack ----

    @Test
    void reportsBeginAtTheCallerOfStart() {
        Session s = recorded();
        List<StackTraceElement> start = s.startCallStack();
        StackTraceElement caller = start.get(start.size() - 1);
        assertEquals(ProfilerTest.class.getName(), caller.getClassName());
        assertEquals("recorded", caller.getMethodName());

        Frame thread = s.rootFrame().children().get(0);
        assertEquals(Frame.Kind.THREAD, thread.kind());
        // record() calls here() from a frame below recorded(), so the trimmed stem ends at recorded().
        Frame first = thread.children().get(0);
        assertEquals(1, thread.children().size());
        assertEquals("recorded", first.methodName());
        assertEquals(0.040, thread.time(), 1e-9);

        Frame untrimmed = s.rootFrame(false).children().get(0).children().get(0);
        assertEquals(start.get(0).getMethodName(), untrimmed.methodName());
        assertTrue(s.rootFrame(false).children().get(0).children().get(0) != null);
    }

    private Profiler startLikeALibrary(Profiler p) {
        StackWalker.StackFrame myCaller = StackWalker.getInstance().walk(f -> f.skip(1).findFirst()).orElseThrow();
        return p.start(myCaller);
    }

    private Profiler startLikeALibraryByElement(Profiler p) {
        return p.start(here()[1]);
    }

    @Test
    void startWithACallerFrameMovesTheStartOfTheReport() {
        Profiler p = scripted().build();
        startLikeALibrary(p);
        record(p);
        List<StackTraceElement> start = p.stop().startCallStack();
        assertEquals("startWithACallerFrameMovesTheStartOfTheReport", start.get(start.size() - 1).getMethodName());
        Frame thread = p.lastSession().rootFrame().children().get(0);
        assertEquals("startWithACallerFrameMovesTheStartOfTheReport", thread.children().get(0).methodName());
    }

    @Test
    void startWithAStackTraceElementMovesTheStartOfTheReport() {
        Profiler p = scripted().build();
        startLikeALibraryByElement(p);
        List<StackTraceElement> start = p.stop().startCallStack();
        assertEquals("startWithAStackTraceElementMovesTheStartOfTheReport",
                start.get(start.size() - 1).getMethodName());
    }

    @Test
    void withoutACallerFrameTheLibraryMethodIsTheStart() {
        Profiler p = scripted().build();
        p.start((StackWalker.StackFrame) null);
        List<StackTraceElement> start = p.stop().startCallStack();
        assertEquals("withoutACallerFrameTheLibraryMethodIsTheStart", start.get(start.size() - 1).getMethodName());
        p.start((StackTraceElement) null);
        assertTrue(p.isRunning());
        p.stop();
    }

    @Test
    void aCallerFrameNotOnTheStackIsRejected() {
        Profiler p = scripted().build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.start(new StackTraceElement("com.acme.Nowhere", "run", "Nowhere.java", 1)));
        assertTrue(e.getMessage().contains("com.acme.Nowhere.run"), e.getMessage());
        assertFalse(p.isRunning());
    }

    // ---- which threads ----

    @Test
    void byDefaultOnlyTheCallingThreadIsProfiled() throws Exception {
        assertEquals(List.of(Thread.currentThread().getName()), threadsSeen(false));
    }

    @Test
    void theAllThreadsOptionProfilesOtherThreadsToo() throws Exception {
        List<String> seen = threadsSeen(true);
        assertTrue(seen.contains(Thread.currentThread().getName()), seen.toString());
        assertTrue(seen.contains("profiler-test-bystander"), seen.toString());
    }

    @Test
    void aThreadFilterProfilesOnlyTheThreadsItAccepts() throws Exception {
        List<String> seen = threadsSeen(b -> b.threads(t -> t.getName().equals("profiler-test-bystander")));
        assertEquals(List.of("profiler-test-bystander"), seen);
    }

    private List<String> threadsSeen(boolean allThreads) throws Exception {
        return threadsSeen(b -> b.allThreads(allThreads));
    }

    /** Real platform stacks, sampled by a tick on another thread while a bystander thread waits. */
    private List<String> threadsSeen(java.util.function.UnaryOperator<Profiler.Builder> options) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread bystander = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "profiler-test-bystander");
        bystander.start();
        ExecutorService ticker = Executors.newSingleThreadExecutor(r -> new Thread(r, "jprof-test-ticker"));
        try {
            Profiler p = options.apply(Profiler.builder()).clock(clock).manualSampling().build();
            p.start();
            clock.advanceMillis(1);
            ticker.submit(p::tick).get(30, TimeUnit.SECONDS);
            return p.stop().threadNames();
        } finally {
            release.countDown();
            ticker.shutdownNow();
            bystander.join();
        }
    }

    // ---- output ----

    @Test
    void outputTextIsPlainByDefault() {
        Profiler p = scripted().build();
        p.start();
        record(p);
        p.stop();
        String text = p.outputText();
        assertTrue(text.contains("ScriptedStacks$Work.parse"), text);
        assertTrue(text.contains("0.030"), text);
        assertFalse(text.contains("\u2514"), text);
        assertFalse(text.contains("\033["), text);
        assertEquals(text, p.outputText(false, false, false, false));
        assertEquals(text, p.outputText(new RenderOptions()));
    }

    @Test
    void outputTextOptions() {
        Profiler p = scripted().build();
        p.start();
        record(p);
        p.stop();
        assertTrue(p.outputText(true, false, false, false).contains("\u2514\u2500 "));
        assertTrue(p.outputText(false, true, false, false).contains("\033["));
        assertFalse(p.outputText().contains("HashMap.getNode"), "library frames are hidden by default");
        assertTrue(p.outputText().contains("[3 frames hidden]  java.base"), p.outputText());
        assertTrue(p.outputText(false, false, true, false).contains("HashMap.getNode"), "showAll shows them");
        assertTrue(p.outputText(new RenderOptions().time(ConsoleRenderer.TimeFormat.PERCENT_OF_TOTAL))
                .contains("75.0%"));
    }

    @Test
    void timelineKeepsRepeatedCallsApart() {
        Profiler p = scripted().build();
        p.start();
        StackTraceElement[] base = here();
        for (String method : new String[] {"compute", "parse", "compute"}) {
            clock.advanceMillis(10);
            stacks.setCurrent(on(base, app(method, 1)));
            p.tick();
        }
        p.stop();
        assertEquals(1, count(p.outputText(), "Work.compute"));
        assertEquals(2, count(p.outputText(false, false, false, true), "Work.compute"));
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void printWritesTheTextReport() {
        Profiler p = scripted().build();
        p.start();
        record(p);
        p.stop();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        p.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), new RenderOptions().unicode(true).color(false));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(p.outputText(true, false, false, false), printed);
    }

    @Test
    void printWithoutArgumentsGoesToStandardOutput() {
        Profiler p = scripted().build();
        p.start();
        record(p);
        p.stop();
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            p.print();
        } finally {
            System.setOut(original);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("Work.parse"), printed);
        assertTrue(printed.contains("Program: scripted test"), printed);
    }

    @Test
    void outputUsesTheGivenRenderer() {
        Profiler p = scripted().build();
        p.start();
        record(p);
        Session s = p.stop();
        Renderer custom = session -> "samples=" + session.sampleCount();
        assertEquals("samples=2", p.output(custom));
        ConsoleRenderer console = new ConsoleRenderer(true, false, ConsoleRenderer.TimeFormat.SECONDS, false, false,
                null);
        assertEquals(console.render(s), p.output(console));
        assertEquals(s.toJson(), p.output("session", new RenderOptions()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.output("nonsense", new RenderOptions()));
        assertTrue(e.getMessage().contains("unknown renderer 'nonsense'"), e.getMessage());
    }

    @Test
    void everyOutputNeedsASession() {
        Profiler p = scripted().build();
        for (Runnable output : List.<Runnable>of(p::print, p::outputText, p::outputHtml, p::openInBrowser,
                () -> p.output(s -> "x"), () -> p.output("text", new RenderOptions()),
                () -> p.print(System.out, new RenderOptions()))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, output::run);
            assertTrue(e.getMessage().contains("no profile session recorded yet"), e.getMessage());
        }
        assertTrue(opened.isEmpty());
    }

    @Test
    void outputHtmlDelegatesToTheHtmlRenderer() {
        Profiler p = scripted().build();
        p.start();
        record(p);
        p.stop();
        if (Renderers.names().contains("html")) {
            String html = p.outputHtml();
            assertTrue(html.toLowerCase(java.util.Locale.ROOT).contains("<html"), html);
            assertEquals(Renderers.create("html", new RenderOptions(), false).render(p.lastSession()).length(),
                    html.length());
        } else {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, p::outputHtml);
            assertTrue(e.getMessage().contains("HTML output is not available"), e.getMessage());
            assertTrue(e.getMessage().contains("unknown renderer 'html'"), e.getMessage());
            assertThrows(UnsupportedOperationException.class, () -> p.outputHtml(new RenderOptions()));
            assertThrows(UnsupportedOperationException.class, p::openInBrowser);
            assertTrue(opened.isEmpty(), "no browser is opened without HTML");
        }
    }

    @Test
    void openInBrowserWritesTheReportAndOpensIt() throws IOException {
        Profiler p = scripted().build();
        p.start();
        record(p);
        p.stop();
        Path file = p.openInBrowser(session -> "<html>" + session.sampleCount() + "</html>");
        tempFiles.add(file);
        assertEquals(List.of(file), opened);
        assertTrue(file.getFileName().toString().endsWith(".html"));
        assertEquals("<html>2</html>", Files.readString(file));
        assertEquals("", messageBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void openInBrowserPrintsThePathWhenNoBrowserOpens() {
        browserWorks = false;
        Profiler p = scripted().build();
        p.start();
        record(p);
        p.stop();
        Path file = p.openInBrowser(session -> "<html></html>");
        tempFiles.add(file);
        String message = messageBytes.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("no web browser could be opened; the report is at " + file.toAbsolutePath()),
                message);
    }

    // ---- static conveniences (real sampler) ----

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    @Test
    void profileARunnable() {
        Session s = Profiler.profile(() -> spin(20_000_000));
        assertNotNull(s);
        assertTrue(s.duration() >= 0.020, "duration " + s.duration());
        List<StackTraceElement> start = s.startCallStack();
        assertEquals("profileARunnable", start.get(start.size() - 1).getMethodName());
        assertTrue(s.threadNames().stream().allMatch(n -> n.equals(Thread.currentThread().getName())),
                s.threadNames().toString());
    }

    @Test
    void profileARunnableRethrowsAfterStopping() {
        IOException e = assertThrows(IOException.class, () -> Profiler.profile(() -> {
            throw new IOException("boom");
        }));
        assertEquals("boom", e.getMessage());
    }

    @Test
    void profileACallable() throws Exception {
        Profiled<Integer> r = Profiler.profile(() -> {
            spin(5_000_000);
            return 42;
        });
        assertEquals(42, r.result());
        assertTrue(r.session().duration() >= 0.005);
        List<StackTraceElement> start = r.session().startCallStack();
        assertEquals("profileACallable", start.get(start.size() - 1).getMethodName());
    }

    @Test
    void startNewReturnsARunningProfilerOfTheCallingThread() {
        Profiler p = Profiler.startNew();
        try {
            assertTrue(p.isRunning());
            assertEquals(Profiler.DEFAULT_INTERVAL, p.interval());
        } finally {
            p.close();
        }
        List<StackTraceElement> start = p.lastSession().startCallStack();
        assertEquals("startNewReturnsARunningProfilerOfTheCallingThread",
                start.get(start.size() - 1).getMethodName());
    }

    @Test
    void theBuilderCanStartAndDescribe() {
        Profiler p = Profiler.builder().interval(Duration.ofMillis(2)).targetDescription("my batch job").start();
        Session s = p.stop();
        assertEquals("my batch job", s.targetDescription());
        assertEquals(0.002, s.interval(), 1e-12);
    }

    @Test
    void theDefaultDescriptionIsTheCommandLine() {
        Profiler p = Profiler.builder().clock(clock).stackSources(s -> stacks).manualSampling().build();
        p.start();
        String expected = System.getProperty("sun.java.command", "");
        String described = p.stop().targetDescription();
        assertEquals(expected.isEmpty() ? "pid " + ProcessHandle.current().pid() : expected, described);
    }
}

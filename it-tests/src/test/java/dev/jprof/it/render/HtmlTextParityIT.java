package dev.jprof.it.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.tree.Frame;
import dev.jprof.tree.ProcessorOptions;
import dev.jprof.tree.Processors;
import dev.jprof.Session;
import dev.jprof.renderers.ConsoleRenderer;
import dev.jprof.renderers.FrameRenderer;
import dev.jprof.renderers.HtmlRenderer;
import dev.jprof.renderers.RenderOptions;
import dev.jprof.sampling.ThreadState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The page shows what the text report shows. Each session is rendered as text and as HTML; the tree the
 * page builds in Chromium is compared with the Java processors' node by node (synthetic frames included),
 * the rows the page shows with everything expanded with the text report's rows, and the header's thread
 * count with the text header's: futures awaited ({@code [await]}), a virtual-thread server whose 1,250
 * request threads are each far below the threshold (grouped as {@code [virtual threads]}), a 1,500-frame
 * recursion, library runs hidden by a pattern, and the timeline's lanes. The flat view's rows equal the text
 * report's flat mode, by self and by total time.
 */
class HtmlTextParityIT {
    private static final int VIRTUAL_THREADS = 1250;

    @TempDir
    static Path dir;
    static HtmlBrowser browser;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = HtmlBrowser.start();
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @ParameterizedTest(name = "{0}, show all {1}, threshold {2}, hide {3}")
    @CsvSource({
        "futures, false, 0.01, ''",
        "futures, true, 0.01, ''",
        "futures, false, 0, ''",
        "virtual, false, 0.01, ''",
        "virtual, true, 0.01, ''",
        "deep, false, 0.01, ''",
        "deep, true, 0.01, ''",
        "futures, false, 0.01, '*/java/util/concurrent/*'",
        "virtual, false, 0.001, '*/com/acme/Handler.java'",
        "pools, false, 0.01, ''",
        "pools, true, 0.01, ''",
        "pools, false, 0, ''",
        "servers, false, 0.01, ''",
        "servers, true, 0.01, ''",
    })
    void pageTreeEqualsTextTree(String name, boolean showAll, double threshold, String hideGlob) throws Exception {
        Session session = session(name);
        ProcessorOptions options = new ProcessorOptions();
        options.set("filter_threshold", threshold);
        if (!hideGlob.isEmpty()) {
            options.set("hide_regex", Processors.globToRegex(hideGlob));
        }
        open(session, new RenderOptions().showAll(showAll).processorOptions(options), name);
        List<String> text = TreeParity.textRows(session, showAll, options);
        assertEquals(TreeParity.canonical(text), TreeParity.canonical(lines("shownText")), "rows as shown");
        assertEquals(TreeParity.canonical(javaTree(session, showAll, options)), TreeParity.canonical(lines("treeText")),
                "every node, hidden ones included");
        assertEquals(TreeParity.textThreads(session), pageFact("Threads"));
        if (!hideGlob.isEmpty()) {
            assertTrue(text.stream().anyMatch(r -> r.contains(" frames hidden]")), "the pattern hides something: " + text);
        }
        assertEquals(List.of(), browser.severeLogs());
    }

    @ParameterizedTest(name = "flat {0}, {1} time, show all {2}")
    @CsvSource({
        "futures, SELF, false",
        "futures, TOTAL, false",
        "virtual, SELF, false",
        "virtual, TOTAL, true",
        "deep, SELF, false",
        "deep, TOTAL, false",
        "deep, TOTAL, true",
    })
    void pageFlatViewEqualsTextFlatMode(String name, ConsoleRenderer.FlatTime flatTime, boolean showAll) throws Exception {
        Session session = session(name);
        ProcessorOptions options = new ProcessorOptions();
        open(session, new RenderOptions().showAll(showAll).processorOptions(options).flat(true).flatTime(flatTime),
                name + "-flat-" + flatTime);
        assertEquals("flat", browser.js("return location.hash.substring(6)"), "-p flat opens the page on its flat view");
        String text = new ConsoleRenderer(false, false, ConsoleRenderer.TimeFormat.SECONDS, showAll, false, options,
                ZoneOffset.UTC, true, flatTime, true).render(session);
        List<String> expected = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                expected.add(line);
            }
        }
        assertTrue(expected.size() >= 3, "a flat report of several methods: " + expected);
        assertEquals(expected, lines("flatText"), "the page's flat rows, in order");
        assertEquals(Math.min(expected.size(), 1000), browser.jsLong("return document.querySelectorAll('#flat .row').length"));
        assertEquals(List.of(), browser.severeLogs());
    }

    @Test
    void theHandlerOfAVirtualThreadServerShowsAsInText() throws Exception {
        Session session = session("virtual");
        open(session, new RenderOptions(), "virtual-default");
        List<String> shown = lines("shownText");
        assertTrue(shown.stream().anyMatch(r -> r.matches("0\t\\d+\\.\\d{3} \\[virtual threads\\] ThreadPerTaskExecutor")),
                "one group for the request threads: " + shown);
        assertTrue(shown.stream().anyMatch(r -> r.contains(" Handler.burnCpu  Handler.java:")), "the hot spot: " + shown);
        assertTrue(shown.stream().anyMatch(r -> r.contains(" [await]")), "the sleeping handler awaits: " + shown);
        assertEquals("3 + " + VIRTUAL_THREADS + " virtual (" + VIRTUAL_THREADS + " sampled), idle 2.0 s",
                pageFact("Threads"), "the dispatcher and the timer waited for work all along");
        assertTrue(shown.stream().anyMatch(r -> r.matches("0\t\\d+\\.\\d{3} \\[2 idle threads\\]  .*")), "folded: " + shown);
        assertTrue(shown.stream().noneMatch(r -> r.contains("VirtualThread-unblocker")), "a JDK service thread: " + shown);
    }

    @Test
    void aPoolIsOneRowRankedFirstAndIdleThreadsOneLine() throws Exception {
        Session session = session("pools");
        open(session, new RenderOptions(), "pools-default");
        List<String> shown = lines("shownText");
        List<String> top = shown.stream().filter(r -> r.startsWith("0\t")).collect(java.util.stream.Collectors.toList());
        assertTrue(top.get(0).matches("0\t\\d+\\.\\d{3} \\[pool\\] pool-1-thread  4 threads"), "the pool ranks first: " + top);
        assertTrue(top.get(1).endsWith(" [thread] main"), top.toString());
        assertTrue(top.get(2).matches("0\t\\d+\\.\\d{3} \\[2 idle threads\\]  (HTTP-Dispatcher, idle-timeout-task"
                + "|idle-timeout-task, HTTP-Dispatcher)"), top.toString());
        assertEquals(3, top.size(), "Reference Handler is left out: " + top);
        assertTrue(shown.stream().anyMatch(r -> r.contains(" [idle]")), "the pool's waits: " + shown);
        assertTrue(shown.stream().noneMatch(r -> r.contains("LinkedBlockingQueue")), shown.toString());

        open(session, new RenderOptions().splitPools(true), "pools-split");
        List<String> split = lines("shownText");
        for (int w = 1; w <= 4; w++) {
            String name = "[thread] pool-1-thread-" + w;
            assertTrue(split.stream().anyMatch(r -> r.startsWith("0\t") && r.endsWith(name)), name + ": " + split);
        }
        assertEquals(TreeParity.canonical(TreeParity.textRows(session, false, new ProcessorOptions(), true)),
                TreeParity.canonical(split), "split pools as in text");
    }

    @Test
    void futureWaitsAreAwaitInThePage() throws Exception {
        Session session = session("futures");
        open(session, new RenderOptions(), "futures-default");
        List<String> shown = lines("shownText");
        int await = indexOf(shown, " [await]");
        assertTrue(await > 0, "[await] is shown: " + shown);
        int depth = Integer.parseInt(shown.get(await).substring(0, shown.get(await).indexOf('\t')));
        int parent = await - 1;
        while (parent >= 0 && !shown.get(parent).startsWith((depth - 1) + "\t")) {
            parent--;
        }
        assertTrue(parent >= 0 && shown.get(parent).contains(" App.awaitAll  App.java:21"),
                "awaiting under the caller of join(): " + shown);
        assertTrue(shown.stream().noneMatch(r -> r.contains("CompletableFuture") || r.contains("LockSupport")),
                "the waiting internals are folded into [await]: " + shown);
    }

    @Test
    void timelineLanesAreTheThreadsOfTheTree() throws Exception {
        Session session = session("virtual");
        open(session, new RenderOptions().timeline(true), "virtual-timeline");
        assertEquals("timeline", browser.js("return location.hash.substring(6)"));
        String lanes = (String) browser.js("return document.getElementById('timeline').dataset.laneThreads");
        Set<String> expected = new TreeSet<>();
        for (Frame thread : session.rootFrame().children()) {
            expected.add(TreeParity.name(thread).replaceFirst("^\\[thread\\] ", ""));
        }
        Set<String> actual = new TreeSet<>(Arrays.asList(lanes.replaceAll("^\\[\"|\"\\]$", "").split("\",\"")));
        assertEquals(expected, actual, "one lane per thread of the tree, virtual threads grouped as in the tree");
        assertEquals(4, expected.size());
        assertEquals(List.of(), browser.severeLogs());
    }

    /**
     * The page's show-all toggle arranges threads as show_all does in text: JDK service threads come back and
     * the idle threads leave their {@code [N idle threads]} line for rows of their own; toggled off, they go again.
     */
    @Test
    void theShowAllToggleArrangesThreadsAsShowAllInText() throws Exception {
        Session session = session("servers");
        ProcessorOptions options = new ProcessorOptions();
        open(session, new RenderOptions().processorOptions(options), "servers-toggle");
        List<String> hidden = assertPageEqualsText(session, false, options);
        assertTrue(hidden.stream().anyMatch(r -> r.matches("0\t\\d+\\.\\d{3} \\[5 idle threads\\]  .*scheduler \\(2\\).*")),
                "the idle pool is in the idle-threads line: " + hidden);
        assertTrue(hidden.stream().noneMatch(r -> r.contains("Signal Dispatcher") || r.contains("Common-Cleaner")), hidden.toString());

        browser.js("document.getElementById('show-all').click()");
        List<String> all = assertPageEqualsText(session, true, options);
        assertTrue(all.stream().anyMatch(r -> r.startsWith("0\t") && r.endsWith(" [thread] Signal Dispatcher")), all.toString());
        assertTrue(all.stream().anyMatch(r -> r.startsWith("0\t") && r.endsWith(" [pool] scheduler  2 threads")), all.toString());
        assertTrue(all.stream().noneMatch(r -> r.contains(" idle threads]")), all.toString());

        browser.js("document.getElementById('show-all').click()");
        assertEquals(hidden, assertPageEqualsText(session, false, options), "toggled back");
        assertEquals(List.of(), browser.severeLogs());
    }

    private static List<String> assertPageEqualsText(Session session, boolean showAll, ProcessorOptions options) {
        List<String> shown = lines("shownText");
        assertEquals(TreeParity.canonical(TreeParity.textRows(session, showAll, options)), TreeParity.canonical(shown),
                "rows as shown, show all " + showAll);
        assertEquals(TreeParity.canonical(javaTree(session, showAll, options)), TreeParity.canonical(lines("treeText")),
                "every node, show all " + showAll);
        return shown;
    }

    /** JDK service threads, a pool waiting for work all along, and a timer that wakes now and then. */
    private static void serverExtras(int tick, dev.jprof.sampling.StackSource.StackConsumer out) {
        out.accept(5, "Signal Dispatcher", false, ThreadState.RUNNABLE, TreeParity.stack("java.lang.Thread.run:1"));
        out.accept(6, "Common-Cleaner", false, ThreadState.TIMED_WAITING, TreeParity.stack("java.lang.Thread.run:1",
                "jdk.internal.ref.CleanerImpl.run:2", "java.lang.ref.ReferenceQueue.remove:3"));
        for (int w = 1; w <= 2; w++) {
            out.accept(20 + w, "scheduler-" + w, false, ThreadState.WAITING, TreeParity.stack("java.lang.Thread.run:1",
                    "java.util.concurrent.ThreadPoolExecutor$Worker.run:2", "java.util.concurrent.ThreadPoolExecutor.runWorker:3",
                    "java.util.concurrent.ThreadPoolExecutor.getTask:5",
                    "java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue.take:6",
                    "java.util.concurrent.locks.LockSupport.park:7"));
        }
        boolean ticking = tick % 50 == 0;
        out.accept(7, "stats-timer", false, ticking ? ThreadState.RUNNABLE : ThreadState.TIMED_WAITING, ticking
                ? TreeParity.stack("java.lang.Thread.run:1", "java.util.TimerThread.mainLoop:2", "com.acme.Stats.flush:9")
                : TreeParity.stack("java.lang.Thread.run:1", "java.util.TimerThread.mainLoop:2", "java.lang.Object.wait:3"));
    }

    private static int indexOf(List<String> rows, String part) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    private static void open(Session session, RenderOptions options, String name) throws Exception {
        Path file = dir.resolve(name + ".html");
        Files.writeString(file, new HtmlRenderer(options).render(session));
        browser.open(file);
    }

    private static List<String> lines(String view) {
        String text = (String) browser.js("return window.jprof." + view + "()");
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (view.equals("treeText")) {
                String[] f = line.split("\t", 4);
                out.add(f[0] + "\t" + f[1] + " " + f[2] + " " + f[3]);
            } else {
                out.add(line);
            }
        }
        return out;
    }

    private static String pageFact(String name) {
        return (String) browser.js("var dts = document.querySelectorAll('#facts dt');"
                + "for (var i = 0; i < dts.length; i++) if (dts[i].textContent === arguments[0])"
                + " return dts[i].nextElementSibling.textContent; return null;", name);
    }

    /** Every node of the Java processors' tree as "depth\ttime_us group name", as the page's treeText. */
    private static List<String> javaTree(Session session, boolean showAll, ProcessorOptions options) {
        List<String> out = new ArrayList<>();
        new FrameRenderer(showAll, false, options) {
            @Override
            protected String renderFrame(Frame root, Session s) {
                List<Object[]> work = new ArrayList<>();
                for (int i = root.children().size() - 1; i >= 0; i--) {
                    work.add(new Object[] {root.children().get(i), 0});
                }
                while (!work.isEmpty()) {
                    Object[] item = work.remove(work.size() - 1);
                    Frame f = (Frame) item[0];
                    int depth = (Integer) item[1];
                    String group = f.group() == null ? "-" : f.group().root() == f ? "gr" : "g";
                    out.add(depth + "\t" + Math.round(f.time() * 1e6) + " " + group + " " + TreeParity.name(f));
                    for (int i = f.children().size() - 1; i >= 0; i--) {
                        work.add(new Object[] {f.children().get(i), depth + 1});
                    }
                }
                return "";
            }
        }.render(session);
        return out;
    }

    // ---- sessions: 1,000 ticks of 1 ms, scripted (ScriptedSessions) ----

    private static Session session(String name) {
        switch (name) {
            case "futures":
                return ScriptedSessions.record(-1, (tick, out) -> {
                    boolean computing = tick % 10 < 4;
                    out.accept(1, "main", false, computing ? ThreadState.RUNNABLE : ThreadState.WAITING, computing
                            ? TreeParity.stack("com.acme.Main.main:5", "com.acme.App.awaitAll:20", "com.acme.App.compute:30")
                            : TreeParity.stack("com.acme.Main.main:5", "com.acme.App.awaitAll:21",
                                    "java.util.concurrent.CompletableFuture.join:2",
                                    "java.util.concurrent.CompletableFuture.waitingGet:3",
                                    "java.util.concurrent.locks.LockSupport.park:4", "jdk.internal.misc.Unsafe.park:5"));
                    out.accept(2, "pool-1-thread-1", false, ThreadState.RUNNABLE, TreeParity.stack("java.lang.Thread.run:1",
                            "java.util.concurrent.ThreadPoolExecutor$Worker.run:2",
                            "java.util.concurrent.ThreadPoolExecutor.runWorker:3", "java.util.concurrent.FutureTask.run:4",
                            "java.util.concurrent.Executors$RunnableAdapter.call:5", "com.acme.App.task:40",
                            tick % 2 == 0 ? "com.acme.App.parse:50" : "java.util.HashMap.get:6"));
                    out.accept(3, "reporter", false, ThreadState.WAITING, TreeParity.stack("com.acme.Reporter.run:7",
                            "com.acme.Reporter.report:8", "java.util.concurrent.FutureTask.get:9",
                            "java.util.concurrent.FutureTask.awaitDone:10", "java.util.concurrent.locks.LockSupport.park:4"));
                });
            case "virtual":
                return ScriptedSessions.record(VIRTUAL_THREADS, (tick, out) -> {
                    out.accept(1, "HTTP-Dispatcher", false, ThreadState.WAITING, TreeParity.stack("java.lang.Thread.run:1",
                            "sun.net.httpserver.ServerImpl$Dispatcher.run:2", "sun.nio.ch.SelectorImpl.select:3"));
                    out.accept(2, "idle-timeout-task", false, ThreadState.TIMED_WAITING, TreeParity.stack("java.lang.Thread.run:1",
                            "java.util.TimerThread.mainLoop:2", "java.lang.Object.wait:3"));
                    out.accept(3, "VirtualThread-unblocker", false, ThreadState.WAITING, TreeParity.stack("java.lang.Thread.run:1",
                            "jdk.internal.misc.InnocuousThread.run:2", "java.lang.ref.ReferenceQueue.remove:3"));
                    // Five requests at a time, each on a virtual thread of its own living 4 ticks: 2 computing, 2 asleep.
                    for (int k = 0; k < 5; k++) {
                        long id = 10_000 + (tick / 4) * 5 + k;
                        if (id - 10_000 >= VIRTUAL_THREADS) {
                            continue;
                        }
                        boolean computing = tick % 4 < 2;
                        out.accept(id, "ThreadPerTaskExecutor", true,
                                computing ? ThreadState.RUNNABLE : ThreadState.TIMED_WAITING, computing
                                        ? TreeParity.stack("java.lang.VirtualThread.run:1", "com.acme.Handler.handle:10",
                                                "com.acme.Handler.burnCpu:20")
                                        : TreeParity.stack("java.lang.VirtualThread.run:1", "com.acme.Handler.handle:11",
                                                "java.lang.Thread.sleep:2", "java.lang.VirtualThread.sleepNanos:3",
                                                "java.lang.VirtualThread.parkNanos:4"));
                    }
                });
            case "pools":
            case "servers":
                return ScriptedSessions.record(-1, (tick, out) -> {
                    if (name.equals("servers")) {
                        serverExtras(tick, out);
                    }
                    String[] worker = {"java.lang.Thread.run:1", "java.util.concurrent.ThreadPoolExecutor$Worker.run:2",
                        "java.util.concurrent.ThreadPoolExecutor.runWorker:3"};
                    for (int w = 1; w <= 4; w++) {
                        boolean busy = (tick + w) % 2 == 0;
                        List<String> frames = new ArrayList<>(Arrays.asList(worker));
                        frames.addAll(busy ? List.of("java.util.concurrent.FutureTask.run:4", "com.acme.Handler.handle:10",
                                tick % 3 == 0 ? "com.acme.Handler.parse:20" : "com.acme.Handler.render:30")
                                : List.of("java.util.concurrent.ThreadPoolExecutor.getTask:5",
                                "java.util.concurrent.LinkedBlockingQueue.take:6", "java.util.concurrent.locks.LockSupport.park:7"));
                        out.accept(10 + w, "pool-1-thread-" + w, false, busy ? ThreadState.RUNNABLE : ThreadState.WAITING,
                                TreeParity.stack(frames.toArray(new String[0])));
                    }
                    boolean computing = tick % 4 == 0;
                    out.accept(1, "main", false, computing ? ThreadState.RUNNABLE : ThreadState.TIMED_WAITING, computing
                            ? TreeParity.stack("com.acme.Main.main:5", "com.acme.Main.compute:6")
                            : TreeParity.stack("com.acme.Main.main:7", "java.lang.Thread.sleep:8"));
                    out.accept(2, "HTTP-Dispatcher", false, ThreadState.RUNNABLE, TreeParity.stack("java.lang.Thread.run:1",
                            "sun.net.httpserver.ServerImpl$Dispatcher.run:2", "sun.nio.ch.SelectorImpl.select:3",
                            "sun.nio.ch.EPollSelectorImpl.doSelect:4"));
                    out.accept(3, "idle-timeout-task", false, ThreadState.TIMED_WAITING, TreeParity.stack(
                            "java.lang.Thread.run:1", "java.util.TimerThread.mainLoop:2", "java.lang.Object.wait:3"));
                    out.accept(4, "Reference Handler", false, ThreadState.WAITING, TreeParity.stack(
                            "java.lang.ref.Reference$ReferenceHandler.run:1", "java.lang.ref.Reference.waitForReferencePendingList:2"));
                });
            case "deep":
                return ScriptedSessions.record(-1, (tick, out) -> {
                    List<String> frames = new ArrayList<>();
                    frames.add("com.acme.Main.main:1");
                    for (int d = 0; d < 1500; d++) {
                        frames.add(d % 100 == 50 ? "java.util.Optional.map:2" : "com.acme.Deep.rec:" + (10 + d % 3));
                    }
                    frames.add(tick % 3 == 0 ? "com.acme.Deep.leaf:90" : "java.lang.Math.floorMod:3");
                    out.accept(1, "main", false, ThreadState.RUNNABLE, TreeParity.stack(frames.toArray(new String[0])));
                    out.accept(2, "side", false, ThreadState.RUNNABLE, TreeParity.stack("com.acme.Side.run:1", "com.acme.Side.spin:2"));
                });
            default:
                throw new IllegalArgumentException(name);
        }
    }
}

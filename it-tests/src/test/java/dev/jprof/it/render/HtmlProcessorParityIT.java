package dev.jprof.it.render;

import dev.jprof.it.support.ManualClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.tree.Frame;
import dev.jprof.tree.ProcessorOptions;
import dev.jprof.tree.Processors;
import dev.jprof.Recorder;
import dev.jprof.Session;
import dev.jprof.renderers.FrameRenderer;
import dev.jprof.renderers.HtmlRenderer;
import dev.jprof.renderers.RenderOptions;
import dev.jprof.sampling.StackSource;
import dev.jprof.sampling.ThreadState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processors the page runs in JavaScript give the same tree as jprof's Java processors: same frames,
 * synthetic ones included, at the same places with the same times, by default, with threshold 0, and
 * with show all. {@link HtmlTextParityIT} compares more sessions as the text report prints them.
 */
class HtmlProcessorParityIT {
    @TempDir
    static Path dir;
    static Session session;
    static HtmlBrowser browser;
    static final int IDLE_POOL = 150;

    @BeforeAll
    static void setUp() throws Exception {
        session = scriptedSession();
        Path file = dir.resolve("parity.html");
        Files.writeString(file, new HtmlRenderer().render(session));
        browser = HtmlBrowser.start();
        browser.open(file);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void defaultViewMatchesTheJavaProcessors() {
        Map<String, String> page = pageTree();
        assertEquals(javaTree(false, null), page);
        assertTrue(page.containsKey("[thread] main/com.acme.Main.main/com.acme.Main.run/com.acme.App.handle/com.acme.App.work"),
                "reflection frames were spliced out: " + page.keySet());
        assertTrue(page.keySet().stream().noneMatch(k -> k.contains("rare")), "the 0.25% branch is under the threshold");
        assertTrue(page.containsKey("[thread] worker/java.lang.Thread.run/com.acme.Worker.loop/com.acme.Worker.compute"),
                "threads that work are kept although the idle pool holds 99% of the time: " + page.keySet());
        assertTrue(page.keySet().stream().noneMatch(k -> k.startsWith("[thread] pool-")), "idle threads are not");
        assertTrue(page.keySet().stream().anyMatch(k -> k.startsWith("[" + IDLE_POOL + " idle threads]  pool (" + IDLE_POOL + ")")),
                "they are one line: " + page.keySet());
    }

    @Test
    void thresholdZeroMatches() {
        browser.js("var t = document.getElementById('threshold'); t.value = '0'; t.dispatchEvent(new Event('change'))");
        try {
            Map<String, String> page = pageTree();
            assertEquals(javaTree(false, 0.0), page);
            assertTrue(page.keySet().stream().anyMatch(k -> k.endsWith("com.acme.Main.rare")));
        } finally {
            browser.js("var t = document.getElementById('threshold'); t.value = '1'; t.dispatchEvent(new Event('change'))");
        }
    }

    @Test
    void showAllMatches() {
        browser.click("#show-all");
        try {
            Map<String, String> page = pageTree();
            assertEquals(javaTree(true, null), page);
            assertTrue(page.keySet().stream().anyMatch(k -> k.contains("jdk.internal.reflect.DirectMethodHandleAccessor.invoke")),
                    "show all keeps reflection frames");
            assertTrue(page.containsKey("[pool] pool  " + IDLE_POOL + " threads"), "show all unfolds the idle pool: " + page.keySet());
        } finally {
            browser.click("#show-all");
        }
        assertEquals(List.of(), browser.severeLogs());
    }

    @Test
    void hideAndShowGlobsFromTheCommandLineGroupTheSameFrames() throws Exception {
        String hide = Processors.globToRegex("*/java/util/*");
        String show = Processors.globToRegex("jrt:/java.base!/java/util/HashMap.java");
        for (String[] hs : new String[][] {{hide, null}, {null, show}, {hide, show}}) {
            ProcessorOptions options = new ProcessorOptions();
            options.set("hide_regex", hs[0]);
            options.set("show_regex", hs[1]);
            Path file = dir.resolve("parity-regex.html");
            Files.writeString(file, new HtmlRenderer(new RenderOptions().processorOptions(options)).render(session));
            browser.open(file);
            Map<String, String> page = pageTree();
            assertEquals(javaTreeWith(false, options), page, "hide " + hs[0] + " show " + hs[1]);
            assertTrue(page.values().stream().anyMatch(v -> v.endsWith(" gr")), "something is grouped");
        }
        browser.open(dir.resolve("parity.html"));
        assertEquals(List.of(), browser.severeLogs());
    }

    @Test
    void showRegexUngroupsLibraryFrames() throws Exception {
        long groups = browser.jsLong("return document.querySelectorAll('#tree .row.group').length");
        assertTrue(groups >= 2, "HashMap and LockSupport runs are grouped: " + groups);
        browser.click("#more-toggle");
        setInput("show-regex", ".*/java/util/.*");
        try {
            assertEquals(0L, browser.jsLong("return document.querySelectorAll('#tree .row.group').length"),
                    "frames the show regex matches are not hidden");
            assertTrue(browser.jsLong("return [...document.querySelectorAll('#tree .row .name')]"
                    + ".filter(e => e.textContent === 'HashMap.getNode').length") > 0, "HashMap.getNode is shown");
            setInput("show-regex", "([");
            assertTrue(browser.driver.findElement(org.openqa.selenium.By.id("regex-error")).getText().startsWith("invalid regex"),
                    "a broken pattern is reported on the page");
        } finally {
            setInput("show-regex", "");
            browser.click("#more-toggle");
        }
        assertEquals(groups, browser.jsLong("return document.querySelectorAll('#tree .row.group').length"));
        assertEquals(List.of(), browser.severeLogs());
    }

    private static void setInput(String id, String value) {
        browser.js("var e = document.getElementById(arguments[0]); e.value = arguments[1];"
                + "e.dispatchEvent(new Event('change'))", id, value);
    }

    /** path of names -> "time_us group", from the page. */
    private static Map<String, String> pageTree() {
        String text = (String) browser.js("return window.jprof.treeText()");
        Map<String, String> out = new TreeMap<>();
        List<String> path = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.split("\t", 4);
            int depth = Integer.parseInt(f[0]);
            while (path.size() > depth) {
                path.remove(path.size() - 1);
            }
            path.add(f[3]);
            out.put(String.join("/", path), f[1] + " " + f[2]);
        }
        return out;
    }

    /** The same, from the Java processors of a FrameRenderer. */
    private static Map<String, String> javaTree(boolean showAll, Double threshold) {
        ProcessorOptions options = new ProcessorOptions();
        if (threshold != null) {
            options.set("filter_threshold", threshold);
        }
        return javaTreeWith(showAll, options);
    }

    /**
     * The Java processors' tree, threads arranged as the options say: the page's show-all toggle brings back
     * the service threads and unfolds the idle ones as show_all does.
     */
    private static Map<String, String> javaTreeWith(boolean showAll, ProcessorOptions options) {
        Map<String, String> out = new TreeMap<>();
        new FrameRenderer(showAll, false, options) {
            @Override
            protected String renderFrame(Frame root, Session s) {
                for (Frame thread : root.children()) {
                    collect(thread, "", out);
                }
                return "";
            }
        }.render(session);
        return out;
    }

    private static void collect(Frame frame, String parent, Map<String, String> out) {
        String name = TreeParity.name(frame);
        String path = parent.isEmpty() ? name : parent + "/" + name;
        String group = frame.group() == null ? "-" : frame.group().root() == frame ? "gr" : "g";
        out.put(path, Math.round(frame.time() * 1e6) + " " + group);
        for (Frame child : frame.children()) {
            collect(child, path, out);
        }
    }

    /**
     * 1,000 ticks of 1 ms: reflection and class-loading plumbing, one method seen at two lines, recursion,
     * self time in the middle of the tree, a branch of 0.25%, a second thread that mostly waits, and an
     * idle pool that holds 99% of all time.
     */
    private static Session scriptedSession() {
        StackTraceElement[] reflective = TreeParity.stack("com.acme.Main.main:10", "com.acme.Main.run:20",
                "java.lang.reflect.Method.invoke:5", "jdk.internal.reflect.DirectMethodHandleAccessor.invoke:6",
                "com.acme.App.handle:30", "com.acme.App.work:40");
        StackTraceElement[] otherLine = TreeParity.stack("com.acme.Main.main:10", "com.acme.Main.run:21", "com.acme.App.handle:31",
                "java.util.HashMap.get:7", "java.util.HashMap.getNode:8");
        StackTraceElement[] loading = TreeParity.stack("com.acme.Main.main:11", "java.lang.ClassLoader.loadClass:9",
                "jdk.internal.loader.BuiltinClassLoader.loadClass:10", "com.acme.App.<clinit>:3");
        StackTraceElement[] runSelf = TreeParity.stack("com.acme.Main.main:10", "com.acme.Main.run:22");
        StackTraceElement[] rare = TreeParity.stack("com.acme.Main.main:12", "com.acme.Main.rare:50");
        StackTraceElement[] recursion = TreeParity.stack("com.acme.Main.main:10", "com.acme.Main.run:20", "com.acme.App.rec:60",
                "com.acme.App.rec:61", "com.acme.App.rec:61");
        StackTraceElement[] parked = TreeParity.stack("java.lang.Thread.run:1", "com.acme.Worker.loop:70",
                "java.util.concurrent.locks.LockSupport.park:2", "jdk.internal.misc.Unsafe.park:3");
        // The idle pool waits for work: [idle], folded into one line that sets no base for the others' frames.
        StackTraceElement[] waitingForWork = TreeParity.stack("java.lang.Thread.run:1",
                "java.util.concurrent.ThreadPoolExecutor.runWorker:2", "java.util.concurrent.ThreadPoolExecutor.getTask:3",
                "java.util.concurrent.LinkedBlockingQueue.take:4", "java.util.concurrent.locks.LockSupport.park:2");
        StackTraceElement[] computing = TreeParity.stack("java.lang.Thread.run:1", "com.acme.Worker.loop:71", "com.acme.Worker.compute:80");
        ManualClock clock = new ManualClock(false);
        long[] tick = {0};
        StackSource source = out -> {
            int i = (int) (tick[0] % 100);
            StackTraceElement[] main = i < 50 ? reflective : i < 70 ? otherLine : i < 80 ? loading : i < 90 ? runSelf
                    : i == 90 ? rare : recursion;
            out.accept(1, "main", false, ThreadState.RUNNABLE, main);
            boolean waits = tick[0] % 10 < 7;
            out.accept(2, "worker", false, waits ? ThreadState.WAITING : ThreadState.RUNNABLE, waits ? parked : computing);
            for (int p = 0; p < IDLE_POOL; p++) {
                out.accept(100 + p, "pool-" + p, false, ThreadState.WAITING, waitingForWork);
            }
        };
        Recorder recorder = new Recorder(source, clock, Duration.ofMillis(1), TreeParity::locate, "parity", 1 << 16);
        recorder.startManual();
        for (int t = 0; t < 1000; t++) {
            clock.advance(1_000_000L);
            tick[0] = t;
            recorder.tick();
        }
        recorder.stop();
        return recorder.snapshot();
    }
}

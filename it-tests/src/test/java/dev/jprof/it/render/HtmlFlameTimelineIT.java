package dev.jprof.it.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.Session;
import dev.jprof.renderers.HtmlRenderer;
import dev.jprof.renderers.RenderOptions;
import dev.jprof.sampling.ThreadState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The flame graph and the timeline's flame chart in Chromium, on scripted sessions whose sample counts are
 * known: threads merged by default and split on demand, click-to-zoom widths, the search's share of all
 * time, and stacks drawn in time order; and a real program's two phases in the order it ran them.
 */
class HtmlFlameTimelineIT {
    /** Eight threads with the same stacks; plain names so that no pool grouping merges them in Java first. */
    private static final String[] WORKERS = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"};
    private static final int ROW_H = 18;

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

    @Test
    void eightIdenticalThreadsAreOneColumnUntilSplit() throws Exception {
        open(ScriptedSessions.record(-1, (tick, out) -> {
            for (int t = 0; t < WORKERS.length; t++) {
                out.accept(t + 1, WORKERS[t], false, ThreadState.RUNNABLE, TreeParity.stack("java.lang.Thread.run:1",
                        "com.acme.Worker.run:10", tick % 4 == 0 ? "com.acme.Worker.write:30" : "com.acme.Worker.crunch:20"));
            }
        }), new RenderOptions(), "eight");
        browser.click("#tab-flame");
        double width = browser.jsLong("return +document.getElementById('flame').dataset.width");
        List<Map<String, Object>> crunch = boxes("Worker.crunch");
        assertEquals(1, crunch.size(), "merged: one box for the eight threads' crunch: " + crunch);
        assertEquals(0.75 * width, num(crunch.get(0), "w"), 1.5, "crunch is 3/4 of all time, drawn once");
        assertEquals(1, boxes("Worker.run").size());
        assertEquals(width, num(boxes("Worker.run").get(0), "w"), 1.5, "no blank column: the merged run spans it all");
        browser.screenshot("html-flame-merged");

        browser.click("#flame-split");
        crunch = boxes("Worker.crunch");
        assertEquals(8, crunch.size(), "split by thread: one crunch per thread: " + crunch);
        for (Map<String, Object> box : crunch) {
            assertEquals(0.75 * width / 8, num(box, "w"), 1.5, "each thread an eighth: " + box);
        }
        assertEquals(List.of(), browser.severeLogs());
    }

    /**
     * main (1 s): a quarter in App.parse, a quarter in App.render calling App.parse, half in App.render alone.
     * side (1 s): App.parse calling itself. Search "parse": 250 + 250 + 1000 ms of 2000 = 75.0% (the
     * recursive call counted once).
     */
    @Test
    void clickZoomsAndSearchSharesMatchTheSampleCounts() throws Exception {
        open(ScriptedSessions.record(-1, (tick, out) -> {
            String leaf = tick % 4 == 0 ? "com.acme.App.parse:30" : "com.acme.App.render:40";
            out.accept(1, "main", false, ThreadState.RUNNABLE, tick % 4 == 1
                    ? TreeParity.stack("com.acme.Main.main:5", "com.acme.App.run:20", "com.acme.App.render:41", "com.acme.App.parse:31")
                    : TreeParity.stack("com.acme.Main.main:5", "com.acme.App.run:20", leaf));
            out.accept(2, "side", false, ThreadState.RUNNABLE,
                    TreeParity.stack("com.acme.Side.run:7", "com.acme.App.parse:32", "com.acme.App.parse:33"));
        }), new RenderOptions(), "zoom");
        browser.click("#tab-flame");
        double width = browser.jsLong("return +document.getElementById('flame').dataset.width");
        String top = (String) browser.js("return document.getElementById('flame').dataset.focus");
        Map<String, Object> render = boxes("App.render").get(0);
        assertEquals(0.375 * width, num(render, "w"), 1.5, "render: 750 of 2000 ms");
        WebElement canvas = browser.driver.findElement(By.id("flame"));
        clickAt(canvas, num(render, "x") + num(render, "w") / 2, num(render, "row") * ROW_H + ROW_H / 2.0);
        List<Map<String, Object>> parse = boxes("App.parse").stream()
                .filter(b -> num(b, "row") > num(render, "row")).collect(Collectors.toList());
        assertEquals(1, parse.size(), "zoomed to render, one parse below it: " + boxes(""));
        assertEquals(width / 3, num(parse.get(0), "w"), 1.5, "parse under render: 250 of 750 ms");
        assertEquals(width, num(boxes("App.render").get(0), "w"), 1.5, "the zoomed frame spans the width");
        List<WebElement> crumbs = browser.driver.findElements(By.cssSelector("#flame-crumbs .crumb"));
        assertEquals(List.of("all threads", "Main.main", "App.run", "App.render"),
                crumbs.stream().map(WebElement::getText).collect(Collectors.toList()), "the way back");
        crumbs.get(2).click();
        assertEquals(width, num(boxes("App.run").get(0), "w"), 1.5, "a crumb zooms out to its frame");
        browser.click("#flame-reset");
        assertEquals(top, browser.js("return document.getElementById('flame').dataset.focus"));

        browser.driver.findElement(By.id("search")).sendKeys("parse");
        assertEquals("75.0% of all time", browser.driver.findElement(By.id("match-share")).getText());
        long highlighted = highlightPixels("flame");
        assertTrue(highlighted > 100, "matching frames are outlined: " + highlighted + " highlight pixels");
        browser.screenshot("html-flame-search");
        browser.driver.findElement(By.id("search")).clear();
        assertEquals(List.of(), browser.severeLogs());
    }

    /** main: phase A for the first 400 ms, then phase B for 600 ms; a second thread ticks and sleeps in turn. */
    @Test
    void timelineDrawsStacksInTimeOrder() throws Exception {
        open(ScriptedSessions.record(-1, (tick, out) -> {
            out.accept(1, "main", false, ThreadState.RUNNABLE, tick < 400
                    ? TreeParity.stack("com.acme.Main.main:5", "com.acme.Phases.phaseA:10", "com.acme.Phases.work:30")
                    : TreeParity.stack("com.acme.Main.main:6", "com.acme.Phases.phaseB:20", "com.acme.Phases.work:31"));
            out.accept(2, "ticker", false, tick % 2 == 0 ? ThreadState.RUNNABLE : ThreadState.TIMED_WAITING,
                    tick % 2 == 0 ? TreeParity.stack("com.acme.Ticker.run:3", "com.acme.Ticker.tick:4")
                            : TreeParity.stack("com.acme.Ticker.run:3", "java.lang.Thread.sleep:5", "java.lang.Thread.sleep0:6"));
        }), new RenderOptions().timeline(true), "phases");
        assertEquals("main", browser.js("return document.getElementById('tl-chart').dataset.thread"),
                "the busiest thread is drawn first");
        Map<String, Object> a = block("Phases.phaseA");
        Map<String, Object> b = block("Phases.phaseB");
        assertEquals(1, num(a, "depth"));
        assertEquals(1, num(b, "depth"));
        assertEquals(400_000, num(a, "end") - num(a, "start"), 2_000, "phase A lasted 400 ms: " + a);
        assertEquals(600_000, num(b, "end") - num(b, "start"), 2_000, "phase B lasted 600 ms: " + b);
        assertTrue(num(a, "end") <= num(b, "start"), "A before B: " + a + " " + b);
        assertTrue(num(a, "x") + num(a, "w") <= num(b, "x") + 0.5, "A's block left of B's: " + a + " " + b);
        assertEquals(2, blocks("Phases.work").size(), "work under A and under B are two blocks");
        assertEquals(1, blocks("Main.main").size(), "main spans both phases as one block");
        browser.driver.findElement(By.id("search")).sendKeys("phaseB");
        assertTrue(highlightPixels("tl-chart") > 100, "the search outlines phase B's block");
        browser.driver.findElement(By.id("search")).sendKeys(Keys.ESCAPE);
        assertEquals(0, highlightPixels("tl-chart"), "Escape clears the search");
        browser.screenshot("html-timeline-chart");

        double pxPerMicro = num(a, "w") / 400_000;
        browser.click("#tl-in");
        double start = browser.jsLong("return +document.getElementById('timeline').dataset.start");
        double span = browser.jsLong("return +document.getElementById('timeline').dataset.span");
        Map<String, Object> zoomedB = block("Phases.phaseB");
        double visible = Math.min(1_000_000, start + span) - Math.max(400_000, start);
        assertEquals(2 * pxPerMicro * visible, num(zoomedB, "w"), 2, "zooming in doubles the scale: " + zoomedB);
        browser.click("#tl-reset");
        new Select(browser.driver.findElement(By.id("tl-thread"))).selectByVisibleText("all threads, stacked");
        List<Map<String, Object>> ticks = blocks("Ticker.tick");
        assertEquals(500, ticks.size(), "the other thread's 500 separate ticks: " + ticks.size());
        assertTrue(ticks.stream().allMatch(t -> "ticker".equals(t.get("lane"))));
        assertEquals(1, blocks("Phases.phaseA").size(), "main is still drawn");
        assertEquals(500, blocks("Thread.sleep").size(), "library code called from the application is drawn");
        assertEquals(0, blocks("Thread.sleep0").size(), "library code it calls is folded, as in the tree");
        browser.click("#show-all");
        assertEquals(500, blocks("Thread.sleep0").size(), "show all unfolds it");
        browser.click("#show-all");
        assertEquals(List.of(), browser.severeLogs());
    }

    /** A real JVM: phase A for 400 ms, then phase B for 600 ms, timed by the program itself. */
    @Test
    void timelineOfARealProgramDrawsItsPhasesInOrder() throws Exception {
        Path report = AgentRun.profile(AgentRun.currentJava(), dir.resolve("phased.html"), "renderer=html",
                PhasedTarget.class, "400", "600");
        browser.open(report);
        browser.click("#tab-timeline");
        assertEquals("main", browser.js("return document.getElementById('tl-chart').dataset.thread"));
        List<Map<String, Object>> a = blocks("PhasedTarget.phaseA");
        List<Map<String, Object>> b = blocks("PhasedTarget.phaseB");
        assertTrue(!a.isEmpty() && !b.isEmpty(), "both phases are drawn: " + a + " " + b);
        double lastOfA = a.stream().mapToDouble(m -> num(m, "end")).max().orElseThrow();
        double firstOfB = b.stream().mapToDouble(m -> num(m, "start")).min().orElseThrow();
        assertTrue(lastOfA <= firstOfB, "every block of A ends before B's first starts: " + a + " " + b);
        double drawnA = a.stream().mapToDouble(m -> num(m, "end") - num(m, "start")).sum();
        double drawnB = b.stream().mapToDouble(m -> num(m, "end") - num(m, "start")).sum();
        System.err.printf("HtmlFlameTimelineIT: phases of 400 and 600 ms drawn as %.1f ms (%d blocks) and %.1f ms (%d blocks)%n",
                drawnA / 1000, a.size(), drawnB / 1000, b.size());
        assertEquals(400_000, drawnA, 60_000, "A: " + a);
        assertEquals(600_000, drawnB, 60_000, "B: " + b);
        assertEquals(List.of(), browser.severeLogs());
    }

    private static void open(Session session, RenderOptions options, String name) throws Exception {
        Path file = dir.resolve(name + ".html");
        Files.writeString(file, new HtmlRenderer(options).render(session));
        browser.open(file);
    }

    private static void clickAt(WebElement canvas, double x, double y) {
        new Actions(browser.driver).moveToElement(canvas, (int) Math.round(x - canvas.getSize().getWidth() / 2.0),
                (int) Math.round(y - canvas.getSize().getHeight() / 2.0)).click().perform();
    }

    /** Pixels of the search's outline colour on a canvas. */
    private static long highlightPixels(String canvas) {
        return browser.jsLong("var c = document.getElementById(arguments[0]), x = c.getContext('2d');"
                + "var d = x.getImageData(0, 0, c.width, c.height).data, n = 0;"
                + "for (var i = 0; i < d.length; i += 4) if (d[i] === 255 && d[i + 1] === 224 && d[i + 2] === 102) n++;"
                + "return n;", canvas);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> boxes(String name) {
        return ((List<Map<String, Object>>) browser.js("return window.jprof.flameBoxes()")).stream()
                .filter(b -> ((String) b.get("name")).contains(name)).collect(Collectors.toList());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> blocks(String name) {
        return ((List<Map<String, Object>>) browser.js("return window.jprof.chartBlocks()")).stream()
                .filter(b -> name.equals(b.get("name"))).collect(Collectors.toList());
    }

    private static Map<String, Object> block(String name) {
        List<Map<String, Object>> found = blocks(name);
        assertEquals(1, found.size(), name + " is one block: " + found);
        return found.get(0);
    }

    private static double num(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).doubleValue();
    }
}

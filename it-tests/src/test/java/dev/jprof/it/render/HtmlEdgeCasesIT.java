package dev.jprof.it.render;

import dev.jprof.it.support.ManualClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.CodeLocation;
import dev.jprof.Recorder;
import dev.jprof.Session;
import dev.jprof.renderers.HtmlRenderer;
import dev.jprof.sampling.StackSource;
import dev.jprof.sampling.ThreadState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** Sessions at the edges: nothing recorded, and a 10,000-frame-deep stack. */
class HtmlEdgeCasesIT {
    @TempDir
    static Path dir;
    static HtmlBrowser browser;

    @BeforeAll
    static void start() throws Exception {
        browser = HtmlBrowser.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void emptySessionSaysSo() throws Exception {
        Path file = dir.resolve("empty.html");
        Files.writeString(file, new HtmlRenderer().render(record(0, new StackTraceElement[0])));
        browser.open(file);
        assertEquals("No samples were recorded.", browser.driver.findElement(By.cssSelector("#tree .empty")).getText());
        browser.click("#tab-flame");
        browser.click("#tab-timeline");
        assertEquals(List.of(), browser.severeLogs());
    }

    @Test
    void tenThousandFramesDeepStackRenders() throws Exception {
        StackTraceElement[] deep = new StackTraceElement[10_001];
        deep[0] = new StackTraceElement("com.acme.Deep", "leafWork", "Deep.java", 9);
        for (int i = 1; i < deep.length; i++) {
            deep[i] = new StackTraceElement("com.acme.Deep", "recurse", "Deep.java", 5);
        }
        Path file = dir.resolve("deep.html");
        Files.writeString(file, new HtmlRenderer().render(record(20, deep)));
        browser.open(file);
        assertEquals(List.of(), browser.severeLogs());
        long rows = browser.jsLong("return +document.getElementById('tree').dataset.rows");
        assertTrue(rows > 10_000, "every level is a row: " + rows);
        assertTrue(browser.jsLong("return document.querySelectorAll('#tree .row').length") < 1000,
                "a big tree keeps only the rows near the viewport in the DOM");
        browser.js("document.getElementById('tree').focus()");
        browser.driver.findElement(By.id("tree")).sendKeys(Keys.END);
        String leaf = browser.driver.findElement(By.cssSelector("#tree .row.selected")).getText();
        assertTrue(leaf.contains("Deep.leafWork") && leaf.contains("\u21b310001"), leaf);
        assertTrue(browser.driver.findElement(By.cssSelector("#tree .row.selected")).isDisplayed());
        browser.screenshot("html-deep-stack");
        browser.click("#tab-flame");
        assertTrue(browser.jsLong("return +document.getElementById('flame').dataset.rects") > 1000);
        browser.click("#tab-timeline");
        browser.click("#tab-tree");
        browser.driver.findElement(By.id("search")).sendKeys("leafWork");
        assertEquals("1 match", browser.driver.findElement(By.id("match-count")).getText());
        assertEquals(List.of(), browser.severeLogs());
    }

    @Test
    void hostileClassMethodFileAndThreadNamesStayText() throws Exception {
        String thread = "</script><script>alert(5)</script>";
        StackTraceElement[] stack = {
            new StackTraceElement("com.acme.<img src=x onerror=alert(2)>", "<script>alert(3)</script>",
                    "\"><svg onload=alert(4)>.java", 7),
            new StackTraceElement("com.acme.Main", "main", "Main.java", 3)};
        Path file = dir.resolve("hostile.html");
        Files.writeString(file, new HtmlRenderer().render(record(20, stack, thread)));
        browser.open(file);
        browser.driver.findElement(By.id("search")).sendKeys("alert");
        for (String view : new String[] {"#tab-flame", "#tab-timeline", "#tab-tree"}) {
            browser.click(view);
        }
        org.junit.jupiter.api.Assertions.assertThrows(org.openqa.selenium.NoAlertPresentException.class,
                () -> browser.driver.switchTo().alert(), "no script from a name ran");
        assertEquals(0L, browser.jsLong("return document.querySelectorAll('img, svg, #tree script').length"));
        assertEquals(2L, browser.jsLong("return document.scripts.length"), "only the page's own scripts");
        String tree = browser.driver.findElement(By.id("tree")).getText();
        assertTrue(tree.contains(thread), tree);
        assertTrue(tree.contains("<img src=x onerror=alert(2)>.<script>alert(3)</script>"), tree);
        assertTrue(tree.contains("\"><svg onload=alert(4)>.java:7"), tree);
        assertEquals(List.of(), browser.severeLogs());
    }

    @Test
    void aDeepStacksTimelineTooltipStaysInsideA700PixelWindowAndTheLegendNamesEveryColour() throws Exception {
        StackTraceElement[] stack = new StackTraceElement[40];
        for (int i = 0; i < stack.length; i++) {
            stack[i] = new StackTraceElement("com.acme.Layer" + i, "call", "Layer" + i + ".java", i + 1);
        }
        Path file = dir.resolve("tall-tooltip.html");
        Files.writeString(file, new HtmlRenderer().render(record(50, stack)));
        browser.driver.manage().window().setSize(new Dimension(1000, 700));
        try {
            browser.open(file);
            browser.click("#tab-timeline");
            String legend = browser.driver.findElement(By.id("tl-legend")).getText();
            for (String entry : new String[] {"innermost application method", "library code", "waiting or blocked",
                    "library code, waiting", "idle (no Java stack)"}) {
                assertTrue(legend.contains(entry), "the legend names '" + entry + "': " + legend);
            }
            WebElement canvas = browser.driver.findElement(By.id("timeline"));
            int y = 22 + 11; // the only lane
            new Actions(browser.driver).moveToElement(canvas, 0, -canvas.getSize().getHeight() / 2 + y).perform();
            WebElement tip = browser.driver.findElement(By.id("tooltip"));
            assertTrue(tip.isDisplayed(), "hovering a sample shows its stack");
            @SuppressWarnings("unchecked")
            List<Number> box = (List<Number>) browser.js("var r = document.getElementById('tooltip').getBoundingClientRect();"
                    + " return [r.top, r.bottom, window.innerHeight, arguments[0].getBoundingClientRect().top + arguments[1]]",
                    canvas, y);
            double top = box.get(0).doubleValue();
            double bottom = box.get(1).doubleValue();
            double height = box.get(2).doubleValue();
            double pointer = box.get(3).doubleValue();
            assertTrue(bottom - top > Math.max(pointer, height - pointer), "a tooltip taller than the room above and"
                    + " below the pointer: " + box);
            assertTrue(top >= 0 && bottom <= height, "the tooltip is inside the window: " + box);
            assertTrue(tip.getText().contains("Layer0.call"), "the innermost frame is on screen: " + tip.getText());
            browser.screenshot("html-timeline-tall-tooltip");
        } finally {
            browser.driver.manage().window().setSize(new Dimension(1400, 1000));
        }
        assertEquals(List.of(), browser.severeLogs());
    }

    private static Session record(int ticks, StackTraceElement[] stack) {
        return record(ticks, stack, "main");
    }

    private static Session record(int ticks, StackTraceElement[] stack, String threadName) {
        ManualClock clock = new ManualClock(false);
        StackSource source = out -> out.accept(1, threadName, false, ThreadState.RUNNABLE, stack);
        Recorder recorder = new Recorder(source, clock, Duration.ofMillis(1),
                e -> new CodeLocation("/app/classes!/com/acme/" + e.getFileName(), "classes", true), "edge", 4096);
        recorder.startManual();
        for (int i = 0; i < ticks; i++) {
            clock.advance(1_000_000L);
            recorder.tick();
        }
        recorder.stop();
        return recorder.snapshot();
    }
}

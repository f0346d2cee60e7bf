package dev.jprof.it.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * A real JVM profiled by the agent with {@code renderer=html} writes a report; headless Chromium opens it
 * from file:// and every view is exercised.
 */
class HtmlReportIT {
    private static final String HOT = "HtmlTargetProgram.hotMethodForHtml";

    @TempDir
    static Path dir;
    static Path report;
    static String agentStderr;
    static HtmlBrowser browser;

    @BeforeAll
    static void profileAProgram() throws Exception {
        report = dir.resolve("report.html");
        agentStderr = profile(Paths.get(System.getProperty("java.home")), report);
        browser = HtmlBrowser.start();
    }

    /** Runs the target program with the agent writing an HTML report; returns the agent's stderr. */
    static String profile(Path javaHome, Path out) throws Exception {
        String agent = Paths.get(System.getProperty("jprof.agent.jar", "../agent/target/jprof.jar")).toAbsolutePath().toString();
        String classes = Paths.get(System.getProperty("jprof.test.classes", "target/test-classes")).toAbsolutePath().toString();
        List<String> cmd = new ArrayList<>(List.of(javaHome.resolve("bin").resolve("java").toString(),
                "-javaagent:" + agent + "=renderer=html,outfile=" + out, "-cp", classes,
                HtmlTargetProgram.class.getName(), "1500"));
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the profiled program finishes");
        String stderr = Files.readString(err);
        assertEquals(0, p.exitValue(), stderr);
        assertTrue(Files.isRegularFile(out) && Files.size(out) > 0, "the agent wrote the report; stderr:\n" + stderr);
        return stderr;
    }

    @Test
    void reportFromJdk25OpensToo() throws Exception {
        Path home = Paths.get(System.getProperty("jprof.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        if (!Files.isExecutable(home.resolve("bin/java"))) {
            String why = "SKIPPED: JDK 25 not found at " + home + " (set -Djprof.jdk25=...)";
            System.err.println(why);
            org.junit.jupiter.api.Assumptions.assumeTrue(false, why);
        }
        Path out = dir.resolve("report-jdk25.html");
        profile(home, out);
        browser.open(out);
        assertTrue(hotRow().isDisplayed(), "the hot method is on screen");
        assertTrue(browser.driver.findElement(By.id("program")).getText().contains("JVM 25"),
                browser.driver.findElement(By.id("program")).getText());
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void open() {
        browser.open(report);
    }

    @AfterEach
    void noConsoleErrors() {
        assertEquals(List.of(), browser.severeLogs(), "browser console errors");
    }

    @Test
    void loadsWithoutConsoleErrorsAndShowsTheHotMethod() throws Exception {
        assertTrue(agentStderr.contains("report written to " + report), agentStderr);
        assertEquals(List.of(), browser.severeLogs());
        WebElement hot = hotRow();
        assertTrue(hot.isDisplayed(), "the hot method is on screen");
        assertTrue(hot.getAttribute("class").contains("app"), "the hot method is marked as application code");
        String time = hot.findElement(By.cssSelector(".time")).getText();
        assertTrue(Double.parseDouble(time) > 0.5, "most of 1.5 s is in the hot method: " + time);
        browser.screenshot("html-call-tree");
    }

    @Test
    void clickCollapsesAndExpandsANode() {
        WebElement main = threadRow("main");
        assertEquals("true", main.getAttribute("aria-expanded"));
        long rows = rowCount();
        main.click();
        main = threadRow("main");
        assertEquals("false", main.getAttribute("aria-expanded"));
        assertTrue(rowCount() < rows, "collapsing hides the thread's calls");
        assertTrue(browser.driver.findElements(By.xpath(hotXpath())).isEmpty(), "the hot method is hidden");
        main.click();
        assertEquals("true", threadRow("main").getAttribute("aria-expanded"));
        assertEquals(rows, rowCount(), "expanding shows them again");
        assertTrue(hotRow().isDisplayed());
    }

    @Test
    void keyboardMovesAndToggles() {
        WebElement tree = browser.driver.findElement(By.id("tree"));
        browser.js("document.getElementById('tree').focus()");
        int first = selectedIndex();
        tree.sendKeys(Keys.ARROW_DOWN);
        assertEquals(first + 1, selectedIndex(), "arrow down selects the next row");
        tree.sendKeys(Keys.ARROW_UP);
        assertEquals(first, selectedIndex());
        String before = selectedRow().getAttribute("aria-expanded");
        tree.sendKeys(Keys.ENTER);
        assertNotEquals(before, selectedRow().getAttribute("aria-expanded"), "enter toggles the selected node");
        tree.sendKeys(Keys.ENTER);
        assertEquals(before, selectedRow().getAttribute("aria-expanded"));
        tree.sendKeys(Keys.ARROW_LEFT);
        assertEquals("false", selectedRow().getAttribute("aria-expanded"), "left collapses");
        tree.sendKeys(Keys.ARROW_RIGHT);
        assertEquals("true", selectedRow().getAttribute("aria-expanded"), "right expands");
    }

    @Test
    void searchFindsAMethod() throws Exception {
        WebElement search = browser.driver.findElement(By.id("search"));
        search.sendKeys("COLDMETHODFORHTML");
        String count = browser.driver.findElement(By.id("match-count")).getText();
        assertTrue(count.matches("[1-9]\\d* match(es)?"), "match count: " + count);
        List<WebElement> marks = browser.driver.findElements(By.cssSelector(".row mark"));
        assertFalse(marks.isEmpty(), "matches are highlighted");
        assertEquals("coldMethodForHtml", marks.get(0).getText());
        assertTrue(marks.get(0).isDisplayed(), "the branch holding the match was expanded");
        search.sendKeys(Keys.ENTER);
        assertTrue(selectedRow().getAttribute("class").contains("match"), "enter jumps to a match");
        browser.screenshot("html-search");
        search.clear();
        search.sendKeys("noSuchMethodAnywhere");
        assertEquals("0 matches", browser.driver.findElement(By.id("match-count")).getText());
    }

    @Test
    void viewOptionsChangeTheTreeWithoutReprofiling() {
        String seconds = hotRow().findElement(By.cssSelector(".time")).getText();
        assertTrue(seconds.matches("\\d+\\.\\d{3}"), seconds);
        browser.js("var s = document.getElementById('time-format'); s.value = 'percent_of_total';"
                + "s.dispatchEvent(new Event('change'))");
        String percent = hotRow().findElement(By.cssSelector(".time")).getText();
        assertTrue(percent.matches("\\d+\\.\\d%"), percent);
        long rows = rowCount();
        browser.js("var t = document.getElementById('threshold'); t.value = '0'; t.dispatchEvent(new Event('change'))");
        long rowsNoThreshold = rowCount();
        assertTrue(rowsNoThreshold >= rows, "threshold 0 keeps every frame");
        browser.click("#show-all");
        assertTrue(rowCount() > rows, "show all reveals library frames");
        browser.click("#show-all");
        browser.js("var t = document.getElementById('threshold'); t.value = '60'; t.dispatchEvent(new Event('change'))");
        assertTrue(rowCount() < rows, "a high threshold removes frames");
    }

    @Test
    void libraryGroupsExpand() {
        // The hostile thread waits in CountDownLatch.await: JDK frames, grouped.
        List<WebElement> groups = browser.driver.findElements(By.cssSelector(".row.group"));
        assertFalse(groups.isEmpty(), "library frames are grouped as [N frames hidden]");
        WebElement g = groups.get(0);
        assertTrue(g.getText().matches("(?s).*\\[\\d+ frames hidden\\].*"), g.getText());
        long rows = rowCount();
        g.click();
        assertTrue(rowCount() > rows, "expanding the group shows its frames");
        assertTrue(browser.driver.findElements(By.cssSelector(".row.group")).get(0).getText().contains("shown"));
    }

    @Test
    void flameGraphDraws() throws Exception {
        browser.click("#tab-flame");
        long rects = browser.jsLong("return +document.getElementById('flame').dataset.rects");
        assertTrue(rects >= 4, "flame graph rectangles: " + rects);
        long colours = browser.jsLong("var c = document.getElementById('flame'), x = c.getContext('2d');"
                + "var d = x.getImageData(0, 0, c.width, Math.min(c.height, 400)).data, s = new Set();"
                + "for (var i = 0; i < d.length; i += 4 * 7) s.add(d[i] << 16 | d[i + 1] << 8 | d[i + 2]);"
                + "return s.size;");
        assertTrue(colours > 5, "the canvas is painted, distinct colours: " + colours);
        browser.screenshot("html-flame-graph");
        String before = (String) browser.js("return document.getElementById('flame').dataset.focus");
        WebElement canvas = browser.driver.findElement(By.id("flame"));
        // The third row is a method under a thread; clicking it zooms in.
        new Actions(browser.driver).moveToElement(canvas, -canvas.getSize().getWidth() / 2 + 20,
                -canvas.getSize().getHeight() / 2 + 18 * 2 + 9).click().perform();
        String after = (String) browser.js("return document.getElementById('flame').dataset.focus");
        assertNotEquals(before, after, "clicking a frame zooms to it");
        browser.click("#flame-reset");
        assertEquals(before, browser.js("return document.getElementById('flame').dataset.focus"));
    }

    @Test
    void timelineRendersAndShowsTheStackOnHover() throws Exception {
        browser.click("#tab-timeline");
        long drawn = browser.jsLong("return +document.getElementById('timeline').dataset.drawn");
        assertTrue(drawn > 0, "timeline samples drawn: " + drawn);
        WebElement canvas = browser.driver.findElement(By.id("timeline"));
        long lanes = browser.jsLong("return +document.getElementById('timeline').dataset.lanes");
        int mainLane = (int) browser.jsLong(
                "return JSON.parse(document.getElementById('timeline').dataset.laneThreads).indexOf('main')");
        assertTrue(mainLane >= 0, "the main thread has a lane");
        assertTrue(lanes >= 2, "one lane per thread: " + lanes);
        int y = 22 + mainLane * 22 + 11;
        new Actions(browser.driver).moveToElement(canvas, 0, -canvas.getSize().getHeight() / 2 + y).perform();
        WebElement tip = browser.driver.findElement(By.id("tooltip"));
        assertTrue(tip.isDisplayed(), "hovering a sample shows a tooltip");
        assertTrue(tip.getText().startsWith("main"), tip.getText());
        assertTrue(tip.getText().contains("HtmlTargetProgram."), "the tooltip lists the stack: " + tip.getText());
        browser.screenshot("html-timeline");
        browser.click("#tl-in");
        long zoomed = browser.jsLong("return +document.getElementById('timeline').dataset.span");
        long start = browser.jsLong("return +document.getElementById('timeline').dataset.start");
        new Actions(browser.driver).moveToElement(canvas, 0, -canvas.getSize().getHeight() / 2 + y).clickAndHold()
                .moveByOffset(200, 0).release().perform();
        long panned = browser.jsLong("return +document.getElementById('timeline').dataset.start");
        assertTrue(panned < start, "dragging right pans to earlier samples: " + panned + " < " + start);
        assertEquals(zoomed, browser.jsLong("return +document.getElementById('timeline').dataset.span"), "panning keeps the zoom");
        browser.click("#tl-reset");
        long full = browser.jsLong("return +document.getElementById('timeline').dataset.span");
        assertTrue(zoomed < full, "zoom narrows the visible span: " + zoomed + " < " + full);
    }

    @Test
    void hostileThreadNameRendersAsText() throws Exception {
        assertThrows(NoAlertPresentException.class, () -> browser.driver.switchTo().alert(), "no script ran");
        assertEquals(0L, browser.jsLong("return document.querySelectorAll('img').length"), "no element from a name");
        WebElement row = threadRow(HtmlTargetProgram.HOSTILE_THREAD);
        assertTrue(row.isDisplayed(), "the thread's name is visible as text");
        browser.click("#tab-flame");
        browser.click("#tab-timeline");
        browser.click("#tab-tree");
        assertThrows(NoAlertPresentException.class, () -> browser.driver.switchTo().alert());
        assertEquals(0L, browser.jsLong("return document.querySelectorAll('img').length"));
        browser.screenshot("html-hostile-thread-name");
    }

    private static String hotXpath() {
        return "//div[contains(@class,'row')][span[@class='name' and .='" + HOT + "']]";
    }

    private static WebElement hotRow() {
        return browser.driver.findElement(By.xpath(hotXpath()));
    }

    private static WebElement threadRow(String name) {
        for (WebElement r : browser.driver.findElements(By.cssSelector(".row.thread"))) {
            if (name.equals(r.findElement(By.cssSelector(".name")).getText().replaceFirst("^\\[thread\\] ", ""))) {
                return r;
            }
        }
        throw new AssertionError("no thread row named " + name);
    }

    private static long rowCount() {
        return browser.jsLong("return document.querySelectorAll('#tree .row').length");
    }

    private static int selectedIndex() {
        return Integer.parseInt(selectedRow().getAttribute("data-index"));
    }

    private static WebElement selectedRow() {
        return browser.driver.findElement(By.cssSelector("#tree .row.selected"));
    }
}

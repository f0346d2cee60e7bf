package dev.jprof.it.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.it.programs.DiffWork;
import dev.jprof.it.support.Jvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * {@code jprof diff} end to end: {@link DiffWork} runs twice under the real CLI (its hot method's share
 * triples in the second run), then the real CLI compares the two saved sessions as text and as an HTML
 * differential flame graph opened in headless Chromium.
 */
class DiffIT {
    private static final Pattern ROW = Pattern.compile(
            "^\\s+([+-]?[0-9.]+)%\\s+([0-9.]+)%\\s+([0-9.]+)%\\s+([0-9.]+)\\s+([0-9.]+)\\s+(\\S+)");
    private static final Pattern TRUTH = Pattern.compile("TRUTH hot=(\\d+) cold=(\\d+)");

    @TempDir
    static Path dir;
    static Path before;
    static Path after;
    static double truthBefore;
    static double truthAfter;

    /** The jprof command, on the JDK running the tests, exactly as bin/jprof starts it. */
    private static Jvm.Result jprof(String... args) throws Exception {
        String agent = Jvm.agentJar();
        String cli = Paths.get(System.getProperty("jprof.cli.jar")).toAbsolutePath().toString();
        List<String> command = new ArrayList<>(Jvm.current().command("-Djprof.agent.jar=" + agent, "-cp", cli + ":" + agent,
                "dev.jprof.cli.Main"));
        command.addAll(Arrays.asList(args));
        return Jvm.run(command, dir, 120);
    }

    /** Profiles DiffWork with {@code split} on {@code jvm}; returns the hot method's true share of the work. */
    private static double profile(Path session, String split, Jvm jvm) throws Exception {
        // 2 ms, ungoverned: ~1,500 samples, so a 20% share has a sampling error near 1 pp, not the ~3.4 pp of the
        // ~140 samples the governed default gave (a 6.8 pp miss on CI).
        Jvm.Result r = jprof("--java", jvm.home().toString(), "-i", "2ms", "--max-overhead", "0", "-o", session.toString(),
                "-cp", Jvm.testClasses(),
                DiffWork.class.getName(), split, "30");
        assertEquals(0, r.exitCode, r.toString());
        Matcher m = TRUTH.matcher(r.stdout);
        assertTrue(m.find(), r.toString());
        double hot = Double.parseDouble(m.group(1));
        return hot / (hot + Double.parseDouble(m.group(2)));
    }

    @BeforeAll
    static void twoRuns() throws Exception {
        before = dir.resolve("before.jprof");
        after = dir.resolve("after.jprof");
        // Both on one JDK: JDK 25 adds a service thread (VirtualThread-unblocker) that waits all along and so
        // takes half of the total, which would halve the second run's shares until such threads are hidden.
        truthBefore = profile(before, "before", Jvm.current());
        truthAfter = profile(after, "after", Jvm.current());
    }

    @Test
    void textNamesTheGrownMethodFirstWithSharesMatchingTheTruth() throws Exception {
        Jvm.Result r = jprof("diff", before.toString(), after.toString(), "--no-color", "--no-unicode");
        assertEquals(0, r.exitCode, r.toString());
        String first = firstRow(r.stdout);
        Matcher m = ROW.matcher(first);
        assertTrue(m.find(), first);
        assertEquals("DiffWork.hot", m.group(6), r.stdout);
        double shareA = Double.parseDouble(m.group(2)) / 100;
        double shareB = Double.parseDouble(m.group(3)) / 100;
        // The main thread is the program's only thread: its hot share is the share of the whole profile.
        assertEquals(truthBefore, shareA, 0.06, r.stdout);
        assertEquals(truthAfter, shareB, 0.06, r.stdout);
        assertEquals(shareB - shareA, Double.parseDouble(m.group(1)) / 100, 0.0011, first);
        assertTrue(first.contains("< DiffWork.main < [thread] main"), first);
        assertTrue(r.stdout.contains("  A: " + before + "  "), r.stdout);
    }

    @Test
    void htmlColoursTheGrownFrameRedWithBothProfilesNumbersInItsTooltip() throws Exception {
        Jvm.Result text = jprof("diff", before.toString(), after.toString(), "--no-color", "--no-unicode");
        Matcher row = ROW.matcher(firstRow(text.stdout));
        assertTrue(row.find(), text.stdout);
        Path page = dir.resolve("diff.html");
        Jvm.Result r = jprof("diff", before.toString(), after.toString(), "-o", page.toString());
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(Files.size(page) > 0);
        try (HtmlBrowser browser = HtmlBrowser.start()) {
            browser.open(page);
            assertEquals(List.of(), browser.severeLogs());
            WebElement hot = browser.driver.findElement(By.cssSelector(".frame[data-name='DiffWork.hot']"));
            assertEquals("grew", hot.getAttribute("data-change"));
            int[] rgb = rgb(hot.getCssValue("background-color"));
            assertTrue(rgb[0] > rgb[2] + 20, "red, not blue: " + Arrays.toString(rgb));
            for (WebElement cold : browser.driver.findElements(By.cssSelector(".frame[data-name^='DiffWork.cold']"))) {
                assertEquals("shrank", cold.getAttribute("data-change"));
                int[] c = rgb(cold.getCssValue("background-color"));
                assertTrue(c[2] > c[0] + 20, "blue: " + Arrays.toString(c));
            }
            double width = hot.getSize().getWidth();
            double graph = browser.driver.findElement(By.id("graph")).getSize().getWidth();
            assertEquals(Double.parseDouble(row.group(3)) / 100, width / graph, 0.02, "widths are B's shares");

            new Actions(browser.driver).moveToElement(hot).perform();
            String tip = browser.driver.findElement(By.id("tip")).getText();
            assertTrue(tip.startsWith("DiffWork.hot"), tip);
            // The same numbers as the text, up to the last digit's rounding (Java's and JavaScript's differ at .x5).
            Matcher t = Pattern.compile("A: ([0-9.]+) s \\(([0-9.]+)%\\)\nB: ([0-9.]+) s \\(([0-9.]+)%\\)\nchange: "
                    + "([+-]?[0-9.]+)% of total").matcher(tip);
            assertTrue(t.find(), tip);
            String why = tip + "\n" + text.stdout;
            assertEquals(Double.parseDouble(row.group(4)), Double.parseDouble(t.group(1)), 0.0011, why);
            assertEquals(Double.parseDouble(row.group(2)), Double.parseDouble(t.group(2)), 0.11, why);
            assertEquals(Double.parseDouble(row.group(5)), Double.parseDouble(t.group(3)), 0.0011, why);
            assertEquals(Double.parseDouble(row.group(3)), Double.parseDouble(t.group(4)), 0.11, why);
            assertEquals(Double.parseDouble(row.group(1)), Double.parseDouble(t.group(5)), 0.11, why);
            browser.screenshot("diff-report");

            String firstChange = (String) browser.js("return document.querySelector('#ranked tr.row td').textContent");
            assertEquals(Double.parseDouble(row.group(1)), Double.parseDouble(firstChange.replace("%", "")), 0.11, firstChange);
            String firstName = (String) browser.js("return document.querySelector('#ranked tr.row td.name').textContent");
            assertTrue(firstName.startsWith("DiffWork.hot"), firstName);

            WebElement search = browser.driver.findElement(By.id("search"));
            search.sendKeys("cold");
            assertEquals(2L, browser.jsLong("return document.querySelectorAll('.frame.match').length"));
            String match = browser.driver.findElement(By.id("match")).getText();
            assertTrue(match.startsWith("2 matching: A "), match);
            search.clear();
            hot.click();
            assertEquals(graph, browser.driver.findElement(By.cssSelector(".frame[data-name='DiffWork.hot']")).getSize()
                    .getWidth(), 2, "a click zooms the frame to the full width");
            assertEquals(List.of(), browser.severeLogs());
        }
    }

    @Test
    void aMissingSessionIsOnePlainLineAndExitStatus2() throws Exception {
        Jvm.Result r = jprof("diff", before.toString(), "nope.jprof");
        assertEquals(2, r.exitCode, r.toString());
        assertEquals("jprof: no such file: nope.jprof\n", r.stderr);
    }

    private static String firstRow(String text) {
        List<String> lines = Arrays.asList(text.split("\n"));
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("frame  (called from)")) {
                header = i;
            }
        }
        assertTrue(header >= 0, text);
        return lines.get(header + 1);
    }

    private static int[] rgb(String css) {
        Matcher m = Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)").matcher(css);
        assertTrue(m.find(), css);
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    }
}

package dev.jprof.it.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.Session;
import dev.jprof.renderers.HtmlRenderer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A 1,000,000-sample session (20 threads x 50,000 ticks over 4,000 distinct stacks) renders to a file
 * under 10 MB that Chromium makes interactive in under 2 s.
 */
class HtmlBigSessionIT {
    @Test
    void millionSamplesAreSmallAndInteractiveQuickly() throws Exception {
        Session session = HtmlBigSession.build(20, 50_000, 4000);
        assertEquals(1_000_000, session.sampleCount());
        long renderStart = System.nanoTime();
        String html = new HtmlRenderer().render(session);
        long renderMillis = (System.nanoTime() - renderStart) / 1_000_000;
        Path dir = Paths.get(System.getProperty("jprof.artifacts", "target/artifacts"));
        Files.createDirectories(dir);
        Path file = dir.resolve("html-1m-samples.html");
        Files.write(file, html.getBytes(StandardCharsets.UTF_8));
        long bytes = Files.size(file);
        assertTrue(bytes < 10_000_000, "file size " + bytes);

        try (HtmlBrowser browser = HtmlBrowser.start()) {
            // Best of three loads: the machine is shared, the page's own cost is the minimum.
            List<Long> readyMillis = new ArrayList<>();
            List<Long> wallMillis = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                browser.driver.get("about:blank");
                long start = System.nanoTime();
                browser.open(file);
                wallMillis.add((System.nanoTime() - start) / 1_000_000);
                readyMillis.add(Long.parseLong((String) browser.js(
                        "return document.documentElement.getAttribute('data-jprof-ready')")));
                System.err.println("HtmlBigSessionIT: page phases (ms since navigation start) "
                        + browser.js("return document.documentElement.getAttribute('data-jprof-timings')"));
            }
            assertEquals(List.of(), browser.severeLogs(), "console errors");
            long best = Collections.min(readyMillis);
            System.err.println("HtmlBigSessionIT: 1,000,000 samples -> " + bytes + " bytes, rendered in " + renderMillis
                    + " ms; time to interactive (performance.now at ready) " + readyMillis + " ms, driver wall "
                    + wallMillis + " ms");
            assertTrue(best < 2000, "time to interactive " + readyMillis + " ms");
            assertTrue(browser.driver.findElement(By.id("notes")).getText().contains("resampled"),
                    "the page says the timeline was resampled");

            // Interactive: a click expands, search answers, the other views draw.
            WebElement collapsed = browser.driver.findElement(By.cssSelector("#tree .row[aria-expanded]:not(.group)"));
            long rows = browser.jsLong("return document.querySelectorAll('#tree .row').length");
            String label = collapsed.getText();
            long t0 = System.nanoTime();
            collapsed.click();
            long clickMillis = (System.nanoTime() - t0) / 1_000_000;
            long after = browser.jsLong("return document.querySelectorAll('#tree .row').length");
            // One [pool] worker node: the page opens with its tree expanded, so the click may fold it instead.
            assertTrue(after != rows, "clicking '" + label + "' went from " + rows + " to " + after + " rows");
            t0 = System.nanoTime();
            browser.driver.findElement(By.id("search")).sendKeys("dispatch");
            long searchMillis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(browser.driver.findElement(By.id("match-count")).getText().matches("[1-9]\\d* match(es)?"));
            browser.screenshot("html-1m-call-tree");
            browser.click("#tab-flame");
            // Threads merged: the 20 workers' identical paths are drawn once; split, each root row (the workers'
            // [pool] row, unless rendered with split_pools, and main) has its own column.
            long merged = browser.jsLong("return +document.getElementById('flame').dataset.rects");
            assertTrue(merged >= 4, "merged flame graph boxes: " + merged);
            browser.click("#flame-split");
            long split = browser.jsLong("return +document.getElementById('flame').dataset.rects");
            assertTrue(split > merged, "split by thread: " + split + " boxes, merged " + merged);
            browser.click("#tab-timeline");
            assertTrue(browser.jsLong("return +document.getElementById('timeline').dataset.drawn") > 1000);
            browser.screenshot("html-1m-timeline");
            assertEquals(List.of(), browser.severeLogs(), "console errors");
            System.err.println("HtmlBigSessionIT: click-to-expand " + clickMillis + " ms, search " + searchMillis + " ms");
        }
    }
}

package dev.jprof.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.tree.ProcessorOptions;
import dev.jprof.Session;
import dev.jprof.Version;
import dev.jprof.testing.Sessions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Golden-file tests: output is compared byte for byte (the version string is normalised). */
class ConsoleRendererTest {

    static Session story() {
        Sessions s = new Sessions();
        s.source.running(1, "main", "com.acme.Main.main:10", "com.acme.Main.compute:20", "com.acme.Main.inner:30");
        s.tick(10, 40);
        s.source.running(1, "main", "com.acme.Main.main:10", "com.acme.Main.compute:21");
        s.tick(10, 20);
        s.source.running(1, "main", "com.acme.Main.main:12", "java.util.HashMap.computeIfAbsent:1",
                "java.util.HashMap.resize:2", "org.lib.Cache.load:3", "com.acme.Main.loader:40");
        s.tick(10, 20);
        s.source.running(1, "main", "com.acme.Main.main:14", "java.lang.Thread.sleep:-2");
        s.tick(10, 20);
        s.source.running(2, "worker-1", "java.lang.Thread.run:840", "com.acme.Worker.run:5");
        s.tick(10, 10);
        s.source.remove(2);
        s.tick(10, 1);
        return s.recorder.snapshot();
    }

    private static String render(ConsoleRenderer r, Session s) {
        return r.render(s).replace("v" + Version.VERSION, "vVERSION");
    }

    @Test
    void aFewBusyThreadsAreShownAmongHundredsOfIdlePoolThreads() {
        Sessions s = new Sessions();
        for (int i = 0; i < 200; i++) {
            s.source.set(100 + i, "pool-" + i, dev.jprof.sampling.ThreadState.WAITING,
                    "java.lang.Thread.run:840", "com.acme.Pool.next:7", "java.lang.Object.wait:-2");
        }
        for (int i = 0; i < 4; i++) {
            s.source.running(10 + i, "busy-" + i, "java.lang.Thread.run:840", "com.acme.Busy.compute:5");
        }
        s.tick(10, 100);
        // Split: as one [pool] row they would be one large node; apart, each is far below the threshold.
        String text = new ConsoleRenderer(false, false, ConsoleRenderer.TimeFormat.SECONDS, false, false, null,
                ZoneOffset.UTC).splitPools(true).render(s.recorder.snapshot());
        // Each thread is 0.5% of all time, but each busy one is a quarter of the work.
        for (int i = 0; i < 4; i++) {
            assertTrue(text.contains("[thread] busy-" + i), text);
        }
        assertTrue(text.contains("Busy.compute"), text);
        assertFalse(text.contains("pool-"), text);
    }

    @Test
    void saysWhenNothingReachedTheThresholdRatherThanThatNothingWasRecorded() {
        Sessions s = new Sessions();
        for (int i = 0; i < 200; i++) {
            s.source.set(100 + i, "pool-" + i, dev.jprof.sampling.ThreadState.WAITING,
                    "java.lang.Thread.run:840", "com.acme.Pool.next:7", "java.lang.Object.wait:-2");
        }
        s.tick(10, 10);
        String text = new ConsoleRenderer(false, false, ConsoleRenderer.TimeFormat.SECONDS, false, false, null,
                ZoneOffset.UTC).splitPools(true).render(s.recorder.snapshot());
        assertTrue(text.contains("Nothing reached the display threshold (1% of 20.000 s)"), text);
        assertFalse(text.contains("No samples were recorded"), text);
    }

    @Test
    void unicodeTreeMatchesGolden() throws IOException {
        ConsoleRenderer r = new ConsoleRenderer(true, false, ConsoleRenderer.TimeFormat.SECONDS, false, false,
                new ProcessorOptions(), ZoneOffset.UTC);
        assertGolden("console-unicode.txt", render(r, story()));
    }

    @Test
    void asciiPercentMatchesGolden() throws IOException {
        ConsoleRenderer r = new ConsoleRenderer(false, false, ConsoleRenderer.TimeFormat.PERCENT_OF_TOTAL, false,
                false, new ProcessorOptions(), ZoneOffset.UTC);
        assertGolden("console-ascii-percent.txt", render(r, story()));
    }

    @Test
    void showAllShowsLibraryFrames() throws IOException {
        ConsoleRenderer r = new ConsoleRenderer(true, false, ConsoleRenderer.TimeFormat.SECONDS, true, false,
                new ProcessorOptions(), ZoneOffset.UTC);
        String out = render(r, story());
        assertTrue(out.contains("HashMap.resize"), out);
        assertFalse(out.contains("frames hidden"), out);
    }

    @Test
    void timelineKeepsRepeatedCallsApart() throws IOException {
        ConsoleRenderer r = new ConsoleRenderer(true, false, ConsoleRenderer.TimeFormat.SECONDS, false, true,
                new ProcessorOptions(), ZoneOffset.UTC);
        assertGolden("console-timeline.txt", render(r, story()));
    }

    @Test
    void colourHighlightsHotTimesAndApplicationCode() {
        ConsoleRenderer r = new ConsoleRenderer(true, true, ConsoleRenderer.TimeFormat.SECONDS, false, false,
                new ProcessorOptions(), ZoneOffset.UTC);
        String out = render(r, story());
        assertTrue(out.contains("\033[31m"), "red for > 60% of the total");
        assertTrue(out.contains("\033[48;5;24m\033[38;5;15mMain.compute"), "application code highlighted");
    }

    @Test
    void hostileNamesCannotInjectTerminalEscapes() {
        Sessions s = new Sessions();
        s.source.running(1, "evil\033[2J\nname", "com.acme.Main.main:1");
        s.tick(10, 3);
        String out = new ConsoleRenderer().render(s.recorder.snapshot());
        assertFalse(out.contains("\033"), out);
        assertTrue(out.contains("evil\\x1b[2J\\x0aname"), out);
    }

    @Test
    void emptySessionSaysSo() {
        String out = new ConsoleRenderer().render(new Sessions().recorder.snapshot());
        assertTrue(out.contains("No samples were recorded."), out);
    }

    /** Compares with src/test/resources/golden/NAME; writes target/golden-actual/NAME for review on mismatch. */
    static void assertGolden(String name, String actual) throws IOException {
        String expected;
        try (InputStream in = ConsoleRendererTest.class.getResourceAsStream("/golden/" + name)) {
            expected = in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!actual.equals(expected)) {
            Path out = Paths.get("target", "golden-actual", name);
            Files.createDirectories(out.getParent());
            Files.write(out, actual.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(expected, actual, "golden file " + name + " differs; actual output in target/golden-actual/" + name);
    }
}

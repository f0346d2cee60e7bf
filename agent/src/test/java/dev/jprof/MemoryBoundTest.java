package dev.jprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.renderers.ConsoleRenderer;
import dev.jprof.renderers.HtmlRenderer;
import dev.jprof.renderers.JsonRenderer;
import dev.jprof.testing.FakeClock;
import dev.jprof.testing.ScriptedStackSource;
import dev.jprof.testing.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the memory bound tells: the header's one line in every renderer, the session file, the API. */
class MemoryBoundTest {
    @TempDir
    Path dir;

    /** 1 MB: an alternating timeline that must fold, then endless new stacks that must be cut short. */
    private static Session overflowing() {
        FakeClock clock = new FakeClock();
        ScriptedStackSource source = new ScriptedStackSource();
        Recorder r = new Recorder(source, clock, Duration.ofMillis(10), Sessions.LOCATOR, "overflow", Integer.MAX_VALUE)
                .maxMemory(1 << 20);
        r.startManual();
        for (int i = 0; i < 40_000; i++) {
            source.running(1, "main", "com.acme.Main.main:1", i % 2 == 0 ? "com.acme.Main.a:2" : "com.acme.Main.b:3");
            clock.advance(Duration.ofMillis(10), 0.5);
            r.tick();
        }
        for (int i = 0; i < 20_000; i++) {
            source.running(1, "main", "com.acme.Main.main:1", "com.acme.Gen" + i + ".run:1");
            clock.advance(Duration.ofMillis(10), 0.5);
            r.tick();
        }
        r.stop();
        return r.snapshot();
    }

    @Test
    void everyHeaderSaysWhatTheBoundDidInOneLine() {
        Session s = overflowing();
        assertTrue(s.timelineAggregated());
        assertTrue(s.shallowerSamples() > 0 && s.shallowerSamples() < 20_000, "cut: " + s.shallowerSamples());
        assertEquals(60_000, s.sampleCount());
        assertEquals(600.0, s.rootFrame().time(), 1e-6, "no time lost");
        String line = String.format(Locale.ROOT, "memory limit 1 MB reached: timeline aggregated; %,d samples kept at"
                + " shallower stacks", s.shallowerSamples());
        assertEquals(line, s.memoryNotice());
        assertTrue(new ConsoleRenderer().render(s).contains("\nNote: " + line + ".\n"));
        assertTrue(new JsonRenderer().render(s).contains("\"memory_notice\":\"" + line + "\""));
        String html = new HtmlRenderer().render(s);
        assertTrue(html.contains("\"memory_limit\":1048576"), "HTML data carries the limit");
        assertTrue(html.contains("\"shallower_samples\":" + s.shallowerSamples()), "and the count");
    }

    @Test
    void theSessionFileKeepsTheFieldsAndOlderFilesStillLoad() throws Exception {
        Session s = overflowing();
        Path file = dir.resolve("s.jprof");
        s.save(file);
        Session loaded = Session.load(file);
        assertEquals(s.memoryNotice(), loaded.memoryNotice());
        assertEquals(1 << 20, loaded.memoryLimit());

        String old = Files.readString(file).replaceAll("\"memory_limit\":\\d+,", "")
                .replaceAll("\"shallower_samples\":\\d+,", "");
        assertTrue(!old.contains("memory_limit") && !old.contains("shallower_samples"), "fields removed");
        Files.writeString(file, old);
        Session older = Session.load(file);
        assertEquals(0, older.memoryLimit());
        assertEquals("the sample store was full: timeline aggregated", older.memoryNotice());
    }

    @Test
    void aSessionWithinItsBoundSaysNothing() {
        Sessions rec = new Sessions();
        rec.source.running(1, "main", "com.acme.Main.main:1");
        Session s = rec.tick(10, 100).recorder.snapshot();
        assertEquals("", s.memoryNotice());
        assertTrue(!new ConsoleRenderer().render(s).contains("memory limit"));
    }

    @Test
    void theProfilerBuilderSetsTheBound() {
        ScriptedStackSource stacks = new ScriptedStackSource().running(Thread.currentThread().getId(), "main",
                "com.acme.Main.main:1");
        Profiler p = Profiler.builder().maxMemory(5L << 20).clock(new FakeClock()).stackSources(sel -> stacks)
                .manualSampling().build();
        p.start();
        p.tick();
        assertEquals(5L << 20, p.stop().memoryLimit());
        assertEquals(Profiler.DEFAULT_MAX_MEMORY, Profiler.builder().clock(new FakeClock())
                .stackSources(sel -> stacks).manualSampling().start().stop().memoryLimit());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Profiler.builder().maxMemory(1000));
        assertEquals("maxMemory must be at least 1 MB (1048576 bytes), got 1000", e.getMessage());
    }

    @Test
    void sizesReadAsPeopleWriteThem() {
        assertEquals("32 MB", MemoryNotice.size(32L << 20));
        assertEquals("1.5 GB", MemoryNotice.size(3L << 29));
        assertEquals("512 KB", MemoryNotice.size(512L << 10));
        assertEquals("", MemoryNotice.of(32L << 20, false, 0, 0));
        assertEquals("memory limit 32 MB reached: 1,234 samples kept at shallower stacks; 5 samples dropped",
                MemoryNotice.of(32L << 20, false, 1234, 5));
    }
}

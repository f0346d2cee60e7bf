package dev.jprof.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.Session;
import dev.jprof.SessionFormatException;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The text report's header: columns that never run together, and the wording of threads and short runs. */
class ReportHeaderTest {
    private static Session with(String field, String value) throws SessionFormatException {
        String json = ConsoleRendererTest.story().toJson();
        return Session.fromJson(json.replaceFirst("\"" + field + "\":[-0-9.eE]+", "\"" + field + "\":" + value));
    }

    private static List<String> header(Session s) {
        String text = new ConsoleRenderer(false, false, ConsoleRenderer.TimeFormat.SECONDS, false, false, null,
                ZoneOffset.UTC).render(s);
        return Arrays.stream(text.split("\n")).skip(2).limit(3).collect(Collectors.toList());
    }

    @Test
    void aLongThreadCountPushesTheSecondColumnOutForEveryRow() throws Exception {
        List<String> rows = header(with("virtual_threads", "200"));
        assertTrue(rows.get(2).startsWith("  Threads:  2 + 200 virtual (0 sampled)  Interval: "), rows.get(2));
        int column = rows.get(2).indexOf("Interval:");
        assertEquals(column, rows.get(0).indexOf("Samples:"), "aligned: " + rows);
        assertEquals(column, rows.get(1).indexOf("CPU time:"), "aligned: " + rows);
    }

    @Test
    void noVirtualThreadsShowsThePlatformCountAlone() throws Exception {
        assertTrue(header(with("virtual_threads", "0")).get(2).startsWith("  Threads:  2            Interval: "),
                header(with("virtual_threads", "0")).toString());
        assertTrue(header(with("virtual_threads", "-1")).get(2).startsWith("  Threads:  2            Interval: "));
    }

    @Test
    void aRunShorterThanTheIntervalSaysSoAndSuggestsMilliseconds() {
        Session fiveSeconds = emptySession(5, 0.4);
        String text = new ConsoleRenderer(false, false, ConsoleRenderer.TimeFormat.SECONDS, false, false, null,
                ZoneOffset.UTC).render(fiveSeconds);
        assertTrue(text.contains("No samples were recorded: the program ran 0.4 s, shorter than the 5 s interval:"
                + " did you mean -i 5ms?"), text);
        String halfSecond = new ConsoleRenderer(false, false, ConsoleRenderer.TimeFormat.SECONDS, false, false, null,
                ZoneOffset.UTC).render(emptySession(0.5, 0.2));
        assertTrue(halfSecond.contains("the program ran 0.2 s, shorter than the 0.5 s interval: give a shorter one,"
                + " e.g. -i 1ms"), halfSecond);
        String longEnough = new ConsoleRenderer(false, false, ConsoleRenderer.TimeFormat.SECONDS, false, false, null,
                ZoneOffset.UTC).render(emptySession(0.01, 0.2));
        assertTrue(longEnough.contains("No samples were recorded.\n"), longEnough);
    }

    private static Session emptySession(double interval, double duration) {
        String json = new dev.jprof.testing.Sessions().recorder.snapshot().toJson();
        try {
            return Session.fromJson(json.replaceFirst("\"interval\":[-0-9.eE]+", "\"interval\":" + interval)
                    .replaceFirst("\"duration\":[-0-9.eE]+", "\"duration\":" + duration));
        } catch (SessionFormatException e) {
            throw new AssertionError(e);
        }
    }
}

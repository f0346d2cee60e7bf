package dev.jprof.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.Session;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleRendererModesTest {
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static ConsoleRenderer renderer(boolean flat, ConsoleRenderer.FlatTime flatTime, boolean shortMode) {
        return new ConsoleRenderer(false, false, ConsoleRenderer.TimeFormat.SECONDS, true, false, null, UTC,
                flat, flatTime, shortMode);
    }

    private static Session workload() {
        return new ScriptedSession()
                .main(10, "com.acme.Main.main", "com.acme.A.a")
                .main(30, "com.acme.Main.main", "com.acme.B.b")
                .main(20, "com.acme.Main.main")
                .build();
    }

    /** Lines of flat output without the header: those after the blank line that follows it. */
    private static List<String> bodyLines(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n")));
        lines.removeIf(String::isBlank);
        lines.removeIf(l -> !l.matches("^\\d+\\.\\d{3} .*"));
        return lines;
    }

    @Test
    void defaultOutputIsUnchangedByTheNewModes() {
        Session session = workload();
        String legacy = new ConsoleRenderer(false, false, ConsoleRenderer.TimeFormat.SECONDS, true, false, null, UTC)
                .render(session);
        assertEquals(legacy, renderer(false, ConsoleRenderer.FlatTime.SELF, false).render(session));
    }

    @Test
    void flatSortsMethodsBySelfTime() {
        String text = renderer(true, ConsoleRenderer.FlatTime.SELF, false).render(workload());
        assertEquals(List.of(
                "0.030 B.b  B.java:10",
                "0.020 Main.main  Main.java:10",
                "0.010 A.a  A.java:10"), bodyLines(text));
        assertTrue(text.contains("Recorded:"), "flat keeps the header unless short");
    }

    @Test
    void flatTotalCountsRecursionOnce() {
        Session session = new ScriptedSession()
                .main(10, "com.acme.Main.main", "com.acme.R.rec", "com.acme.R.rec", "com.acme.R.rec", "com.acme.L.leaf")
                .main(10, "com.acme.Main.main", "com.acme.R.rec")
                .main(10, "com.acme.Main.main", "com.acme.Other.x")
                .build();
        List<String> lines = bodyLines(renderer(true, ConsoleRenderer.FlatTime.TOTAL, true).render(session));
        assertEquals(List.of(
                "0.030 Main.main  Main.java:10",
                "0.020 R.rec  R.java:10",
                "0.010 L.leaf  L.java:10",
                "0.010 Other.x  Other.java:10"), lines);
    }

    @Test
    void flatWithPercentOfTotal() {
        ConsoleRenderer r = new ConsoleRenderer(false, false, ConsoleRenderer.TimeFormat.PERCENT_OF_TOTAL, true, false,
                null, UTC, true, ConsoleRenderer.FlatTime.SELF, true);
        String text = r.render(workload());
        assertEquals("50.0% B.b  B.java:10", text.split("\n")[0]);
    }

    @Test
    void shortModeHasNoHeaderNorSurroundingBlankLines() {
        String text = renderer(false, ConsoleRenderer.FlatTime.SELF, true).render(workload());
        assertFalse(text.contains("Recorded:"));
        assertFalse(text.contains("jprof"));
        assertTrue(text.startsWith("0.060 [thread] main"), text);
        assertFalse(text.endsWith("\n\n"));
        String full = renderer(false, ConsoleRenderer.FlatTime.SELF, false).render(workload());
        assertTrue(full.contains(text), "the short text is the full report's tree");
    }

    @Test
    void shortModeOfAnEmptySession() {
        assertEquals("No samples were recorded.\n",
                renderer(false, ConsoleRenderer.FlatTime.SELF, true).render(new ScriptedSession().build()));
    }
}

package dev.jprof.renderers;

import static dev.jprof.renderers.ScriptedSession.on;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.Session;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CollapsedRendererTest {
    /** How flamegraph.pl and speedscope split a line: everything up to the last space, then an integer. */
    private static final Pattern LINE = Pattern.compile("^(.*) (\\d+)$");

    private static List<String> lines(String text) {
        return Arrays.asList(text.split("\n"));
    }

    @Test
    void oneLinePerDistinctStackWithMicrosecondWeights() {
        Session session = new ScriptedSession()
                .tick(10, on("main", "com.acme.Main.main", "com.acme.A.a"), on("worker", "com.acme.W.run"))
                .tick(20, on("main", "com.acme.Main.main", "com.acme.B.b"), on("worker", "com.acme.W.run"))
                .tick(30, on("main", "com.acme.Main.main", "com.acme.A.a"), on("worker", "com.acme.W.run", "com.acme.W.step"))
                .tick(5, on("main", "com.acme.Main.main"))
                .build();
        String text = new CollapsedRenderer().render(session);

        assertEquals(List.of(
                "main;com.acme.Main.main;com.acme.A.a 40000",
                "main;com.acme.Main.main;com.acme.B.b 20000",
                "main;com.acme.Main.main 5000",
                "worker;com.acme.W.run 30000",
                "worker;com.acme.W.run;com.acme.W.step 30000"), lines(text));
        assertTrue(text.endsWith("\n"));
    }

    @Test
    void totalWeightIsTheSessionsSampledTime() {
        Session session = new ScriptedSession()
                .tick(7, on("a", "com.acme.X.x"), on("b", "com.acme.Y.y", "java.util.List.of"))
                .tick(13, on("a", "com.acme.X.x", "com.acme.X.y"), on("b", "com.acme.Y.y"))
                .build();
        long total = 0;
        for (String line : lines(new CollapsedRenderer().render(session))) {
            Matcher m = LINE.matcher(line);
            assertTrue(m.matches(), line);
            total += Long.parseLong(m.group(2));
        }
        assertEquals(2 * 20_000, total);
    }

    @Test
    void separatorsWhitespaceAndControlCharactersAreEscaped() {
        Session session = new ScriptedSession()
                .tick(10, on("pool 1;x\ny\u2028z", "com.acme.Main.main"))
                .build();
        List<String> lines = lines(new CollapsedRenderer().render(session));
        assertEquals(List.of("pool_1\\x3bx\\x0ay_z;com.acme.Main.main 10000"), lines);
        Matcher m = LINE.matcher(lines.get(0));
        assertTrue(m.matches());
        assertEquals(2, m.group(1).split(";").length);
    }

    @Test
    void tenThousandFrameStack() {
        Session session = new ScriptedSession().main(10, ScriptedSession.deepStack(10_000)).build();
        List<String> lines = lines(new CollapsedRenderer().render(session));
        assertEquals(1, lines.size());
        Matcher m = LINE.matcher(lines.get(0));
        assertTrue(m.matches());
        assertEquals(10_001, m.group(1).split(";").length, "thread + 10,000 frames");
        assertEquals("10000", m.group(2));
    }

    @Test
    void emptySessionRendersNothing() {
        assertEquals("", new CollapsedRenderer().render(new ScriptedSession().build()));
    }
}

package dev.jprof.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jprof.Session;
import dev.jprof.sampling.ThreadState;
import org.junit.jupiter.api.Test;

class HtmlEscapingTest {
    private static final String HOSTILE_THREAD = "</script><img src=x onerror=alert(1)>";
    private static final String HOSTILE_METHOD = "evil\u2028line\u2029<!--<script>";

    private static Session hostile() {
        StackTraceElement[] stack = HtmlTestSessions.stack("com.acme.Main.main", "com.acme.</script>Bad." + HOSTILE_METHOD);
        return HtmlTestSessions.record(10, 1_000_000L, 1024,
                (tick, out) -> out.accept(1, HOSTILE_THREAD, false, ThreadState.RUNNABLE, stack));
    }

    @Test
    void namesCannotLeaveTheDataBlock() {
        String html = new HtmlRenderer().render(hostile());
        assertFalse(html.contains(HOSTILE_THREAD), "the hostile thread name is not in the page verbatim");
        assertFalse(html.contains("<img"), "no markup from names");
        assertFalse(html.contains("\u2028") || html.contains("\u2029"), "line separators are escaped");
        assertEquals(2, count(html, "</script>"), "only the page's own two script elements close");
        assertFalse(html.contains("<!--"), "no comment opener that would change script parsing");
    }

    @Test
    void escapedNamesReadBackUnchanged() throws Exception {
        JsonNode d = HtmlRendererTest.data(new HtmlRenderer().render(hostile()));
        assertEquals(HOSTILE_THREAD, d.path("threads").path("name").get(0).asText());
        boolean found = false;
        for (JsonNode s : d.path("strings")) {
            found |= s.asText().equals(HOSTILE_METHOD);
        }
        assertTrue(found, "the method name survives escaping exactly");
    }

    @Test
    void scriptSafeEscapesOnlyDangerousCharacters() {
        assertEquals("{\"a\":\"\\u003c/script\\u003e \\u0026 \\u2028\\u2029 ok\"}",
                HtmlData.scriptSafe("{\"a\":\"</script> & \u2028\u2029 ok\"}"));
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int at = s.indexOf(part); at >= 0; at = s.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}

package dev.jprof.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.profile.ProfilerException;

class JmhOptionsTest {
    @Test
    void defaults() throws ProfilerException {
        for (String none : new String[] {"", null}) {
            JmhOptions o = JmhOptions.parse(none);
            assertEquals(Duration.ofMillis(10), o.interval);
            assertEquals(Path.of("jprof-jmh"), o.dir);
            assertEquals("html", o.renderer);
            assertEquals(".html", o.extension());
            assertFalse(o.showAll);
        }
    }

    @Test
    void jmhStyleKeyValuePairs() throws ProfilerException {
        JmhOptions o = JmhOptions.parse("interval=1ms;dir=/tmp/prof;renderer=speedscope;showAll=true");
        assertEquals(Duration.ofMillis(1), o.interval);
        assertEquals(Path.of("/tmp/prof"), o.dir);
        assertEquals("speedscope", o.renderer);
        assertEquals(".speedscope.json", o.extension());
        assertTrue(o.showAll);
    }

    @Test
    void showAllAloneOrAsTheAgentSpellsIt() throws ProfilerException {
        assertTrue(JmhOptions.parse("showAll").showAll);
        assertTrue(JmhOptions.parse("show_all=true").showAll);
        assertFalse(JmhOptions.parse("showAll=false").showAll);
        assertEquals(".txt", JmhOptions.parse("renderer=text").extension());
    }

    @Test
    void helpListsEveryOption() {
        ProfilerException e = assertThrows(ProfilerException.class, () -> JmhOptions.parse("help"));
        for (String key : new String[] {"interval", "dir", "renderer", "showAll", "JprofProfiler"}) {
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
    }

    @Test
    void wrongOptionsSayWhat() {
        assertMessage("nosuch=1", "unknown option 'nosuch'");
        assertMessage("interval=1ms;dir", "dir");
        assertMessage("interval=fast", "interval must be a duration");
        assertMessage("interval=10us", "interval must be between 100us and 10s");
        assertMessage("renderer=pdf", "renderer must be one of");
        assertMessage("showAll=maybe", "maybe");
    }

    private static void assertMessage(String initLine, String expected) {
        ProfilerException e = assertThrows(ProfilerException.class, () -> JmhOptions.parse(initLine));
        assertTrue(e.getMessage().contains(expected), initLine + " -> " + e.getMessage());
    }
}

package dev.jprof.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.renderers.ConsoleRenderer;
import dev.jprof.sampling.StackSourceKind;
import dev.jprof.sampling.StackWalk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentOptionsTest {
    @TempDir
    Path dir;

    @Test
    void defaults() {
        AgentOptions o = AgentOptions.parse(null);
        assertEquals("text", o.renderer());
        assertNull(o.outfile());
        assertEquals(AgentOptions.DEFAULT_INTERVAL, o.interval());
        assertNull(o.renderOptions().unicode(), "detected");
        assertFalse(o.renderOptions().showAll());
        assertFalse(o.renderOptions().splitPools(), "pools are one row by default");
    }

    @Test
    void splitPoolsIsARenderOption() {
        assertTrue(AgentOptions.parse("split_pools").renderOptions().splitPools());
        assertTrue(AgentOptions.parse("p=split_pools").renderOptions().splitPools());
        assertFalse(AgentOptions.parse("split_pools=false").renderOptions().splitPools());
        assertError("split_pools=maybe", "split_pools must be true or false, got 'maybe'");
    }

    @Test
    void parsesEveryKindOfValue() {
        AgentOptions o = AgentOptions.parse("renderer=session,outfile=/tmp/x.jprof,interval=2.5ms,show_all,"
                + "timeline=false,unicode=true,color=no,time=percent_of_total,filter_threshold=0.05,hide_regex=.*/lib/.*");
        assertEquals("session", o.renderer());
        assertEquals("/tmp/x.jprof", o.outfile());
        assertEquals(Duration.ofNanos(2_500_000), o.interval());
        assertTrue(o.renderOptions().showAll());
        assertFalse(o.renderOptions().timeline());
        assertTrue(o.renderOptions().unicode());
        assertFalse(o.renderOptions().color());
        assertEquals(ConsoleRenderer.TimeFormat.PERCENT_OF_TOTAL, o.renderOptions().time());
        assertEquals(0.05, o.renderOptions().processorOptions().filterThreshold());
        assertEquals(".*/lib/.*", o.renderOptions().processorOptions().hideRegex().pattern());
    }

    @Test
    void maxOverheadTakesPercentOrFraction() {
        assertEquals(0.01, AgentOptions.parse(null).maxOverhead());
        assertEquals(0.02, AgentOptions.parse("max_overhead=2%").maxOverhead(), 1e-12);
        assertEquals(0.005, AgentOptions.parse("max_overhead=0.005").maxOverhead(), 1e-12);
        assertEquals(0, AgentOptions.parse("max_overhead=0").maxOverhead());
        assertError("max_overhead=90%", "max_overhead must be a share of time such as 1%");
    }

    @Test
    void threadsPerTickBoundsTheWalksOfThreadsThatRan() {
        assertEquals(64, AgentOptions.parse(null).threadsPerTick());
        assertEquals(4, AgentOptions.parse("threads_per_tick=4").threadsPerTick());
        assertError("threads_per_tick=0", "threads_per_tick");
    }

    @Test
    void stackWalkChoosesTheMechanism() {
        assertEquals(StackWalk.AUTO, AgentOptions.parse(null).stackWalk());
        assertFalse(AgentOptions.parse("stack_walk=safepoint").stackWalk().handshakes());
        assertTrue(AgentOptions.parse("stack_walk=handshake").stackWalk().handshakes());
        assertEquals(Runtime.version().feature() >= 21, StackWalk.AUTO.handshakes());
        assertError("stack_walk=signals", "stack_walk must be auto, safepoint or handshake");
    }

    @Test
    void stackSourceChoosesWhereRunningThreadsStacksComeFrom() {
        assertEquals(StackSourceKind.AUTO, AgentOptions.parse(null).stackSource());
        assertTrue(AgentOptions.parse("stack_source=jfr").stackSource().usesJfr(17));
        assertFalse(AgentOptions.parse("stack_source=walk").stackSource().usesJfr(25));
        assertFalse(StackSourceKind.AUTO.usesJfr(17), "JDK 17: JFR's start-up costs more than it saves");
        assertFalse(StackSourceKind.AUTO.usesJfr(25), "JDK 25 as well, measured on short runs");
        assertError("stack_source=async", "stack_source must be auto, jfr or walk");
    }

    @Test
    void guessesTheRendererFromTheOutfile() {
        assertEquals("session", AgentOptions.parse("outfile=a.jprof").renderer());
        assertEquals("text", AgentOptions.parse("outfile=a.txt").renderer());
    }

    @Test
    void aCommaInsideAValueIsEscapedOrReadFromAFile() throws Exception {
        assertEquals("a,b", AgentOptions.parse("target_description=a\\,b").targetDescription());
        assertEquals("a\\b", AgentOptions.parse("target_description=a\\\\b").targetDescription());
        Path file = dir.resolve("opts");
        Files.write(file, List.of("# comment", "target_description=x, y, z", "hide_regex=(a|b),c"));
        AgentOptions o = AgentOptions.parse("@" + file + ",interval=5ms");
        assertEquals("x, y, z", o.targetDescription());
        assertEquals("(a|b),c", o.renderOptions().processorOptions().hideRegex().pattern());
        assertEquals(Duration.ofMillis(5), o.interval());
    }

    @Test
    void globsBecomeRegexes() {
        AgentOptions o = AgentOptions.parse("hide=*/jackson-*,show=*/jackson-core*");
        assertTrue(o.renderOptions().processorOptions().hideRegex().matcher("/x/jackson-databind.jar").matches());
        assertTrue(o.renderOptions().processorOptions().showRegex().matcher("/x/jackson-core.jar").matches());
    }

    @Test
    void errorsNameTheKeyAndWhatIsValid() {
        assertError("colour=true", "unknown option 'colour'; valid options: renderer, outfile");
        assertError("interval=fast", "interval must be a duration such as 10ms");
        assertError("interval=20s", "interval must be between 100us and 10s");
        assertError("hide_regex=(unclosed", "hide_regex is not a valid regular expression");
        assertError("outfile=", "outfile needs a value");
        assertError("=x", "a key is missing before '='");
        assertError("unicode=maybe", "unicode must be true or false, got 'maybe'");
        assertError("time=minutes", "time must be 'seconds' or 'percent_of_total'");
        assertError("renderer=nope", "unknown renderer 'nope'; valid: text, session");
        assertError("renderer=com.example.Missing", "renderer class com.example.Missing was not found");
        assertError("filter_threshold=2", "filter_threshold must be a number from 0 to 1");
        assertError("hide=a,hide_regex=b", "hide and hide_regex cannot be used together");
        assertError("@/no/such/file", "cannot read options file /no/such/file");
    }

    private static void assertError(String args, String expected) {
        OptionException e = assertThrows(OptionException.class, () -> AgentOptions.parse(args));
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should contain '" + expected + "'");
    }

    @Test
    void helpListsEveryKey() {
        String help = AgentOptions.helpText();
        for (String key : List.of("renderer", "outfile", "interval", "hide", "hide_regex", "show", "show_regex",
                "show_all", "timeline", "unicode", "color", "time", "help")) {
            assertTrue(help.contains("  " + key), key);
        }
    }

    @Test
    void everyKeyInTheTableIsApplied() {
        for (String key : AgentOptions.keys()) {
            for (String value : List.of("1", "true", "x.txt", "")) {
                try {
                    AgentOptions.parse(key + "=" + value);
                } catch (OptionException e) {
                    // a value this key refuses, said as a user error: fine here
                }
            }
        }
        assertTrue(AgentOptions.keys().size() > 30, "the whole table: " + AgentOptions.keys());
    }

    @Test
    void outfilePatternsExpand() {
        assertEquals("p-42-20260102-030405-7.txt",
                ReportWriter.expand("p-%p-%t-%n.txt", 42, LocalDateTime.of(2026, 1, 2, 3, 4, 5), 7));
    }

    @Test
    void reportFilesAreReadableByTheirOwnerOnly() throws Exception {
        Path file = dir.resolve("report.txt");
        String where = new ReportWriter(System.err).write(file.toString(), "REPORT", ".txt");
        assertEquals(file.toString(), where);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        new ReportWriter(System.err).write(file.toString(), "AGAIN", ".txt");
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                "an existing file keeps the permissions its owner chose");
        assertEquals("AGAIN", Files.readString(file));
    }

    @Test
    void anOutfileThatIsADirectoryFallsBack() throws Exception {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        String where = new ReportWriter(new java.io.PrintStream(err, true, "UTF-8")).write(dir.toString(), "R", ".txt");
        assertTrue(!where.equals(dir.toString()) && Files.readString(Path.of(where)).equals("R"), where);
        assertTrue(err.toString("UTF-8").contains("could not write the report to " + dir), err.toString("UTF-8"));
        Files.delete(Path.of(where));
    }

    @Test
    void anUnwritableOutfileFallsBackToATempFileAndSaysWhere() throws Exception {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        String where = new ReportWriter(new java.io.PrintStream(err, true, "UTF-8"))
                .write(dir.resolve("missing/dir/report.txt").toString(), "REPORT", ".txt");
        assertTrue(Files.readString(Path.of(where)).equals("REPORT"));
        String message = err.toString("UTF-8");
        assertTrue(message.contains("its directory does not exist") && message.contains(where), message);
        Files.delete(Path.of(where));
    }
}

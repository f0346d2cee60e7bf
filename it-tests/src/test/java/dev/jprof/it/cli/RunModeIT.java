package dev.jprof.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.Session;
import dev.jprof.agent.AgentOptions;
import dev.jprof.renderers.Renderers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code jprof [options] MainClass|-jar ... } and {@code --load}: real processes on JDK 17 and JDK 25. */
class RunModeIT {
    private static final Pattern HINT = Pattern.compile("jprof --load-prev (\\S+) \\[options\\]");

    @TempDir
    Path dir;

    private Cli.Run jprof(String stdin, String... args) throws Exception {
        return Cli.run(Cli.jprof(Cli.jdk17(), args), Cli.env(dir.resolve("data")), stdin);
    }

    @ParameterizedTest(name = "target on JDK {0}")
    @ValueSource(strings = {"17", "25"})
    void passesArgumentsStdinAndStdoutThroughAndPrintsTheReport(String jdk) throws Exception {
        Cli.Run r = jprof("hello, world\n", "--java", Cli.jdk(jdk).toString(), "--", "-cp", Cli.TEST_CLASSES,
                CliTarget.class.getName(), "echo", "two words", "it's \"quoted\"", "", "--hide", "a,b\\c");
        assertEquals(0, r.exitStatus(), r.describe());
        assertEquals(String.join("\n", "[two words]", "[it's \"quoted\"]", "[]", "[--hide]", "[a,b\\c]",
                "stdin:hello, world", ""), r.out(), r.describe());
        assertTrue(r.err().contains("CliTarget.cliTargetWork"), r.describe());
        assertTrue(HINT.matcher(r.err()).find(), r.describe());
        assertFalse(r.err().contains("report written"), "the temporary session is jprof's business" + r.describe());
    }

    @ParameterizedTest(name = "target on JDK {0}")
    @ValueSource(strings = {"17", "25"})
    void preservesExitStatus(String jdk) throws Exception {
        for (int status : new int[] {0, 3}) {
            Cli.Run r = Cli.run(Cli.jprof(Cli.jdk(jdk), "-cp", Cli.TEST_CLASSES, CliTarget.class.getName(), "exit",
                    Integer.toString(status)), Cli.env(dir), "");
            assertEquals(status, r.exitStatus(), r.describe());
            assertTrue(r.err().contains("CliTarget.cliTargetWork"), r.describe());
        }
    }

    @Test
    void outfilesLoadAndCombine() throws Exception {
        Path a = dir.resolve("a.jprof");
        Path b = dir.resolve("b.jprof");
        for (Path p : List.of(a, b)) {
            Cli.Run r = jprof("", "-o", p.toString(), "-i", "5ms", "--max-memory", "2m", "--max-overhead", "5%", "-cp",
                    Cli.TEST_CLASSES, CliTarget.class.getName(), "exit", "0");
            assertEquals(0, r.exitStatus(), r.describe());
            assertTrue(r.err().contains("report written to " + p), r.describe());
        }
        Session sa = Session.load(a);
        assertEquals(0.005, sa.interval(), 1e-9);

        Cli.Run text = jprof("", "--load", a.toString(), "--no-color", "--no-unicode");
        assertEquals(0, text.exitStatus(), text.describe());
        assertTrue(text.out().contains("CliTarget.cliTargetWork"), text.describe());
        assertTrue(text.out().contains("`-"), "--no-unicode draws ASCII lines" + text.describe());
        assertFalse(HINT.matcher(text.err()).find(), "a loaded session is not saved again" + text.describe());

        Path txt = dir.resolve("a.txt");
        Cli.Run toFile = jprof("", "--load", a.toString(), "-o", txt.toString(), "--show-all");
        assertEquals(0, toFile.exitStatus(), toFile.describe());
        assertTrue(Files.readString(txt).contains("CliTarget.main"), Files.readString(txt));

        Path c = dir.resolve("c.jprof");
        Cli.Run combine = jprof("", "combine", a.toString(), b.toString(), "-o", c.toString());
        assertEquals(0, combine.exitStatus(), combine.describe());
        assertEquals(sa.sampleCount() + Session.load(b).sampleCount(), Session.load(c).sampleCount());
    }

    @Test
    void agentWritesTextReportToOutfile() throws Exception {
        Path report = dir.resolve("report.txt");
        Cli.Run r = jprof("", "-o", report.toString(), "--target-description", "my, program", "-cp", Cli.TEST_CLASSES,
                CliTarget.class.getName(), "exit", "0");
        assertEquals(0, r.exitStatus(), r.describe());
        String text = Files.readString(report);
        assertTrue(text.contains("Program: my, program"), text);
        assertTrue(text.contains("CliTarget.cliTargetWork"), text);
    }

    @Test
    void loadPrevRerendersTheSavedSession() throws Exception {
        Cli.Run r = jprof("x\n", "-cp", Cli.TEST_CLASSES, CliTarget.class.getName(), "echo");
        assertEquals(0, r.exitStatus(), r.describe());
        Matcher m = HINT.matcher(r.err());
        assertTrue(m.find(), r.describe());
        assertTrue(Files.isRegularFile(dir.resolve("data/jprof/sessions/" + m.group(1) + ".jprof")));

        Cli.Run again = jprof("", "--load-prev", m.group(1), "--show-all", "--no-color");
        assertEquals(0, again.exitStatus(), again.describe());
        assertTrue(again.out().contains("CliTarget.cliTargetWork"), again.describe());
        assertTrue(again.out().contains("Program: dev.jprof.it.cli.CliTarget echo"), again.describe());

        Cli.Run missing = jprof("", "--load-prev", "1999-01-01T00-00-00");
        assertEquals(2, missing.exitStatus(), missing.describe());
        assertTrue(missing.err().startsWith("jprof: no saved session '1999-01-01T00-00-00'"), missing.describe());
        assertTrue(missing.err().contains(m.group(1)), "lists the saved IDs" + missing.describe());
    }

    @Test
    void demoRunsWithNoArguments() throws Exception {
        Cli.Run r = jprof("");
        assertEquals(0, r.exitStatus(), r.describe());
        assertTrue(r.out().contains("jprof demo: done"), r.describe());
        assertTrue(r.err().contains("Program: jprof demo"), r.describe());
        assertTrue(r.err().contains("Demo.formatReport"), r.describe());
        assertTrue(HINT.matcher(r.err()).find(), r.describe());
    }

    @Test
    void refusesBadUsageWithOneLine() throws Exception {
        assertUsageError("jprof: --hide and --hide-regex cannot be used together; use one",
                "--hide", "a", "--hide-regex", "b", "-cp", Cli.TEST_CLASSES, "Main");
        assertUsageError("jprof: --show and --show-regex cannot be used together; use one",
                "--show", "a", "--show-regex", "b", "--load", "x.jprof");
        assertUsageError("jprof: --load and --load-prev cannot be used together; use one",
                "--load", "a.jprof", "--load-prev", "b");
        assertUsageError("jprof: unknown option '--bogus' (jprof --help lists them; java's options come after jprof's)",
                "--bogus", "-cp", Cli.TEST_CLASSES, "Main");
        assertUsageError("jprof: nothing to profile: give -jar app.jar or a main class (jprof --help)", "-t");
        assertUsageError("jprof: interval must be between 100us and 10s, got '1h'", "-i", "1h", "Main");
        assertUsageError("jprof: --async-mode must be enabled, disabled or strict, got 'maybe'", "--async-mode", "maybe", "Main");
        assertUsageError("jprof: max_memory must be a size from 1m to 64g such as 32m, 512k or 1g, got '10'",
                "--max-memory", "10", "Main");
        assertUsageError("jprof: max_overhead must be a share of time such as 1% or 0.01 (at most 50%), got 'lots'",
                "--max-overhead", "lots", "Main");
        assertUsageError("jprof: --interval, --async-mode, --max-overhead and --max-memory apply when profiling, not to a"
                + " loaded session", "--load", "a.jprof", "--max-memory", "1m");
        assertUsageError("jprof: no such file: " + dir.resolve("none.jprof"), "--load", dir.resolve("none.jprof").toString());
        Path notSession = Files.writeString(dir.resolve("x.jprof"), "{}");
        Cli.Run r = jprof("", "--load", notSession.toString());
        assertEquals(2, r.exitStatus(), r.describe());
        assertTrue(r.err().startsWith("jprof: " + notSession + " is not a jprof session"), r.describe());
    }

    @Test
    void aMissingJarOrMainClassIsSaidOnceAndJavasStatusKept() throws Exception {
        Cli.Run jar = jprof("", "-jar", dir.resolve("nothere.jar").toString(), "arg");
        assertEquals(1, jar.exitStatus(), jar.describe());
        assertTrue(jar.err().contains("jprof: no such jar: " + dir.resolve("nothere.jar")), jar.describe());
        assertFalse(jar.err().contains("without writing its profile"), jar.describe());

        Cli.Run main = jprof("", "-cp", Cli.TEST_CLASSES, "com.acme.NoSuchMain");
        assertEquals(1, main.exitStatus(), main.describe());
        assertTrue(main.err().contains("Could not find or load main class com.acme.NoSuchMain"), main.describe());
        assertTrue(main.err().contains("jprof: com.acme.NoSuchMain did not start (the main class was not loaded): no profile"),
                main.describe());
        assertEquals(1, main.err().split("jprof:", -1).length - 1, "one jprof line" + main.describe());
        assertFalse(HINT.matcher(main.err()).find(), "no saved session of the launcher failing" + main.describe());
    }

    private void assertUsageError(String message, String... args) throws Exception {
        Cli.Run r = jprof("", args);
        assertEquals(2, r.exitStatus(), r.describe());
        assertEquals(message + "\n", r.err(), r.describe());
        assertEquals("", r.out(), r.describe());
    }

    @Test
    void htmlToTheTerminalGoesToATemporaryFileOrIsRefusedCleanly() throws Exception {
        List<String> cmd = Cli.jprof(Cli.jdk17(), "-r", "html", "-cp", Cli.TEST_CLASSES, CliTarget.class.getName(), "exit", "0");
        java.util.Map<String, String> env = Cli.env(dir);
        env.put("BROWSER", "true");
        Cli.Run r = Cli.run(cmd, env, "");
        if (Renderers.names().contains("html")) {
            assertEquals(0, r.exitStatus(), r.describe());
            Matcher m = Pattern.compile("HTML report written to (\\S+\\.html)").matcher(r.err());
            assertTrue(m.find(), r.describe());
            assertTrue(Files.size(Path.of(m.group(1))) > 0);
            assertTrue(r.err().contains("jprof: opening it with true"), r.describe());
        } else {
            System.err.println("NOTE: no html renderer on this branch; checking the CLI refuses it cleanly");
            assertEquals(2, r.exitStatus(), r.describe());
            assertTrue(r.err().startsWith("jprof: unknown renderer 'html'"), r.describe());
            assertEquals(1, r.err().lines().count(), r.describe());
        }
    }

    @Test
    void agentKeysOfOtherIssuesArePassedOnOrRefusedCleanly() throws Exception {
        String[][] cases = {{"async_mode", "--async-mode", "disabled"}, {"render_option", "-p", "flat=true"}};
        for (String[] c : cases) {
            Cli.Run r = jprof("", c[1], c[2], "-cp", Cli.TEST_CLASSES, CliTarget.class.getName(), "exit", "0");
            if (AgentOptions.knows(c[0])) {
                assertEquals(0, r.exitStatus(), r.describe());
            } else {
                System.err.println("NOTE: agent key " + c[0] + " is not on this branch; checking the CLI refuses " + c[1]);
                assertEquals(2, r.exitStatus(), r.describe());
                assertTrue(r.err().contains("is not supported by this build's agent (no '" + c[0] + "' key yet)"), r.describe());
            }
        }
    }
}

package dev.jprof.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new user's first commands (issue 19): printed commands work when pasted, {@code jprof demo [options]},
 * {@code --load-prev} without an ID, plain session errors, and a run shorter than the interval.
 */
class FirstStepsIT {
    private static final Path LAUNCHER = Paths.get(System.getProperty("jprof.root", "..")).resolve("bin/jprof")
            .toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private Cli.Run jprof(String... args) throws Exception {
        return Cli.run(Cli.jprof(Cli.jdk17(), args), Cli.env(dir.resolve("data")), "");
    }

    /** bin/jprof itself, with a PATH that has no jprof on it unless {@code path} adds a directory. */
    private Cli.Run launcher(String path, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        Map<String, String> env = Cli.env(dir.resolve("data"));
        env.put("HOME", dir.resolve("home").toString());
        env.put("JAVA_HOME", Cli.jdk17().toString());
        env.put("PATH", (path == null ? "" : path + ":") + "/usr/local/bin:/usr/bin:/bin");
        return Cli.run(command, env, "");
    }

    @Test
    void theHintNamesTheLauncherAsItCanBeRunAndInstallPutsJprofOnThePath() throws Exception {
        Cli.Run direct = launcher(null, "-cp", Cli.TEST_CLASSES, CliTarget.class.getName(), "exit", "0");
        assertEquals(0, direct.exitStatus(), direct.describe());
        assertTrue(direct.err().contains("run: " + LAUNCHER + " --load-prev "), "not on PATH: the absolute path"
                + direct.describe());
        assertFalse(direct.err().contains("[0m"), direct.describe());

        Path bin = dir.resolve("home/.local/bin");
        Cli.Run install = launcher(null, "install");
        assertEquals(0, install.exitStatus(), install.describe());
        assertEquals(LAUNCHER, bin.resolve("jprof").toRealPath(), install.describe());
        assertTrue(install.out().contains(bin + " is not on your PATH; add it"), install.describe());

        Cli.Run installed = launcher(bin.toString(), "install");
        assertTrue(installed.out().contains("run it as: jprof"), installed.describe());
        List<String> viaPath = new ArrayList<>(List.of(bin.resolve("jprof").toString(), "-cp", Cli.TEST_CLASSES,
                CliTarget.class.getName(), "exit", "0"));
        Map<String, String> env = Cli.env(dir.resolve("data"));
        env.put("PATH", bin + ":/usr/local/bin:/usr/bin:/bin");
        env.put("JAVA_HOME", Cli.jdk17().toString());
        Cli.Run linked = Cli.run(viaPath, env, "");
        assertEquals(0, linked.exitStatus(), linked.describe());
        assertTrue(linked.err().contains("run: jprof --load-prev "), "on PATH: just jprof" + linked.describe());
    }

    @Test
    void demoTakesOptionsAndLoadPrevWithoutAnIdOpensTheLatestSession() throws Exception {
        Cli.Run none = jprof("--load-prev");
        assertEquals(2, none.exitStatus(), none.describe());
        assertTrue(none.err().startsWith("jprof: no saved session in "), none.describe());

        Path html = dir.resolve("demo.html");
        Cli.Run demo = jprof("demo", "-o", html.toString());
        assertEquals(0, demo.exitStatus(), demo.describe());
        assertTrue(Files.readString(html).contains("Demo.formatReport\""), "the demo's hot spot is in the HTML report");

        Path speedscope = dir.resolve("demo.speedscope.json");
        Cli.Run asSpeedscope = jprof("demo", "-r", "speedscope", "-o", speedscope.toString());
        assertEquals(0, asSpeedscope.exitStatus(), asSpeedscope.describe());
        assertTrue(Files.readString(speedscope).contains("speedscope"), asSpeedscope.describe());

        Cli.Run text = jprof("demo", "--no-color");
        assertEquals(0, text.exitStatus(), text.describe());
        assertTrue(text.err().contains("Program: jprof demo"), text.describe());
        Cli.Run latest = jprof("--load-prev", "--no-color", "--show-all");
        assertEquals(0, latest.exitStatus(), latest.describe());
        assertTrue(latest.out().contains("Program: jprof demo") && latest.out().contains("Demo.formatReport"), latest.describe());

        Cli.Run unknown = jprof("--load-prev", "2001-01-01T00-00-00");
        assertEquals(2, unknown.exitStatus(), unknown.describe());
        assertTrue(unknown.err().contains("no saved session '2001-01-01T00-00-00'") && unknown.err().contains("; saved: 20"),
                "lists the saved sessions" + unknown.describe());

        Cli.Run wrong = jprof("demo", "Main");
        assertEquals(2, wrong.exitStatus(), wrong.describe());
        assertTrue(wrong.err().startsWith("jprof: jprof demo takes jprof's options only"), wrong.describe());
    }

    @Test
    void aTruncatedSessionIsOnePlainLineNamingTheFileOnce() throws Exception {
        Path saved = dir.resolve("a.jprof");
        Cli.Run r = jprof("-o", saved.toString(), "-cp", Cli.TEST_CLASSES, CliTarget.class.getName(), "exit", "0");
        assertEquals(0, r.exitStatus(), r.describe());
        String json = Files.readString(saved);
        Session.fromJson(json); // whole, it loads
        Path truncated = Files.writeString(dir.resolve("cut.jprof"), json.substring(0, json.length() / 2));
        Cli.Run load = jprof("--load", truncated.toString());
        assertEquals(2, load.exitStatus(), load.describe());
        assertEquals("jprof: " + truncated + " is truncated: it ends in the middle of the session (cut short while it was"
                + " written or copied?)\n", load.err(), load.describe());

        Path newer = Files.writeString(dir.resolve("newer.jprof"), json.replace("\"version\":1", "\"version\":7"));
        Cli.Run future = jprof("--load", newer.toString());
        assertEquals("jprof: " + newer + " was written by a newer jprof (session format 7; this jprof reads format 1):"
                + " open it with that jprof, or update this one\n", future.err(), future.describe());
    }

    @Test
    void aRunShorterThanTheIntervalSaysSoAndSuggestsMilliseconds() throws Exception {
        Cli.Run r = jprof("-i", "5", "--no-color", "-cp", Cli.TEST_CLASSES, CliTarget.class.getName(), "exit", "0");
        assertEquals(0, r.exitStatus(), r.describe());
        assertTrue(r.err().matches("(?s).*No samples were recorded: the program ran [0-9.]+ s, shorter than the 5 s"
                + " interval: did you mean -i 5ms\\?.*"), r.describe());
    }
}

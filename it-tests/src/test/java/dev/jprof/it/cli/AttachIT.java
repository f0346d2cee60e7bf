package dev.jprof.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code jprof attach} and {@code jprof list} against real JVMs, in every direction between JDK 17 and 25. */
class AttachIT {
    @TempDir
    Path dir;

    private final List<Cli.Run> targets = new ArrayList<>();

    @AfterEach
    void stopTargets() {
        targets.forEach(Cli.Run::kill);
    }

    private Cli.Run serve(List<String> command) throws Exception {
        Cli.Run t = Cli.start(command, Cli.env(dir), false);
        targets.add(t);
        return t.awaitOut("ready");
    }

    private Cli.Run jprof(Path cliJdk, String... args) throws Exception {
        return Cli.run(Cli.jprof(cliJdk, args), Cli.env(dir), "");
    }

    @ParameterizedTest(name = "CLI on JDK {0}, target on JDK {1}")
    @CsvSource({"17,17", "17,25", "25,17", "25,25"})
    void controlsAProfileAcrossAttaches(String cliVersion, String targetVersion) throws Exception {
        Path cli = Cli.jdk(cliVersion);
        Cli.Run target = serve(Cli.target(Cli.jdk(targetVersion), List.of(), "serve"));
        String pid = Long.toString(target.pid());

        Cli.Run list = jprof(cli, "list");
        assertEquals(0, list.exitStatus(), list.describe());
        assertTrue(list.out().contains(pid + " " + CliTarget.class.getName() + " serve"), list.describe());

        assertStatus(cli, pid, "not profiling");
        Cli.Run start = jprof(cli, "attach", pid, "start", "-i", "5ms");
        assertEquals(0, start.exitStatus(), start.describe());
        assertEquals(targetVersion.equals("25"), start.err().contains("-XX:+EnableDynamicAgentLoading"), start.describe());

        Cli.Run again = jprof(cli, "attach", pid, "start");
        assertEquals(1, again.exitStatus(), again.describe());
        assertTrue(again.err().contains("jprof: pid " + pid + ": already profiling this JVM"), again.describe());
        assertStatus(cli, pid, "profiling for");

        Cli.Run dump = jprof(cli, "attach", pid, "dump", "--no-color");
        assertEquals(0, dump.exitStatus(), dump.describe());
        assertTrue(dump.out().contains("CliTarget.cliTargetWork"), dump.describe());
        assertTrue(dump.out().contains("Interval: 5 ms"), dump.describe());
        assertStatus(cli, pid, "profiling for");

        Path report = dir.resolve("stop.txt");
        Cli.Run stop = jprof(cli, "attach", pid, "stop", "-o", report.toString());
        assertEquals(0, stop.exitStatus(), stop.describe());
        assertTrue(java.nio.file.Files.readString(report).contains("CliTarget.cliTargetWork"));
        assertStatus(cli, pid, "not profiling");

        Cli.Run stopAgain = jprof(cli, "attach", pid, "stop");
        assertEquals(1, stopAgain.exitStatus(), stopAgain.describe());
        assertTrue(stopAgain.err().contains("not profiling this JVM; nothing to stop"), stopAgain.describe());

        Cli.Run timed = jprof(cli, "attach", pid, "--duration", "500ms", "--no-color");
        assertEquals(0, timed.exitStatus(), timed.describe());
        assertTrue(timed.out().contains("CliTarget.cliTargetWork"), timed.describe());
        assertStatus(cli, pid, "not profiling");
        assertTrue(target.process.isAlive(), "the target runs on" + target.describe());
    }

    @Test
    void aTimedProfileAttachesOnceSoJdk25WarnsOnce() throws Exception {
        Cli.Run target = serve(Cli.target(Cli.jdk25(), List.of(), "serve"));
        Cli.Run timed = jprof(Cli.jdk17(), "attach", Long.toString(target.pid()), "--duration", "500ms", "--no-color");
        assertEquals(0, timed.exitStatus(), timed.describe());
        assertTrue(timed.out().contains("CliTarget.cliTargetWork"), timed.describe());
        String warning = "WARNING: A Java agent has been loaded dynamically";
        assertEquals(1, target.err().split(warning, -1).length - 1, "the JDK's warning once" + target.describe());
        assertStatus(Cli.jdk17(), Long.toString(target.pid()), "not profiling");
    }

    @Test
    void readsTheStartUpProfileOfAProgramRunByJprof() throws Exception {
        Cli.Run run = Cli.start(Cli.jprof(Cli.jdk17(), "-cp", Cli.TEST_CLASSES, CliTarget.class.getName(), "serve"),
                Cli.env(dir), false);
        targets.add(run);
        run.awaitOut("ready");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("ready (\\d+)").matcher(run.out());
        assertTrue(m.find(), run.describe());
        String pid = m.group(1);
        Path cli = Cli.jdk17();

        assertStatus(cli, pid, "profiled from start-up by -javaagent:jprof.jar for ");
        Cli.Run start = jprof(cli, "attach", pid, "start");
        assertEquals(1, start.exitStatus(), start.describe());
        assertTrue(start.err().contains("already profiled from start-up"), start.describe());
        Cli.Run dump = jprof(cli, "attach", pid, "dump", "--no-color");
        assertEquals(0, dump.exitStatus(), dump.describe());
        assertTrue(dump.out().contains("CliTarget.cliTargetWork"), dump.describe());
        Cli.Run stop = jprof(cli, "attach", pid, "stop");
        assertEquals(1, stop.exitStatus(), stop.describe());
        assertTrue(stop.err().contains("that profile stops when the JVM exits"), stop.describe());
    }

    private void assertStatus(Path cli, String pid, String expected) throws Exception {
        Cli.Run status = jprof(cli, "attach", pid, "status");
        assertEquals(0, status.exitStatus(), status.describe());
        assertTrue(status.out().contains(expected), status.describe());
    }

    @Test
    void refusesAProcessThatDoesNotExist() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        assertError(2, "jprof: no process with pid " + gone.pid() + " (jprof list shows the local JVMs)",
                Cli.jdk17(), Long.toString(gone.pid()));
    }

    @Test
    void refusesAProcessThatIsNotAJvm() throws Exception {
        Cli.Run sleep = Cli.start(List.of("sleep", "120"), Cli.env(dir), false);
        targets.add(sleep);
        assertError(2, "jprof: process " + sleep.pid() + " (sleep) is not a Java virtual machine", Cli.jdk17(),
                Long.toString(sleep.pid()), "start");
        assertTrue(sleep.process.isAlive(), "no SIGQUIT was sent to it");
    }

    @Test
    void refusesAJvmWithAttachDisabled() throws Exception {
        Cli.Run t = serve(Cli.target(Cli.jdk25(), List.of("-XX:+DisableAttachMechanism"), "serve"));
        assertError(1, "jprof: the JVM " + t.pid() + " was started with -XX:+DisableAttachMechanism, so no tool can attach"
                + " to it; restart it without that option, or profile it from the start with jprof [options] -jar/MainClass ...",
                Cli.jdk17(), Long.toString(t.pid()), "start");
    }

    @Test
    void explainsAttachDisabledWhereTheCommandLineDoesNotShowIt() throws Exception {
        // Options from an @argfile are not in /proc/PID/cmdline: the JDK's own refusal is explained instead.
        Path argfile = java.nio.file.Files.writeString(dir.resolve("jvm.args"), "-XX:+DisableAttachMechanism\n");
        Cli.Run t = serve(Cli.target(Cli.jdk17(), List.of("@" + argfile), "serve"));
        assertError(1, "jprof: could not attach to the JVM " + t.pid() + ": the JVM does not accept attaches (started with"
                + " -XX:+DisableAttachMechanism", Cli.jdk25(), Long.toString(t.pid()), "start");
    }

    @Test
    void explainsDynamicAgentLoadingDisabled() throws Exception {
        Cli.Run t = serve(Cli.target(Cli.jdk25(), List.of("-XX:-EnableDynamicAgentLoading"), "serve"));
        assertError(1, "jprof: could not attach to the JVM " + t.pid() + ": the JVM could not load the jprof agent"
                + " (Dynamic agent loading is not enabled. Use -XX:+EnableDynamicAgentLoading", Cli.jdk17(),
                Long.toString(t.pid()), "start");
    }

    @Test
    void refusesAJvmOfAnotherUser() throws Exception {
        if (!Cli.isRoot()) {
            // Not root: PID 1 belongs to root, which is another user.
            assertError(1, "jprof: process 1 belongs to user root, not " + System.getProperty("user.name"), Cli.jdk17(), "1", "status");
            return;
        }
        // The test classes may sit in a directory only root can read: give the other user its own copy.
        Path classes = java.nio.file.Files.createTempDirectory(Path.of("/tmp"), "jprof-other-user-",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
        Path classFile = classes.resolve(CliTarget.class.getName().replace('.', '/') + ".class");
        java.nio.file.Files.createDirectories(classFile.getParent());
        java.nio.file.Files.copy(Path.of(Cli.TEST_CLASSES).resolve(classes.relativize(classFile)), classFile);
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                Cli.java(Cli.jdk17()), "-cp", classes.toString(), CliTarget.class.getName(), "serve"));
        try {
            Cli.Run t = serve(command);
            String user = t.process.info().user().orElse("nobody");
            assertError(1, "jprof: process " + t.pid() + " belongs to user " + user + ", not root; a JVM only accepts"
                    + " attaches from its own user: run jprof as " + user + " (e.g. sudo -u " + user + " jprof attach "
                    + t.pid() + ")", Cli.jdk17(), Long.toString(t.pid()), "start");
        } finally {
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(classes)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void refusesToAttachFromAJavaWithoutJdkAttach() throws Exception {
        Cli.Run t = serve(Cli.target(Cli.jdk17(), List.of(), "serve"));
        List<String> command = Cli.jprof(Cli.jdk17(), "attach", Long.toString(t.pid()), "start");
        // A JRE-like Java: the same JDK with jdk.attach left out of the module graph.
        command.add(1, "--limit-modules=java.base,java.management,java.instrument,jdk.management");
        Cli.Run r = Cli.run(command, Cli.env(dir), "");
        assertEquals(1, r.exitStatus(), r.describe());
        assertEquals("jprof: this Java (" + Cli.jdk17() + ") has no jdk.attach module, which attaching needs;"
                + " run jprof with a full JDK (set JAVA_HOME)\n", r.err(), r.describe());
    }

    @Test
    void refusesUnknownActionsAndMisplacedDuration() throws Exception {
        assertError(2, "jprof: unknown action 'pause'; use start, stop, dump or status", Cli.jdk17(), "1", "pause");
        assertError(2, "jprof: --duration is for profiling without an action; with 'dump' it means nothing",
                Cli.jdk17(), "1", "dump", "--duration", "3");
    }

    private void assertError(int status, String message, Path cli, String... attachArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("attach"));
        args.addAll(List.of(attachArgs));
        Cli.Run r = jprof(cli, args.toArray(new String[0]));
        assertEquals(status, r.exitStatus(), r.describe());
        assertTrue(r.err().startsWith(message), r.describe());
        assertEquals(1, r.err().lines().count(), "one line" + r.describe());
        assertFalse(r.err().contains("Exception"), r.describe());
    }

    static void assumeSetsid() {
        boolean present = new java.io.File("/usr/bin/setsid").canExecute() || new java.io.File("/bin/setsid").canExecute();
        if (!present) {
            System.err.println("SKIPPED: setsid (util-linux) is needed to send Ctrl-C to a process group");
        }
        Assumptions.assumeTrue(present, "setsid is missing");
    }
}

package dev.jprof.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.Session;
import dev.jprof.it.support.Trees;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code jprof [options] -- COMMAND}: a real Maven build (offline, against the local repository this build
 * filled) whose surefire fork runs a slow test, and a shell script that starts two java programs.
 */
class CommandModeIT {
    private static final String FORK = "org.apache.maven.surefire.booter.ForkedBooter";
    private static final String MAVEN = "org.codehaus.plexus.classworlds.launcher.Launcher";

    @TempDir
    Path dir;

    @Test
    void mavenTestReportsTheSurefireForkWithTheSlowMethodAndMavensOwnJvm() throws Exception {
        Path project = project();
        Cli.Run r = jprof(Cli.env(dir.resolve("data")), "--", mvn(), "-o", "-q", "-B", "-f",
                project.resolve("pom.xml").toString(), "-Dmaven.repo.local=" + localRepository(), "test");
        assertEquals(0, exit(r), r.describe());

        Map<String, String> reports = reportsByProgram(r.err());
        String fork = reports.entrySet().stream().filter(e -> e.getKey().startsWith(FORK)).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("no report of the surefire fork" + r.describe()));
        assertTrue(reports.keySet().stream().anyMatch(p -> p.startsWith(MAVEN + " ")), "Maven's own JVM" + r.describe());
        assertEquals(2, reports.size(), "one report per JVM" + r.describe());

        // Ground truth: the test timed its own burn; the fork's profile must give the method that time.
        double measured = Long.parseLong(Files.readString(project.resolve("target/burn-millis.txt")).strip()) / 1000.0;
        Matcher m = Pattern.compile("(\\d+\\.\\d+) SlowTest\\.xorshiftBurn").matcher(fork);
        assertTrue(m.find(), "the slow method in the fork's report" + r.describe());
        double profiled = Double.parseDouble(m.group(1));
        assertEquals(measured, profiled, Math.max(0.15, measured * 0.15), "xorshiftBurn: profiled " + profiled
                + " s, measured " + measured + " s" + r.describe());

        assertTrue(r.err().contains("jprof: 2 JVMs profiled:"), r.describe());
        assertTrue(Pattern.compile("jprof: {3}pid \\d+ " + Pattern.quote(FORK) + ": report above").matcher(r.err()).find(),
                r.describe());
        assertTrue(Pattern.compile("jprof: {3}pid \\d+ " + Pattern.quote(MAVEN) + ": report above").matcher(r.err()).find(),
                r.describe());
    }

    @Test
    void aFailingBuildKeepsItsExitStatusAndOnlyPicksTheForkIntoAFilePerJvm() throws Exception {
        Path project = project();
        Path out = Files.createDirectories(dir.resolve("reports"));
        Cli.Run r = jprof(Cli.env(dir.resolve("data")), "--only", "org.apache.maven.surefire.*", "-o",
                out.resolve("fork-%p.jprof").toString(), "--", mvn(), "-o", "-q", "-B", "-f",
                project.resolve("pom.xml").toString(), "-Dmaven.repo.local=" + localRepository(), "-Dslow.fail=true",
                "test");
        int status = exit(r);
        assertNotEquals(0, status, "Maven's status for a failed test" + r.describe());
        assertTrue(r.out().contains("asked to fail"), "Maven's output passes through" + r.describe());

        List<Path> files = list(out);
        assertEquals(1, files.size(), "only the fork matches --only: " + files + r.describe());
        Session fork = Session.load(files.get(0));
        assertTrue(fork.targetDescription().startsWith(FORK + " (-jar "), fork.targetDescription());
        assertTrue(fork.targetDescription().endsWith(", pid " + fork.pid()), fork.targetDescription());
        assertEquals("fork-" + fork.pid() + ".jprof", files.get(0).getFileName().toString());
        assertNotNull(Trees.find(Trees.aggregated(fork), "SlowTest.xorshiftBurn"), "the slow method");

        assertTrue(r.err().contains("jprof: 1 JVM profiled:\njprof:   pid " + fork.pid() + " " + FORK + ": " + files.get(0)),
                r.describe());
        assertTrue(Pattern.compile("jprof: 1 JVM not matching --only org\\.apache\\.maven\\.surefire\\.\\*, not profiled: "
                + Pattern.quote(MAVEN) + " \\(pid \\d+\\)").matcher(r.err()).find(), r.describe());
        assertFalse(r.err().contains("Program: " + MAVEN), "Maven's JVM loads the agent idle" + r.describe());
    }

    @ParameterizedTest(name = "JVMs on JDK {0}")
    @ValueSource(strings = {"17", "25"})
    void aScriptsTwoJavaProgramsAreProfiledWithStdinStdoutAndStatusPassedThrough(String jdk) throws Exception {
        // Spaces in the agent jar's path and in jprof's temporary directory: JAVA_TOOL_OPTIONS must quote them.
        Path jar = Files.createDirectories(dir.resolve("jar dir")).resolve("jprof.jar");
        Files.copy(Cli.AGENT, jar);
        Path tmp = Files.createDirectories(dir.resolve("tmp dir"));
        Path script = script(Cli.jdk(jdk), CommandTarget.class.getName() + " 1000 5");
        Map<String, String> env = Cli.env(dir.resolve("data"));
        env.put("JAVA_TOOL_OPTIONS", "-Dcommand.it=kept");

        List<String> command = new ArrayList<>(List.of(Cli.java(Cli.jdk17()), "-Djprof.agent.jar=" + jar,
                "-Djava.io.tmpdir=" + tmp, "-cp", Cli.CLI + File.pathSeparator + Cli.AGENT, "dev.jprof.cli.Main",
                "--", script.toString(), "word"));
        Cli.Run r = Cli.run(command, env, "hello\n");
        assertEquals(5, r.exitStatus(), "the script's status" + r.describe());
        assertEquals("[word]\nstdin:hello\ncommand.it=kept\n", r.out(), "stdin and stdout pass through, and the"
                + " JAVA_TOOL_OPTIONS the command had are kept" + r.describe());

        Map<String, String> reports = reportsByProgram(r.err());
        assertEquals(2, reports.size(), r.describe());
        assertTrue(report(reports, CliTarget.class.getName() + " echo word").contains("CliTarget.cliTargetWork"),
                r.describe());
        assertTrue(report(reports, CommandTarget.class.getName() + " 1000 5").contains("CommandTarget.commandTargetWork"),
                r.describe());
        assertTrue(r.err().contains("jprof: 2 JVMs profiled:"), r.describe());
        assertTrue(r.err().contains(" " + CliTarget.class.getName() + ": report above"), r.describe());
        assertTrue(r.err().contains(" " + CommandTarget.class.getName() + ": report above"), r.describe());
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("jprof-cmd-"))
                    .collect(Collectors.toList()), "jprof's directory is removed once every JVM has reported");
        }
    }

    @Test
    void onlyPicksJvmsByMainClassGlob() throws Exception {
        Path script = script(Cli.jdk17(), CommandTarget.class.getName() + " 1000 0");
        Cli.Run r = Cli.run(Cli.jprof(Cli.jdk17(), "--only", "*.CommandTarget", "--", script.toString(), "x"),
                Cli.env(dir.resolve("data")), "line\n");
        assertEquals(0, r.exitStatus(), r.describe());
        Map<String, String> reports = reportsByProgram(r.err());
        assertEquals(1, reports.size(), r.describe());
        assertTrue(report(reports, CommandTarget.class.getName()).contains("CommandTarget.commandTargetWork"), r.describe());
        assertFalse(r.err().contains("CliTarget.cliTargetWork"), r.describe());
        assertTrue(r.err().contains("jprof: 1 JVM not matching --only *.CommandTarget, not profiled: "
                + CliTarget.class.getName() + " (pid "), r.describe());
    }

    @Test
    void ctrlCReachesTheJvmsWhichReportAndTheirStatusIsKept() throws Exception {
        AttachIT.assumeSetsid();
        Cli.Run r = Cli.start(Cli.jprof(Cli.jdk17(), "--no-color", "--", Cli.java(Cli.jdk17()), "-cp", Cli.TEST_CLASSES,
                CliTarget.class.getName(), "serve"), Cli.env(dir.resolve("data")), true);
        try {
            r.awaitOut("ready");
            r.interruptGroup();
            assertEquals(130, r.exitStatus(), "the JVM's status after SIGINT" + r.describe());
            assertTrue(report(reportsByProgram(r.err()), CliTarget.class.getName() + " serve, pid ")
                    .contains("CliTarget.cliTargetWork"), r.describe());
            assertTrue(r.err().contains("jprof: 1 JVM profiled:"), r.describe());
        } finally {
            r.kill();
        }
    }

    @Test
    void aJvmThatOutlivesTheCommandIsListedAndSavesItsSessionWhenItExits() throws Exception {
        Path ready = dir.resolve("ready.txt");
        Path script = Files.createDirectories(dir.resolve("script dir")).resolve("daemon.sh");
        Files.writeString(script, "#!/bin/sh\n"
                + "'" + Cli.java(Cli.jdk17()) + "' -cp '" + Cli.TEST_CLASSES + "' " + CliTarget.class.getName()
                + " serve > '" + ready + "' 2>&1 < /dev/null &\n"
                + "until grep -q ready '" + ready + "'; do sleep 0.1; done\n");
        assertTrue(script.toFile().setExecutable(true));
        Cli.Run r = Cli.run(Cli.jprof(Cli.jdk17(), "--", script.toString()), Cli.env(dir.resolve("data")), "");
        Matcher m = Pattern.compile("jprof: {3}pid (\\d+) " + Pattern.quote(CliTarget.class.getName())
                + ": still running \\(a daemon\\?\\): its session is saved to (\\S+) when it exits \\(then: jprof --load \\2\\),"
                + " or now with: jprof attach \\1 dump").matcher(r.err());
        assertTrue(m.find(), r.describe());
        ProcessHandle daemon = ProcessHandle.of(Long.parseLong(m.group(1))).orElseThrow();
        Path session = Paths.get(m.group(2));
        try {
            assertEquals(0, r.exitStatus(), r.describe());
            assertFalse(Files.exists(session));
            daemon.destroy(); // SIGTERM: the JVM exits normally and writes its report
            daemon.onExit().get(60, TimeUnit.SECONDS);
            assertNotNull(Trees.find(Trees.aggregated(Session.load(session)), "CliTarget.cliTargetWork"));
        } finally {
            daemon.destroyForcibly();
            try (Stream<Path> left = Files.list(session.getParent())) {
                for (Path p : left.collect(Collectors.toList())) {
                    Files.delete(p);
                }
            }
            Files.delete(session.getParent());
        }
    }

    /** A script that runs CliTarget (echo of its first argument and one stdin line), then a second program. */
    private Path script(Path jdk, String second) throws IOException {
        Path script = Files.createDirectories(dir.resolve("script dir")).resolve("two-programs.sh");
        String java = "'" + Cli.java(jdk) + "' -cp '" + Cli.TEST_CLASSES + "' ";
        Files.writeString(script, "#!/bin/sh\n"
                + java + CliTarget.class.getName() + " echo \"$1\" || exit 1\n"
                + java + second + "\n");
        assertTrue(script.toFile().setExecutable(true));
        return script;
    }

    private Cli.Run jprof(Map<String, String> env, String... args) throws IOException {
        Cli.Run r = Cli.start(Cli.jprof(Cli.jdk17(), args), env, false);
        r.process.getOutputStream().close();
        return r;
    }

    /** A Maven build takes longer than the CLI's usual time-out on a loaded machine. */
    private static int exit(Cli.Run r) throws InterruptedException {
        if (!r.process.waitFor(5, TimeUnit.MINUTES)) {
            r.kill();
        }
        return r.exitStatus();
    }

    /** Each text report on stderr, keyed by its "Program:" line. */
    private static Map<String, String> reportsByProgram(String err) {
        Map<String, String> reports = new java.util.LinkedHashMap<>();
        String[] parts = err.split("\nProgram: ");
        for (int i = 1; i < parts.length; i++) {
            int eol = parts[i].indexOf('\n');
            reports.put(parts[i].substring(0, eol), parts[i].substring(eol + 1));
        }
        return reports;
    }

    private static String report(Map<String, String> reports, String programPrefix) {
        return reports.entrySet().stream().filter(e -> e.getKey().startsWith(programPrefix)).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("no report of " + programPrefix + " in " + reports.keySet()));
    }

    /** The slow-test project, copied out of the test resources so the build's target/ lands in the temp dir. */
    private Path project() throws IOException {
        Path from = Paths.get(Cli.TEST_CLASSES, "projects", "slow-test");
        Path to = dir.resolve("slow-test");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.sorted(Comparator.naturalOrder()).collect(Collectors.toList())) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().collect(Collectors.toList());
        }
    }

    private static String mvn() {
        String path = System.getenv("PATH");
        String found = path == null ? null : Arrays.stream(path.split(File.pathSeparator))
                .map(d -> Paths.get(d, "mvn")).filter(Files::isExecutable).map(Path::toString).findFirst().orElse(null);
        if (found == null) {
            System.err.println("SKIPPED: CommandModeIT's Maven tests need mvn on PATH");
        }
        Assumptions.assumeTrue(found != null, "mvn not on PATH");
        return found;
    }

    private static String localRepository() {
        String configured = System.getProperty("jprof.m2", "");
        return configured.isBlank() || configured.contains("${") ? Paths.get(System.getProperty("user.home"), ".m2",
                "repository").toString() : configured;
    }
}

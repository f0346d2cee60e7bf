package dev.jprof.it.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A JDK that it-tests launch real JVMs with: JDK 17 ({@code java}) or JDK 25. */
public final class Jvm {
    private final String name;
    private final Path home;

    private Jvm(String name, Path home) {
        this.name = name;
        this.home = home;
    }

    /** The JDK running the tests (JDK 17 on this project's machines). */
    public static Jvm current() {
        return new Jvm("jdk" + Runtime.version().feature(), Paths.get(System.getProperty("java.home")));
    }

    /** JDK 25 from {@code -Djprof.jdk25}; the test is skipped, loudly, when it is absent. */
    public static Jvm jdk25() {
        Path home = Paths.get(System.getProperty("jprof.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        if (!Files.isExecutable(home.resolve("bin/java"))) {
            String why = "SKIPPED: JDK 25 not found at " + home + " (set -Djprof.jdk25=...)";
            System.err.println(why);
            assumeTrue(false, why);
        }
        return new Jvm("jdk25", home);
    }

    /** Both JDKs, for parameterised tests. */
    public static Stream<String> names() {
        return Stream.of("jdk17", "jdk25");
    }

    public static Jvm named(String name) {
        return name.equals("jdk25") ? jdk25() : current();
    }

    public String java() {
        return home.resolve("bin/java").toString();
    }

    public Path home() {
        return home;
    }

    @Override
    public String toString() {
        return name;
    }

    /** The built agent jar. */
    public static String agentJar() {
        return Paths.get(System.getProperty("jprof.agent.jar", "../agent/target/jprof.jar")).toAbsolutePath().normalize()
                .toString();
    }

    /** it-tests' compiled test classes: target programs live there. */
    public static String testClasses() {
        return Paths.get(System.getProperty("jprof.test.classes", "target/test-classes")).toAbsolutePath().toString();
    }

    /** Entries of this test JVM's class path whose file name contains {@code fragment}, e.g. "jackson". */
    public static List<String> classPathEntries(String fragment) {
        List<String> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (Paths.get(e).getFileName().toString().contains(fragment)) {
                out.add(e);
            }
        }
        return out;
    }

    /** A command line: this JDK's java, then the arguments. */
    public List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    /** Runs a command to completion (bounded), capturing its output. */
    public static Result run(List<String> command, Path workDir, long timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("jprof-it-out", ".txt");
        Path err = Files.createTempFile("jprof-it-err", ".txt");
        Process p = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out after " + timeoutSeconds + " s: " + command + "\nstderr:\n"
                    + Files.readString(err));
        }
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    /** Exit code and output of a finished process. */
    public static final class Result {
        public final int exitCode;
        public final String stdout;
        public final String stderr;

        Result(int exitCode, String stdout, String stderr) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }
}

package dev.jprof.it.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Launches a program of the test classes in a fresh JVM with jprof.jar on the class path as a plain library. */
final class Jvm {
    /** The JDKs the API must run on: the build's java (17) and JDK 25. */
    enum Jdk {
        JDK17, JDK25
    }

    /** Output of a finished JVM. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    private Jvm() {
    }

    static Path agentJar() {
        Path jar = Path.of(System.getProperty("jprof.agent.jar", "../agent/target/jprof.jar"));
        assertTrue(Files.isRegularFile(jar), "jprof.jar must be built first: " + jar.toAbsolutePath());
        return jar;
    }

    static Path testClasses() {
        return Path.of(System.getProperty("jprof.test.classes", "target/test-classes"));
    }

    /** The java launcher of a JDK; skips the test loudly when JDK 25 is not installed. */
    static String java(Jdk jdk) {
        if (jdk == Jdk.JDK17) {
            return Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }
        Path java = Path.of(System.getProperty("jprof.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java");
        if (!Files.isExecutable(java)) {
            System.err.println("SKIPPED: JDK 25 not found at " + java + " (set -Djprof.jdk25=...)");
        }
        Assumptions.assumeTrue(Files.isExecutable(java), "JDK 25 not found at " + java);
        return java.toString();
    }

    /** Runs {@code mainClass} with jprof.jar and the test classes on the class path; no -javaagent. */
    static Result run(Jdk jdk, Class<?> mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java(jdk));
        command.add("-cp");
        command.add(agentJar().toAbsolutePath() + File.pathSeparator + testClasses().toAbsolutePath());
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("jprof-api-it", ".out");
        Path err = Files.createTempFile("jprof-api-it", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command + "\n" + Files.readString(err));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}

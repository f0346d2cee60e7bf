package dev.jprof.it.junit;

import dev.jprof.it.support.Executables;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jprof.it.support.Jvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Maven build of a small project that uses the extension through autodetection
 * (src/test/resources/junit-fixture): offline, with this build's surefire and JUnit, so everything it needs
 * is already in the local repository.
 */
class JunitExtensionIT {
    @TempDir
    Path project;

    @Test
    void mavenTestKeepsAReportOfTheSlowTestOnly() throws Exception {
        Path mvn = Executables.find("mvn").orElse(null);
        assumeTrue(mvn != null, "mvn is not on PATH: the JUnit extension's Maven test is skipped");
        Path junitJar = Paths.get(System.getProperty("jprof.junit.jar", "")).toAbsolutePath();
        assumeTrue(Files.isRegularFile(junitJar), "jprof-junit jar not built (" + junitJar + "): run mvn verify from the root");
        copy(Paths.get(System.getProperty("jprof.test.classes"), "junit-fixture"), project);

        Jvm.Result build = Jvm.run(List.of(mvn.toString(), "-o", "-q", "-B", "test",
                "-Dmaven.repo.local=" + System.getProperty("jprof.maven.repo", System.getProperty("user.home") + "/.m2/repository"),
                "-Djunit.version=" + System.getProperty("jprof.junit.version"),
                "-Djprof.junit.jar=" + junitJar, "-Djprof.agent.jar=" + Jvm.agentJar()), project, 300);
        assertEquals(0, build.exitCode, build.toString());

        Path reports = project.resolve("target/jprof");
        try (Stream<Path> files = Files.list(reports)) {
            assertEquals(List.of("demo.CheckoutTest.slow.html", "demo.CheckoutTest.slow.txt"),
                    files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()),
                    "the slow test only (default threshold 1 s)");
        }
        String text = Files.readString(reports.resolve("demo.CheckoutTest.slow.txt"));
        assertTrue(text.contains("CheckoutTest.slowCheckout"), text);
        assertTrue(Files.readString(reports.resolve("demo.CheckoutTest.slow.html")).contains("slowCheckout"));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}

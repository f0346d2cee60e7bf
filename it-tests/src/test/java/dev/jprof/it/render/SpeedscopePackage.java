package dev.jprof.it.render;

import dev.jprof.it.support.Executables;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The npm packages the render it-tests use (speedscope 1.25.0 with its schema and built app, ajv-cli),
 * installed once into {@code it-tests/target/npm} with the ordinary npm client.
 */
final class SpeedscopePackage {
    static final String SPEEDSCOPE = "speedscope@1.25.0";
    private static final String[] PACKAGES = {SPEEDSCOPE, "ajv-cli@5.0.0", "ajv-formats@3.0.1"};

    private SpeedscopePackage() {
    }

    /** Where the packages are installed. */
    static Path prefix() {
        return Paths.get(System.getProperty("jprof.root", ".."), "it-tests", "target", "npm").toAbsolutePath().normalize();
    }

    /** speedscope's {@code dist/release} directory: the built app and {@code file-format-schema.json}. */
    static Path release() {
        return prefix().resolve("node_modules/speedscope/dist/release");
    }

    static Path ajv() {
        return prefix().resolve("node_modules/.bin/ajv");
    }

    /** Installs the packages unless present; skips the calling test loudly when npm is missing. */
    static synchronized void ensureInstalled() throws IOException, InterruptedException {
        boolean npm = Executables.onPath("npm");
        if (!npm) {
            System.err.println("SKIPPED: npm is not installed; bin/test installs it (apt-get install npm)");
        }
        assumeTrue(npm, "npm is not installed; bin/test installs it");
        if (Files.isRegularFile(release().resolve("index.html")) && Files.isRegularFile(ajv())
                && Files.isDirectory(prefix().resolve("node_modules/ajv-formats"))) {
            return;
        }
        Files.createDirectories(prefix());
        List<String> command = new ArrayList<>(List.of("npm", "install", "--prefix", prefix().toString(),
                "--no-audit", "--no-fund", "--no-save", "--loglevel=error"));
        command.addAll(List.of(PACKAGES));
        Run run = Run.of(command, 300);
        assertEquals(0, run.exit, "npm install failed:\n" + run.output);
        assertTrue(Files.isRegularFile(release().resolve("file-format-schema.json")),
                "speedscope package has no dist/release/file-format-schema.json");
    }

    /** A finished external command. */
    static final class Run {
        final int exit;
        final String output;

        private Run(int exit, String output) {
            this.exit = exit;
            this.output = output;
        }

        static Run of(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
            Path log = Files.createTempFile("jprof-npm", ".log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean exited = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!exited) {
                p.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            assertTrue(exited, String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n" + output);
            return new Run(p.exitValue(), output);
        }
    }
}

package dev.jprof.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path project;
    private final ByteArrayOutputStream messages = new ByteArrayOutputStream();

    private Settings settings(Map<String, String> parameters) {
        return Settings.from(k -> Optional.ofNullable(parameters.get(k)), project,
                new PrintStream(messages, true, StandardCharsets.UTF_8));
    }

    private String messages() {
        return messages.toString(StandardCharsets.UTF_8);
    }

    @Test
    void defaults() {
        Settings s = settings(Map.of());
        assertEquals(Duration.ofSeconds(1), s.threshold);
        assertEquals(Duration.ofMillis(10), s.interval);
        assertEquals(project.resolve("target/jprof"), s.dir, "Maven's layout unless the project is Gradle's");
        assertEquals("", messages());
    }

    @Test
    void thresholdDecidesWhichTestsAreSlow() {
        Settings s = settings(Map.of(Settings.THRESHOLD, "500ms"));
        assertFalse(s.isSlow(Duration.ofMillis(499)));
        assertTrue(s.isSlow(Duration.ofMillis(500)), "at the threshold counts as slow");
        assertTrue(s.isSlow(Duration.ofSeconds(3)));
        assertTrue(settings(Map.of(Settings.THRESHOLD, "0")).isSlow(Duration.ZERO), "0 keeps every test");
        assertFalse(settings(Map.of()).isSlow(Duration.ofMillis(999)));
        assertTrue(settings(Map.of()).isSlow(Duration.ofMillis(1000)));
    }

    @Test
    void aWrongValueIsOneLineAndTheDefault() {
        Settings s = settings(Map.of(Settings.THRESHOLD, "slow", Settings.INTERVAL, "0ms"));
        assertEquals(Settings.DEFAULT_THRESHOLD, s.threshold);
        assertEquals(Settings.DEFAULT_INTERVAL, s.interval);
        String[] lines = messages().split("\n");
        assertEquals(2, lines.length, messages());
        assertTrue(lines[0].startsWith("jprof: jprof.junit.threshold must be a duration"), lines[0]);
        assertTrue(lines[0].endsWith("got 'slow'; using 1.00 s"), lines[0]);
        assertTrue(lines[1].startsWith("jprof: jprof.junit.interval must be longer than zero, got '0ms'"), lines[1]);
    }

    @Test
    void durationsAsTheAgentWritesThem() {
        assertEquals(Duration.ofMillis(1500), settings(Map.of(Settings.THRESHOLD, "1.5s")).threshold);
        assertEquals(Duration.ofSeconds(2), settings(Map.of(Settings.THRESHOLD, "2")).threshold);
        assertEquals(Duration.ofMillis(5), settings(Map.of(Settings.INTERVAL, "5ms")).interval);
    }

    @Test
    void shortForm() {
        assertEquals("1.52 s", Settings.format(Duration.ofMillis(1523)));
        assertEquals("480 ms", Settings.format(Duration.ofMillis(480)));
    }

    @Test
    void gradleProjectsReportUnderBuild() throws IOException {
        Files.writeString(project.resolve("build.gradle.kts"), "plugins { java }");
        assertEquals(project.resolve("build/jprof"), settings(Map.of()).dir);
        Files.delete(project.resolve("build.gradle.kts"));
        Files.writeString(project.resolve("build.gradle"), "apply plugin: 'java'");
        assertEquals(project.resolve("build/jprof"), settings(Map.of()).dir);
    }

    @Test
    void theDirectoryCanBeChosen() {
        assertEquals(project.resolve("reports/slow"), settings(Map.of(Settings.DIR, "reports/slow")).dir);
        Path absolute = project.resolve("elsewhere").toAbsolutePath();
        assertEquals(absolute, settings(Map.of(Settings.DIR, absolute.toString())).dir);
    }
}

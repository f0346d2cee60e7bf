package dev.jprof.junit;

import dev.jprof.agent.AgentOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The extension's configuration parameters (durations as the agent's options take them: {@code 500ms},
 * {@code 2s}, {@code 1.5s}; a bare number is seconds) ({@code junit-platform.properties}, {@code -D}, or the build
 * tool's {@code configurationParameters}); a wrong value is reported in one line and its default is used.
 */
final class Settings {
    static final String THRESHOLD = "jprof.junit.threshold";
    static final String DIR = "jprof.junit.dir";
    static final String INTERVAL = "jprof.junit.interval";
    static final Duration DEFAULT_THRESHOLD = Duration.ofSeconds(1);
    static final Duration DEFAULT_INTERVAL = Duration.ofMillis(10);

    final Duration threshold;
    final Path dir;
    final Duration interval;

    Settings(Duration threshold, Path dir, Duration interval) {
        this.threshold = threshold;
        this.dir = dir;
        this.interval = interval;
    }

    /**
     * @param parameters a configuration parameter lookup, as {@code ExtensionContext::getConfigurationParameter}
     * @param workingDir where the build runs: decides between Maven's {@code target/} and Gradle's {@code build/}
     * @param messages   where a wrong value is reported
     */
    static Settings from(Function<String, Optional<String>> parameters, Path workingDir, PrintStream messages) {
        Duration threshold = duration(parameters, THRESHOLD, DEFAULT_THRESHOLD, false, messages);
        Duration interval = duration(parameters, INTERVAL, DEFAULT_INTERVAL, true, messages);
        Path dir = parameters.apply(DIR).filter(s -> !s.isBlank()).map(s -> workingDir.resolve(s.trim()))
                .orElseGet(() -> defaultDir(workingDir));
        return new Settings(threshold, dir, interval);
    }

    /** {@code build/jprof} in a Gradle project, else Maven's {@code target/jprof}. */
    static Path defaultDir(Path workingDir) {
        boolean gradle = Files.exists(workingDir.resolve("build.gradle"))
                || Files.exists(workingDir.resolve("build.gradle.kts"));
        return workingDir.resolve(gradle ? "build" : "target").resolve("jprof");
    }

    /** A short human form for messages, e.g. {@code 1.52 s} or {@code 480 ms}. */
    static String format(Duration d) {
        long nanos = d.toNanos();
        return nanos >= 1_000_000_000L ? String.format(Locale.ROOT, "%.2f s", nanos / 1e9)
                : String.format(Locale.ROOT, "%d ms", nanos / 1_000_000L);
    }

    /** True when a test that ran this long keeps its report. */
    boolean isSlow(Duration elapsed) {
        return elapsed.compareTo(threshold) >= 0;
    }

    private static Duration duration(Function<String, Optional<String>> parameters, String key, Duration fallback,
                                     boolean positive, PrintStream messages) {
        Optional<String> text = parameters.apply(key);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            Duration d = AgentOptions.duration(key, text.get());
            if (d.isNegative() || positive && d.isZero()) {
                throw new IllegalArgumentException(key + " must be longer than zero, got '" + text.get() + "'");
            }
            return d;
        } catch (IllegalArgumentException e) {
            messages.println("jprof: " + e.getMessage() + "; using " + format(fallback));
            return fallback;
        }
    }
}

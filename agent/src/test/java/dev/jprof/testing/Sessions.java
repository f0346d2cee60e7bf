package dev.jprof.testing;

import dev.jprof.CodeLocation;
import dev.jprof.Recorder;
import java.time.Duration;
import java.util.function.Function;

/** Deterministic recordings: a fake clock, a scripted stack source and a simple code locator. */
public final class Sessions {
    /** Classes under {@code com.acme} are application code; {@code java.*} is java.base; others a library jar. */
    public static final Function<StackTraceElement, CodeLocation> LOCATOR = e -> {
        String c = e.getClassName();
        String file = c.substring(0, c.lastIndexOf('.') + 1).replace('.', '/') + e.getFileName();
        if (c.startsWith("com.acme.")) {
            return new CodeLocation("/app/target/classes!/" + file, "classes", true);
        }
        if (c.startsWith("java.") || c.startsWith("jdk.")) {
            return new CodeLocation("jrt:/java.base!/" + file, "java.base", false);
        }
        return new CodeLocation("/repo/lib/somelib-1.2.jar!/" + file, "somelib", false);
    };

    public final FakeClock clock = new FakeClock();
    public final ScriptedStackSource source = new ScriptedStackSource();
    public final Recorder recorder;

    public Sessions() {
        this(Duration.ofMillis(10));
    }

    public Sessions(Duration interval) {
        recorder = new Recorder(source, clock, interval, LOCATOR, "test program", 1 << 16);
        recorder.startManual();
    }

    /** Advances the clock by {@code ms} milliseconds and takes a sample, {@code times} times. */
    public Sessions tick(int ms, int times) {
        for (int i = 0; i < times; i++) {
            clock.advance(Duration.ofMillis(ms), 0.5);
            recorder.tick();
        }
        return this;
    }
}

package dev.jprof.cli.diff;

import dev.jprof.CodeLocation;
import dev.jprof.Recorder;
import dev.jprof.Session;
import dev.jprof.sampling.Clock;
import dev.jprof.sampling.StackSource;
import dev.jprof.sampling.ThreadState;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A deterministic session built in code: a clock that moves 10 ms per tick and threads whose stacks the
 * test sets. Frames are written outermost first as {@code "com.acme.Main.main"}; classes under
 * {@code com.acme} are the application, others a library jar named after their package.
 */
public final class Recording {
    private static final long TICK_NANOS = 10_000_000L;
    private final Map<Long, String> names = new LinkedHashMap<>();
    private final Map<Long, StackTraceElement[]> stacks = new LinkedHashMap<>();
    private long nanos = 1_000_000_000L;
    private final Recorder recorder;

    public Recording(String program) {
        Clock clock = new Clock() {
            @Override
            public long nanoTime() {
                return nanos;
            }

            @Override
            public long epochMillis() {
                return 1_700_000_000_000L + nanos / 1_000_000;
            }

            @Override
            public long processCpuNanos() {
                return nanos / 2;
            }
        };
        StackSource source = consumer -> stacks.forEach((id, stack) ->
                consumer.accept(id, names.get(id), false, ThreadState.RUNNABLE, stack));
        recorder = new Recorder(source, clock, Duration.ofMillis(10), Recording::locate, program, 1 << 16);
        recorder.startManual();
    }

    /** Thread {@code id} runs this stack for the next {@code ticks} ticks (until set again). */
    public Recording thread(long id, String name, String... framesOutermostFirst) {
        StackTraceElement[] stack = new StackTraceElement[framesOutermostFirst.length];
        for (int i = 0; i < stack.length; i++) {
            String f = framesOutermostFirst[i];
            int dot = f.lastIndexOf('.');
            String cls = f.substring(0, dot);
            String file = cls.substring(cls.lastIndexOf('.') + 1) + ".java";
            stack[stack.length - 1 - i] = new StackTraceElement(cls, f.substring(dot + 1), file, 10 + i);
        }
        names.put(id, name);
        stacks.put(id, stack);
        return this;
    }

    /** Only thread {@code id} runs this stack: every other thread ends. */
    public Recording only(long id, String name, String... framesOutermostFirst) {
        names.clear();
        stacks.clear();
        return thread(id, name, framesOutermostFirst);
    }

    public Recording ticks(int n) {
        for (int i = 0; i < n; i++) {
            nanos += TICK_NANOS;
            recorder.tick();
        }
        return this;
    }

    public Session session() {
        recorder.stop();
        return recorder.snapshot();
    }

    private static CodeLocation locate(StackTraceElement e) {
        String c = e.getClassName();
        String pkg = c.substring(0, c.lastIndexOf('.'));
        String path = pkg.replace('.', '/') + "/" + e.getFileName();
        if (c.startsWith("com.acme.")) {
            return new CodeLocation("/app/classes!/" + path, "classes", true);
        }
        return new CodeLocation("/repo/lib/" + pkg + ".jar!/" + path, pkg, false);
    }
}

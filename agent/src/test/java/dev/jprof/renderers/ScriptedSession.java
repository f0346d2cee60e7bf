package dev.jprof.renderers;

import dev.jprof.CodeLocation;
import dev.jprof.Recorder;
import dev.jprof.Session;
import dev.jprof.sampling.Clock;
import dev.jprof.sampling.StackSource;
import dev.jprof.sampling.ThreadState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds sessions deterministically: a fake clock and a scripted stack source driven through
 * {@link Recorder#startManual()} and {@link Recorder#tick()}. Frames are written outermost first as
 * {@code pkg.Class.method} or {@code pkg.Class.method:line}; classes under {@code com.acme} are application
 * code, everything else is a library ({@code java.base}).
 */
final class ScriptedSession {
    static final long START_MILLIS = 1_700_000_000_000L;

    private final List<Long> advances = new ArrayList<>();
    private final List<Stack[]> ticks = new ArrayList<>();
    private final Map<String, Long> threadIds = new LinkedHashMap<>();
    private String description = "com.acme.Main";

    /** One thread's stack in a tick. */
    static final class Stack {
        final String thread;
        final String[] frames;

        Stack(String thread, String[] frames) {
            this.thread = thread;
            this.frames = frames;
        }
    }

    static Stack on(String thread, String... framesOutermostFirst) {
        return new Stack(thread, framesOutermostFirst);
    }

    ScriptedSession description(String text) {
        description = text;
        return this;
    }

    /** After {@code millis} of wall time, the listed threads are sampled with these stacks. */
    ScriptedSession tick(long millis, Stack... stacks) {
        for (Stack s : stacks) {
            threadIds.computeIfAbsent(s.thread, k -> (long) threadIds.size() + 1);
        }
        advances.add(millis);
        ticks.add(stacks);
        return this;
    }

    /** Shorthand: one tick of thread {@code main}. */
    ScriptedSession main(long millis, String... frames) {
        return tick(millis, on("main", frames));
    }

    Session build() {
        long[] now = {0};
        Clock clock = new Clock() {
            @Override
            public long nanoTime() {
                return now[0];
            }

            @Override
            public long epochMillis() {
                return START_MILLIS + now[0] / 1_000_000;
            }

            @Override
            public long processCpuNanos() {
                return now[0] / 2;
            }
        };
        Stack[][] current = {new Stack[0]};
        StackSource source = consumer -> {
            for (Stack s : current[0]) {
                consumer.accept(threadIds.get(s.thread), s.thread, false, ThreadState.RUNNABLE, elements(s.frames));
            }
        };
        Recorder recorder = new Recorder(source, clock, Duration.ofMillis(10), ScriptedSession::locate, description, 1 << 16);
        recorder.startManual();
        for (int i = 0; i < ticks.size(); i++) {
            now[0] += advances.get(i) * 1_000_000;
            current[0] = ticks.get(i);
            recorder.tick();
        }
        recorder.stop();
        return recorder.snapshot();
    }

    /** A stack of {@code depth} distinct application frames, outermost first. */
    static String[] deepStack(int depth) {
        String[] frames = new String[depth];
        frames[0] = "com.acme.Main.main";
        for (int i = 1; i < depth; i++) {
            frames[i] = "com.acme.Deep.level" + i;
        }
        return frames;
    }

    private static StackTraceElement[] elements(String[] outermostFirst) {
        StackTraceElement[] out = new StackTraceElement[outermostFirst.length];
        for (int i = 0; i < outermostFirst.length; i++) {
            String spec = outermostFirst[i];
            int line = 10;
            int colon = spec.lastIndexOf(':');
            if (colon > 0) {
                line = Integer.parseInt(spec.substring(colon + 1));
                spec = spec.substring(0, colon);
            }
            int dot = spec.lastIndexOf('.');
            String cls = spec.substring(0, dot);
            String simple = cls.substring(cls.lastIndexOf('.') + 1).replaceAll("\\$.*", "");
            out[outermostFirst.length - 1 - i] = new StackTraceElement(cls, spec.substring(dot + 1), simple + ".java", line);
        }
        return out;
    }

    static CodeLocation locate(StackTraceElement e) {
        String pkgPath = e.getClassName().substring(0, Math.max(0, e.getClassName().lastIndexOf('.'))).replace('.', '/');
        String rel = pkgPath + "/" + e.getFileName();
        if (e.getClassName().startsWith("com.acme.")) {
            return new CodeLocation("/app/target/classes!/" + rel, "classes", true);
        }
        return new CodeLocation("jrt:/java.base!/" + rel, "java.base", false);
    }
}

package dev.jprof.testing;

import dev.jprof.sampling.StackSource;
import dev.jprof.sampling.ThreadState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stack source whose threads and stacks the test sets. Frames are written outermost first as
 * {@code "com.acme.Main.main:12"} (class.method:line; the file is the outer class's simple name + .java).
 */
public final class ScriptedStackSource implements StackSource {
    private final Map<Long, Entry> threads = new LinkedHashMap<>();

    private static final class Entry {
        final String name;
        byte state;
        StackTraceElement[] stack;
        boolean unchanged;
        boolean virtual;

        Entry(String name) {
            this.name = name;
        }
    }

    /** Sets a thread's state and stack for the following ticks. */
    public ScriptedStackSource set(long id, String name, byte state, String... framesOutermostFirst) {
        Entry e = threads.computeIfAbsent(id, k -> new Entry(name));
        e.state = state;
        e.stack = stack(framesOutermostFirst);
        e.unchanged = false;
        return this;
    }

    /** Sets a virtual thread's state and stack. */
    public ScriptedStackSource virtual(long id, String name, byte state, String... framesOutermostFirst) {
        set(id, name, state, framesOutermostFirst);
        threads.get(id).virtual = true;
        return this;
    }

    public ScriptedStackSource running(long id, String name, String... framesOutermostFirst) {
        return set(id, name, ThreadState.RUNNABLE, framesOutermostFirst);
    }

    /** From the next tick on, reports the thread as "unchanged" (stack null), as idle-stack reuse does. */
    public ScriptedStackSource unchanged(long id) {
        threads.get(id).unchanged = true;
        return this;
    }

    private int virtualSeen = -1;
    private long carrierCpu = -1;
    private long carrierWall = -1;

    /** What the source says its carriers of virtual threads used during the recording. */
    public ScriptedStackSource carriers(long cpuNanos, long wallNanos) {
        carrierCpu = cpuNanos;
        carrierWall = wallNanos;
        return this;
    }

    /** What the source says of the virtual threads it saw (sampled or not). */
    public ScriptedStackSource virtualThreadsSeen(int seen) {
        virtualSeen = seen;
        return this;
    }

    @Override
    public int virtualThreadsSeen() {
        return virtualSeen;
    }

    @Override
    public long carrierCpuNanos() {
        return carrierCpu;
    }

    @Override
    public long carrierWallNanos() {
        return carrierWall;
    }

    public ScriptedStackSource remove(long id) {
        threads.remove(id);
        return this;
    }

    @Override
    public void sample(StackConsumer consumer) {
        for (Map.Entry<Long, Entry> t : threads.entrySet()) {
            Entry e = t.getValue();
            consumer.accept(t.getKey(), e.name, e.virtual, e.state, e.unchanged ? null : e.stack);
        }
    }

    @Override
    public String describe() {
        return "scripted";
    }

    /** Builds a JDK-style stack (top frame first) from frames written outermost first. */
    public static StackTraceElement[] stack(String... framesOutermostFirst) {
        List<StackTraceElement> out = new ArrayList<>();
        for (int i = framesOutermostFirst.length - 1; i >= 0; i--) {
            out.add(frame(framesOutermostFirst[i]));
        }
        return out.toArray(new StackTraceElement[0]);
    }

    public static StackTraceElement frame(String spec) {
        int colon = spec.lastIndexOf(':');
        String qualified = colon < 0 ? spec : spec.substring(0, colon);
        int line = colon < 0 ? -1 : Integer.parseInt(spec.substring(colon + 1));
        int dot = qualified.lastIndexOf('.');
        String className = qualified.substring(0, dot);
        String method = qualified.substring(dot + 1);
        String simple = className.substring(className.lastIndexOf('.') + 1);
        int dollar = simple.indexOf('$');
        String file = (dollar > 0 ? simple.substring(0, dollar) : simple) + ".java";
        String module = className.startsWith("java.") || className.startsWith("jdk.") ? "java.base" : null;
        return new StackTraceElement(null, module, null, className, method, file, line);
    }
}

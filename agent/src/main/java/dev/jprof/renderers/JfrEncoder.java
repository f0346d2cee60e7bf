package dev.jprof.renderers;

import dev.jprof.tree.Frame;
import dev.jprof.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmc.flightrecorder.writer.api.Recording;
import org.openjdk.jmc.flightrecorder.writer.api.Recordings;
import org.openjdk.jmc.flightrecorder.writer.api.Type;
import org.openjdk.jmc.flightrecorder.writer.api.TypeStructureBuilder;
import org.openjdk.jmc.flightrecorder.writer.api.TypedFieldBuilder;
import org.openjdk.jmc.flightrecorder.writer.api.TypedValue;
import org.openjdk.jmc.flightrecorder.writer.api.Types;

/**
 * Writes one processed, time-ordered frame tree as a JFR recording with JMC's writer. Ticks are
 * nanoseconds since the epoch, so an event's time is the session's start plus the thread's time before
 * it: jprof keeps each thread's samples in order, not their absolute times.
 */
final class JfrEncoder {
    static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";
    /** async-profiler's wall-clock event, which JMC and IntelliJ show as wall time. */
    static final String WALL_CLOCK_SAMPLE = "profiler.WallClockSample";

    private final Session session;
    private final long startNanos;
    private final long intervalNanos;
    private final Map<Frame, Long> threadCursor = new HashMap<>();
    private final Map<Frame, TypedValue> threads = new HashMap<>();
    private final Map<String, TypedValue> frames = new HashMap<>();
    private final Map<String, TypedValue> classes = new HashMap<>();
    private final Map<String, TypedValue> states = new HashMap<>();
    private Recording recording;
    private Types types;
    private Type executionSample;
    private Type wallClockSample;
    private Type threadState;
    private Type timestamp;
    private Type timespan;
    private Type packageType;
    private Type classType;
    private Type methodType;
    private Type frameType;
    private Type stackFrame;
    private Type stackTraceType;
    private Type threadType;

    JfrEncoder(Session session) {
        this.session = session;
        this.startNanos = session.startTime().toEpochMilli() * 1_000_000L;
        this.intervalNanos = Math.max(1, Math.round(session.interval() * 1e9));
    }

    byte[] encode(Frame root) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long durationNanos = Math.round(session.duration() * 1e9);
        recording = Recordings.newRecording(bytes, s -> s.withTimestamp(startNanos).withStartTicks(startNanos)
                .withDuration(durationNanos));
        try {
            types = recording.getTypes();
            registerJdkTypes();
            executionSample = eventType(EXECUTION_SAMPLE, t -> { });
            wallClockSample = eventType(WALL_CLOCK_SAMPLE, t -> t
                    .addField("samples", Types.Builtin.INT)
                    .addField("timeSpan", Types.Builtin.LONG, f -> f.addAnnotation(timespan, "NANOSECONDS")));
            OwnTimeStacks.walk(root, this::write);
            recording.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return bytes.toByteArray();
    }

    /**
     * The JDK types the events use, registered here rather than by the writer's JDK type initialisation:
     * that one puts stack frames in a constant pool, which the JDK's own parser cannot read (it expects
     * them inline in the stack trace, as the JVM and async-profiler write them).
     */
    private void registerJdkTypes() {
        timestamp = recording.registerAnnotationType("jdk.jfr.Timestamp", t -> t.addField("value", Types.Builtin.STRING));
        timespan = recording.registerAnnotationType("jdk.jfr.Timespan", t -> t.addField("value", Types.Builtin.STRING));
        Type symbol = types.getOrAdd("jdk.types.Symbol", true, t -> t.addField("string", Types.Builtin.STRING));
        packageType = types.getOrAdd("jdk.types.Package", true, t -> t.addField("name", symbol));
        classType = types.getOrAdd("java.lang.Class", true, t -> t
                .addField("name", symbol)
                .addField("package", packageType)
                .addField("modifiers", Types.Builtin.INT)
                .addField("hidden", Types.Builtin.BOOLEAN));
        methodType = types.getOrAdd("jdk.types.Method", true, t -> t
                .addField("type", classType)
                .addField("name", symbol)
                .addField("descriptor", symbol)
                .addField("modifiers", Types.Builtin.INT)
                .addField("hidden", Types.Builtin.BOOLEAN));
        frameType = types.getOrAdd("jdk.types.FrameType", true, t -> t.addField("description", Types.Builtin.STRING));
        stackFrame = types.getOrAdd("jdk.types.StackFrame", false, t -> t
                .addField("method", methodType)
                .addField("lineNumber", Types.Builtin.INT)
                .addField("bytecodeIndex", Types.Builtin.INT)
                .addField("type", frameType));
        stackTraceType = types.getOrAdd("jdk.types.StackTrace", true, t -> t
                .addField("truncated", Types.Builtin.BOOLEAN)
                .addField("frames", stackFrame, TypedFieldBuilder::asArray));
        threadType = types.getOrAdd("java.lang.Thread", true, t -> t
                .addField("osName", Types.Builtin.STRING)
                .addField("osThreadId", Types.Builtin.LONG)
                .addField("javaName", Types.Builtin.STRING)
                .addField("javaThreadId", Types.Builtin.LONG));
        threadState = types.getOrAdd("jdk.types.ThreadState", true, t -> t.addField("name", Types.Builtin.STRING));
    }

    /**
     * An event type with {@code startTime} first: the JDK's parser reads an event's first field as its
     * start (the writer's own {@code registerEventType} puts the stack trace first, which {@code jfr print}
     * cannot read).
     */
    private Type eventType(String name, java.util.function.Consumer<TypeStructureBuilder> more) {
        return recording.registerType(name, "jdk.jfr.Event", t -> {
            t.addField("startTime", Types.Builtin.LONG, f -> f.addAnnotation(timestamp, "TICKS"))
                    .addField("sampledThread", threadType)
                    .addField("state", threadState)
                    .addField("stackTrace", stackTraceType);
            more.accept(t);
        });
    }

    private void write(Frame thread, Frame[] stack, int depth, String state, double seconds) {
        long nanos = Math.round(seconds * 1e9);
        long start = threadCursor.getOrDefault(thread, startNanos);
        threadCursor.put(thread, start + nanos);
        int samples = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(nanos / (double) intervalNanos)));
        TypedValue threadValue = threadValue(thread);
        TypedValue stateValue = stateValue(state);
        TypedValue trace = stackTrace(stack, depth);
        recording.writeEvent(wallClockSample.asValue(v -> v
                .putField("startTime", start)
                .putField("sampledThread", threadValue)
                .putField("stackTrace", trace)
                .putField("state", stateValue)
                .putField("samples", samples)
                .putField("timeSpan", nanos)));
        if (!OwnTimeStacks.RUNNING.equals(state)) {
            return; // execution samples are the code that ran, as JMC's Method Profiling expects
        }
        for (int i = 0; i < samples; i++) {
            long at = start + i * intervalNanos;
            recording.writeEvent(executionSample.asValue(v -> v
                    .putField("startTime", at)
                    .putField("sampledThread", threadValue)
                    .putField("stackTrace", trace)
                    .putField("state", stateValue)));
        }
    }

    private TypedValue stateValue(String state) {
        // JFR's thread states are the JVM's; jprof's own classification is kept after the JVM's name.
        String name = OwnTimeStacks.RUNNING.equals(state) ? "STATE_RUNNABLE" : "STATE_WAITING (" + state + ")";
        return states.computeIfAbsent(name, n -> threadState.asValue(v -> v.putField("name", n)));
    }

    private TypedValue threadValue(Frame thread) {
        return threads.computeIfAbsent(thread, t -> {
            String name = OwnTimeStacks.threadName(t);
            long id = threads.size() + 1L;
            return threadType.asValue(v -> v
                    .putField("osName", name)
                    .putField("javaName", name)
                    .putField("javaThreadId", id)
                    .putField("osThreadId", id));
        });
    }

    /** The stack leaf first, as JFR orders frames. */
    private TypedValue stackTrace(Frame[] stack, int depth) {
        TypedValue[] values = new TypedValue[depth];
        for (int i = 0; i < depth; i++) {
            values[depth - 1 - i] = frameValue(stack[i]);
        }
        return stackTraceType.asValue(v -> v
                .putField("frames", values)
                .putField("truncated", false));
    }

    private TypedValue frameValue(Frame f) {
        String className = f.kind() == Frame.Kind.METHOD ? f.className() : "jprof";
        String method = f.kind() == Frame.Kind.METHOD ? f.methodName() : OwnTimeStacks.frameName(f);
        int line = f.kind() == Frame.Kind.METHOD ? Math.max(0, f.line()) : 0;
        return frames.computeIfAbsent(className + '\n' + method + '\n' + line, k -> {
            TypedValue type = classValue(className);
            TypedValue methodValue = methodType.asValue(v -> v
                    .putField("type", type)
                    .putField("name", method)
                    .putField("descriptor", "()V")
                    .putField("hidden", false));
            return stackFrame.asValue(v -> v
                    .putField("method", methodValue)
                    .putField("lineNumber", line)
                    .putField("bytecodeIndex", 0)
                    .putField("type", frameType.asValue(t -> t
                            .putField("description", "Interpreted"))));
        });
    }

    private TypedValue classValue(String className) {
        return classes.computeIfAbsent(className, n -> {
            int dot = n.lastIndexOf('.');
            String pkg = dot < 0 ? "" : n.substring(0, dot).replace('.', '/');
            return classType.asValue(v -> v
                    .putField("name", n.replace('.', '/'))
                    .putField("package", packageType.asValue(p -> p.putField("name", pkg)))
                    .putField("modifiers", 1)
                    .putField("hidden", false));
        });
    }
}

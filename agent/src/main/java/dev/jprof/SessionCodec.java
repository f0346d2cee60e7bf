package dev.jprof;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code .jprof} format: one JSON object, versioned, with tables instead of repeated strings.
 * Field by field: {@code format} ("jprof-session"), {@code version}, metadata, {@code strings},
 * {@code frames} (columns class, method, file, line, location, library, app — indices into strings),
 * {@code stacks} (columns parent, frame; row 0 is the empty stack), {@code threads} (id, name, virtual),
 * {@code samples} (start and weight in nanoseconds, thread, stack, state).
 */
final class SessionCodec {
    static final String FORMAT = "jprof-session";

    /**
     * Reading only: a JVM that just saves its session at exit (the agent's {@code outfile=x.jprof}) would
     * otherwise load ~300 databind classes it never uses, ~0.3 s of a hello world's exit. Writing needs no
     * Jackson at all ({@link JsonText}).
     */
    private static final class Reader {
        static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE)
                        .maxNestingDepth(64).build())
                .build());
    }

    private SessionCodec() {
    }

    static void write(Session session, Path file) throws IOException {
        try (JsonText g = new JsonText(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8))) {
            write(session, g);
        }
    }

    static String toJson(Session session) {
        StringWriter w = new StringWriter();
        try (JsonText g = new JsonText(w)) {
            write(session, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void write(Session session, JsonText g) throws IOException {
        SessionMetadata m = session.metadata();
        SessionTables t = session.tables();
        g.startObject();
        g.field("format", FORMAT);
        g.field("version", Session.FORMAT_VERSION);
        g.field("start_time", m.startTimeMillis / 1000.0);
        g.field("duration", m.duration);
        g.field("sample_count", m.sampleCount);
        g.field("cpu_time", m.cpuTime);
        g.field("interval", m.interval);
        g.field("min_interval", m.minInterval);
        g.field("max_interval", m.maxInterval);
        g.field("target_description", m.targetDescription);
        g.field("pid", m.pid);
        g.field("jvm_version", m.jvmVersion);
        g.field("sampler", m.sampler);
        g.field("timeline_aggregated", m.timelineAggregated);
        g.field("dropped_samples", m.droppedSamples);
        // Optional: older readers ignore them; files without them read as 0 ("no limit known").
        g.field("memory_limit", m.memoryLimit);
        g.field("shallower_samples", m.shallowerSamples);
        g.field("async_mode", m.asyncMode);
        g.field("virtual_threads", m.virtualThreads);
        g.field("carrier_cpu_time", m.carrierCpuTime);
        g.field("carrier_wall_time", m.carrierWallTime);
        g.field("max_overhead", m.maxOverhead);
        g.field("stretched_interval", m.stretchedInterval);
        if (!m.startCallStack.isEmpty()) {
            // Optional, so files without it (agent sessions, older files) stay valid version 1 files.
            g.name("start_call_stack");
        g.startObject();
            g.field("thread_id", m.startThreadId);
            g.name("frames");
        g.startArray();
            for (StackTraceElement e : m.startCallStack) {
                g.startObject();
                g.field("class", e.getClassName());
                g.field("method", e.getMethodName());
                g.field("file", e.getFileName() == null ? "" : e.getFileName());
                g.field("line", e.getLineNumber());
                g.endObject();
            }
            g.endArray();
            g.endObject();
        }
        g.name("strings");
        g.startArray();
        for (String s : t.strings) {
            g.value(s);
        }
        g.endArray();
        g.name("frames");
        g.startObject();
        ints(g, "class", t.frameClass);
        ints(g, "method", t.frameMethod);
        ints(g, "file", t.frameFile);
        ints(g, "line", t.frameLine);
        ints(g, "location", t.frameLocation);
        ints(g, "library", t.frameLibrary);
        g.name("app");
        g.startArray();
        for (boolean b : t.frameApp) {
            g.value(b ? 1 : 0);
        }
        g.endArray();
        g.endObject();
        g.name("stacks");
        g.startObject();
        ints(g, "parent", t.stackParent);
        ints(g, "frame", t.stackFrame);
        g.endObject();
        g.name("threads");
        g.startObject();
        g.name("id");
        g.startArray();
        for (long id : t.threadId) {
            g.value(id);
        }
        g.endArray();
        g.name("name");
        g.startArray();
        for (String s : t.threadName) {
            g.value(s);
        }
        g.endArray();
        g.name("virtual");
        g.startArray();
        for (boolean b : t.threadVirtual) {
            g.value(b ? 1 : 0);
        }
        g.endArray();
        g.endObject();
        g.name("samples");
        g.startObject();
        longs(g, "start", t.runStart);
        longs(g, "weight", t.runWeight);
        ints(g, "thread", t.runThread);
        ints(g, "stack", t.runStack);
        g.name("state");
        g.startArray();
        for (byte b : t.runState) {
            g.value(b);
        }
        g.endArray();
        g.endObject();
        g.endObject();
    }

    private static void ints(JsonText g, String name, int[] values) throws IOException {
        g.array(name, values);
    }

    private static void longs(JsonText g, String name, long[] values) throws IOException {
        g.array(name, values);
    }

    static Session read(Path file) throws IOException {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = Reader.MAPPER.readTree(in);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such session file");
        } catch (JsonProcessingException e) {
            throw new SessionFormatException(file + " " + SessionProblems.unreadable(e, sizeOf(file)), e);
        }
        try {
            return fromTree(root);
        } catch (SessionFormatException e) {
            throw new SessionFormatException(file + " " + e.getMessage(), e);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    static Session fromJson(String json) throws SessionFormatException {
        try {
            return fromTree(Reader.MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new SessionFormatException("the text " + SessionProblems.unreadable(e, json.length()), e);
        } catch (SessionFormatException e) {
            throw new SessionFormatException("the text " + e.getMessage(), e);
        }
    }

    /** Reads a parsed session; a failure's message reads after the file's name ("is truncated", ...). */
    private static Session fromTree(JsonNode root) throws SessionFormatException {
        SessionProblems.checkHeader(root, FORMAT, Session.FORMAT_VERSION);
        try {
            return fromCheckedTree(root);
        } catch (SessionFormatException e) {
            throw new SessionFormatException(SessionProblems.damaged(e.getMessage()), e);
        }
    }

    private static Session fromCheckedTree(JsonNode root) throws SessionFormatException {
        SessionMetadata m = new SessionMetadata();
        m.startTimeMillis = Math.round(number(root, "start_time") * 1000);
        m.duration = nonNegative(root, "duration");
        m.sampleCount = (long) nonNegative(root, "sample_count");
        m.cpuTime = number(root, "cpu_time");
        m.interval = nonNegative(root, "interval");
        m.minInterval = nonNegative(root, "min_interval");
        m.maxInterval = nonNegative(root, "max_interval");
        m.targetDescription = root.path("target_description").asText("");
        m.pid = root.path("pid").asLong(-1);
        m.jvmVersion = root.path("jvm_version").asText("");
        m.sampler = root.path("sampler").asText("");
        m.timelineAggregated = root.path("timeline_aggregated").asBoolean(false);
        m.droppedSamples = root.path("dropped_samples").asLong(0);
        m.memoryLimit = Math.max(0, root.path("memory_limit").asLong(0));
        m.shallowerSamples = Math.max(0, root.path("shallower_samples").asLong(0));
        m.asyncMode = root.path("async_mode").asText(AsyncMode.ENABLED.option());
        try {
            AsyncMode.parse(m.asyncMode);
        } catch (IllegalArgumentException e) {
            throw new SessionFormatException("\"async_mode\": " + e.getMessage());
        }
        m.virtualThreads = root.path("virtual_threads").asInt(-1);
        m.carrierCpuTime = root.path("carrier_cpu_time").asDouble(-1);
        m.carrierWallTime = root.path("carrier_wall_time").asDouble(-1);
        m.maxOverhead = root.path("max_overhead").asDouble(0);
        m.stretchedInterval = root.path("stretched_interval").asDouble(0);
        readStartCallStack(root, m);

        JsonNode frames = object(root, "frames");
        JsonNode stacks = object(root, "stacks");
        JsonNode threads = object(root, "threads");
        JsonNode samples = object(root, "samples");
        JsonNode stringsNode = array(root, "strings");
        String[] strings = new String[stringsNode.size()];
        for (int i = 0; i < strings.length; i++) {
            JsonNode s = stringsNode.get(i);
            if (!s.isTextual()) {
                throw new SessionFormatException("strings[" + i + "] is not a string");
            }
            strings[i] = s.asText();
        }
        JsonNode names = array(threads, "name");
        String[] threadNames = new String[names.size()];
        for (int i = 0; i < threadNames.length; i++) {
            threadNames[i] = names.get(i).asText();
        }
        int[] stateInts = ints(samples, "state");
        byte[] states = new byte[stateInts.length];
        for (int i = 0; i < states.length; i++) {
            states[i] = (byte) stateInts[i];
        }
        SessionTables tables = new SessionTables(strings, ints(frames, "class"), ints(frames, "method"),
                ints(frames, "file"), ints(frames, "line"), ints(frames, "location"), ints(frames, "library"),
                bools(frames, "app"), ints(stacks, "parent"), ints(stacks, "frame"), longs(threads, "id"),
                threadNames, bools(threads, "virtual"), longs(samples, "start"), longs(samples, "weight"),
                ints(samples, "thread"), ints(samples, "stack"), states);
        try {
            tables.validate();
        } catch (IllegalArgumentException e) {
            throw new SessionFormatException(e.getMessage());
        }
        return new Session(m, tables);
    }

    private static void readStartCallStack(JsonNode root, SessionMetadata m) throws SessionFormatException {
        JsonNode start = root.get("start_call_stack");
        if (start == null || start.isNull()) {
            return;
        }
        if (!start.isObject()) {
            throw new SessionFormatException("\"start_call_stack\" must be an object");
        }
        JsonNode frames = array(start, "frames");
        List<StackTraceElement> stack = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            JsonNode f = frames.get(i);
            if (!f.isObject() || !f.path("class").isTextual() || !f.path("method").isTextual()) {
                throw new SessionFormatException("start_call_stack.frames[" + i + "] must have a class and a method");
            }
            String file = f.path("file").asText("");
            stack.add(new StackTraceElement(f.get("class").asText(), f.get("method").asText(),
                    file.isEmpty() ? null : file, f.path("line").asInt(-1)));
        }
        m.startThreadId = start.path("thread_id").asLong(-1);
        m.startCallStack = List.copyOf(stack);
    }

    private static double number(JsonNode parent, String field) throws SessionFormatException {
        JsonNode n = parent.get(field);
        if (n == null || !n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw new SessionFormatException("\"" + field + "\" must be a number");
        }
        return n.asDouble();
    }

    private static double nonNegative(JsonNode parent, String field) throws SessionFormatException {
        double v = number(parent, field);
        if (v < 0) {
            throw new SessionFormatException("\"" + field + "\" must not be negative");
        }
        return v;
    }

    private static JsonNode object(JsonNode parent, String field) throws SessionFormatException {
        JsonNode n = parent.get(field);
        if (n == null || !n.isObject()) {
            throw new SessionFormatException("\"" + field + "\" must be an object");
        }
        return n;
    }

    private static JsonNode array(JsonNode parent, String field) throws SessionFormatException {
        JsonNode n = parent.get(field);
        if (n == null || !n.isArray()) {
            throw new SessionFormatException("\"" + field + "\" must be an array");
        }
        return n;
    }

    private static int[] ints(JsonNode parent, String field) throws SessionFormatException {
        JsonNode a = array(parent, field);
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode n = a.get(i);
            if (!n.canConvertToInt() || !n.isIntegralNumber()) {
                throw new SessionFormatException("\"" + field + "\"[" + i + "] must be an integer");
            }
            out[i] = n.asInt();
        }
        return out;
    }

    private static long[] longs(JsonNode parent, String field) throws SessionFormatException {
        JsonNode a = array(parent, field);
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode n = a.get(i);
            if (!n.canConvertToLong() || !n.isIntegralNumber()) {
                throw new SessionFormatException("\"" + field + "\"[" + i + "] must be an integer");
            }
            out[i] = n.asLong();
        }
        return out;
    }

    private static boolean[] bools(JsonNode parent, String field) throws SessionFormatException {
        int[] values = ints(parent, field);
        boolean[] out = new boolean[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i] != 0;
        }
        return out;
    }
}

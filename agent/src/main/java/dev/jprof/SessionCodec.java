package dev.jprof;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
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
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE)
                    .maxNestingDepth(64).build())
            .build();

    /**
     * Reading only: a JVM that just saves its session at exit (the agent's {@code outfile=x.jprof}) would
     * otherwise load ~300 databind classes it never uses, ~0.3 s of a hello world's exit.
     */
    private static final class Reader {
        static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);
    }

    private SessionCodec() {
    }

    static void write(Session session, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); JsonGenerator g = FACTORY.createGenerator(out)) {
            write(session, g);
        }
    }

    static String toJson(Session session) {
        StringWriter w = new StringWriter();
        try (Writer writer = w; JsonGenerator g = FACTORY.createGenerator(writer)) {
            write(session, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void write(Session session, JsonGenerator g) throws IOException {
        SessionMetadata m = session.metadata();
        SessionTables t = session.tables();
        g.writeStartObject();
        g.writeStringField("format", FORMAT);
        g.writeNumberField("version", Session.FORMAT_VERSION);
        g.writeNumberField("start_time", m.startTimeMillis / 1000.0);
        g.writeNumberField("duration", m.duration);
        g.writeNumberField("sample_count", m.sampleCount);
        g.writeNumberField("cpu_time", m.cpuTime);
        g.writeNumberField("interval", m.interval);
        g.writeNumberField("min_interval", m.minInterval);
        g.writeNumberField("max_interval", m.maxInterval);
        g.writeStringField("target_description", m.targetDescription);
        g.writeNumberField("pid", m.pid);
        g.writeStringField("jvm_version", m.jvmVersion);
        g.writeStringField("sampler", m.sampler);
        g.writeBooleanField("timeline_aggregated", m.timelineAggregated);
        g.writeNumberField("dropped_samples", m.droppedSamples);
        // Optional: older readers ignore them; files without them read as 0 ("no limit known").
        g.writeNumberField("memory_limit", m.memoryLimit);
        g.writeNumberField("shallower_samples", m.shallowerSamples);
        g.writeStringField("async_mode", m.asyncMode);
        g.writeNumberField("virtual_threads", m.virtualThreads);
        g.writeNumberField("carrier_cpu_time", m.carrierCpuTime);
        g.writeNumberField("carrier_wall_time", m.carrierWallTime);
        g.writeNumberField("max_overhead", m.maxOverhead);
        g.writeNumberField("stretched_interval", m.stretchedInterval);
        if (!m.startCallStack.isEmpty()) {
            // Optional, so files without it (agent sessions, older files) stay valid version 1 files.
            g.writeObjectFieldStart("start_call_stack");
            g.writeNumberField("thread_id", m.startThreadId);
            g.writeArrayFieldStart("frames");
            for (StackTraceElement e : m.startCallStack) {
                g.writeStartObject();
                g.writeStringField("class", e.getClassName());
                g.writeStringField("method", e.getMethodName());
                g.writeStringField("file", e.getFileName() == null ? "" : e.getFileName());
                g.writeNumberField("line", e.getLineNumber());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeArrayFieldStart("strings");
        for (String s : t.strings) {
            g.writeString(s);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("frames");
        ints(g, "class", t.frameClass);
        ints(g, "method", t.frameMethod);
        ints(g, "file", t.frameFile);
        ints(g, "line", t.frameLine);
        ints(g, "location", t.frameLocation);
        ints(g, "library", t.frameLibrary);
        g.writeArrayFieldStart("app");
        for (boolean b : t.frameApp) {
            g.writeNumber(b ? 1 : 0);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("stacks");
        ints(g, "parent", t.stackParent);
        ints(g, "frame", t.stackFrame);
        g.writeEndObject();
        g.writeObjectFieldStart("threads");
        g.writeArrayFieldStart("id");
        for (long id : t.threadId) {
            g.writeNumber(id);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("name");
        for (String s : t.threadName) {
            g.writeString(s);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("virtual");
        for (boolean b : t.threadVirtual) {
            g.writeNumber(b ? 1 : 0);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("samples");
        longs(g, "start", t.runStart);
        longs(g, "weight", t.runWeight);
        ints(g, "thread", t.runThread);
        ints(g, "stack", t.runStack);
        g.writeArrayFieldStart("state");
        for (byte b : t.runState) {
            g.writeNumber(b);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void ints(JsonGenerator g, String name, int[] values) throws IOException {
        g.writeFieldName(name);
        g.writeArray(values, 0, values.length);
    }

    private static void longs(JsonGenerator g, String name, long[] values) throws IOException {
        g.writeFieldName(name);
        g.writeArray(values, 0, values.length);
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

package dev.jprof.renderers;

import com.google.protobuf.CodedOutputStream;
import dev.jprof.tree.Frame;
import dev.jprof.Session;
import dev.jprof.Version;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one processed frame tree as a gzipped pprof {@code Profile} message, field by field with
 * protobuf's {@link CodedOutputStream} (no generated classes: the schema is small and stable). Field
 * numbers are those of {@code github.com/google/pprof/proto/profile.proto}. Deterministic: ids follow
 * the tree's order and the gzip header carries no time.
 */
final class PprofEncoder {
    // Profile
    private static final int SAMPLE_TYPE = 1;
    private static final int SAMPLE = 2;
    private static final int MAPPING = 3;
    private static final int LOCATION = 4;
    private static final int FUNCTION = 5;
    private static final int STRING_TABLE = 6;
    private static final int TIME_NANOS = 9;
    private static final int DURATION_NANOS = 10;
    private static final int PERIOD_TYPE = 11;
    private static final int PERIOD = 12;
    private static final int COMMENT = 13;
    private static final int DEFAULT_SAMPLE_TYPE = 14;
    /** The one mapping every location points at: jprof symbolises everything itself. */
    private static final long MAPPING_ID = 1;

    private final Session session;
    private final long periodNanos;
    private final Map<String, Long> strings = new LinkedHashMap<>();
    private final Map<String, Long> functions = new LinkedHashMap<>();
    private final Map<Long, Long> locations = new LinkedHashMap<>();
    private final Map<SampleKey, long[]> samples = new LinkedHashMap<>();

    PprofEncoder(Session session) {
        this.session = session;
        this.periodNanos = Math.max(1, Math.round(session.interval() * 1e9));
        strings.put("", 0L); // string_table[0] must be ""
    }

    byte[] encode(Frame root) {
        OwnTimeStacks.walk(root, (thread, stack, depth, state, seconds) -> {
            long[] leafFirst = new long[depth];
            for (int i = 0; i < depth; i++) {
                leafFirst[depth - 1 - i] = locationOf(stack[i]);
            }
            addSample(leafFirst, OwnTimeStacks.threadName(thread), state, seconds);
        });
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
                CodedOutputStream out = CodedOutputStream.newInstance(gz);
                writeProfile(out);
                out.flush();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
    }

    private void addSample(long[] leafFirst, String thread, String state, double seconds) {
        long nanos = Math.round(seconds * 1e9);
        long[] values = samples.computeIfAbsent(new SampleKey(leafFirst, thread, state), k -> new long[2]);
        // jprof keeps wall time, not tick counts: a stretch counts as its time in intervals, at least one.
        values[0] += Math.max(1, Math.round(nanos / (double) periodNanos));
        values[1] += nanos;
    }

    private long stringId(String s) {
        return strings.computeIfAbsent(s, k -> (long) strings.size());
    }

    /** A location per (function, line); a function per (name, file). Ids start at 1. */
    private long locationOf(Frame frame) {
        String name = OwnTimeStacks.frameName(frame);
        String file = frame.kind() == Frame.Kind.METHOD ? file(frame) : "";
        Long function = functions.get(name + '\n' + file);
        if (function == null) {
            function = (long) functions.size() + 1;
            functions.put(name + '\n' + file, function);
            stringId(name);
            stringId(file);
        }
        long line = frame.kind() == Frame.Kind.METHOD ? Math.max(0, frame.line()) : 0;
        long key = function << 20 | line & 0xFFFFF;
        Long id = locations.get(key);
        if (id == null) {
            id = (long) locations.size() + 1;
            locations.put(key, id);
        }
        return id;
    }

    private static String file(Frame f) {
        return f.location().path().isEmpty() ? f.fileName() : f.location().path();
    }

    private void writeProfile(CodedOutputStream out) throws IOException {
        writeMessage(out, SAMPLE_TYPE, m -> writeValueType(m, stringId("samples"), stringId("count")));
        writeMessage(out, SAMPLE_TYPE, m -> writeValueType(m, stringId("wall"), stringId("nanoseconds")));
        long threadKey = stringId("thread");
        long stateKey = stringId("state");
        for (Map.Entry<SampleKey, long[]> e : samples.entrySet()) {
            SampleKey k = e.getKey();
            long[] values = e.getValue();
            long threadValue = stringId(k.thread);
            long stateValue = stringId(k.state);
            writeMessage(out, SAMPLE, m -> {
                writePacked(m, 1, k.locations);
                writePacked(m, 2, values);
                writeMessage(m, 3, l -> {
                    l.writeInt64(1, threadKey);
                    l.writeInt64(2, threadValue);
                });
                writeMessage(m, 3, l -> {
                    l.writeInt64(1, stateKey);
                    l.writeInt64(2, stateValue);
                });
            });
        }
        long mappingFile = stringId("jprof");
        writeMessage(out, MAPPING, m -> {
            m.writeUInt64(1, MAPPING_ID);
            m.writeInt64(5, mappingFile);
            m.writeBool(7, true); // has_functions
            m.writeBool(8, true); // has_filenames
            m.writeBool(9, true); // has_line_numbers
        });
        for (Map.Entry<Long, Long> e : locations.entrySet()) {
            long function = e.getKey() >>> 20;
            long line = e.getKey() & 0xFFFFF;
            long id = e.getValue();
            writeMessage(out, LOCATION, m -> {
                m.writeUInt64(1, id);
                m.writeUInt64(2, MAPPING_ID);
                writeMessage(m, 4, l -> {
                    l.writeUInt64(1, function);
                    if (line > 0) {
                        l.writeInt64(2, line);
                    }
                });
            });
        }
        long id = 0;
        for (String key : functions.keySet()) {
            long fid = ++id;
            int cut = key.indexOf('\n');
            long name = stringId(key.substring(0, cut));
            long file = stringId(key.substring(cut + 1));
            writeMessage(out, FUNCTION, m -> {
                m.writeUInt64(1, fid);
                m.writeInt64(2, name);
                m.writeInt64(3, name);
                m.writeInt64(4, file);
            });
        }
        long comment = stringId("jprof " + Version.VERSION + (session.targetDescription().isEmpty() ? ""
                : ": " + session.targetDescription()));
        out.writeInt64(TIME_NANOS, session.startTime().toEpochMilli() * 1_000_000L);
        out.writeInt64(DURATION_NANOS, Math.round(session.duration() * 1e9));
        writeMessage(out, PERIOD_TYPE, m -> writeValueType(m, stringId("wall"), stringId("nanoseconds")));
        out.writeInt64(PERIOD, periodNanos);
        out.writeInt64(COMMENT, comment);
        out.writeInt64(DEFAULT_SAMPLE_TYPE, stringId("wall"));
        // Last: every string above is interned by now.
        for (String s : strings.keySet()) {
            out.writeString(STRING_TABLE, s);
        }
    }

    private static void writeValueType(CodedOutputStream m, long type, long unit) throws IOException {
        m.writeInt64(1, type);
        m.writeInt64(2, unit);
    }

    private static void writePacked(CodedOutputStream m, int field, long[] values) throws IOException {
        int size = 0;
        for (long v : values) {
            size += CodedOutputStream.computeInt64SizeNoTag(v);
        }
        m.writeTag(field, 2); // WIRETYPE_LENGTH_DELIMITED
        m.writeUInt32NoTag(size);
        for (long v : values) {
            m.writeInt64NoTag(v);
        }
    }

    /** Writes a nested message: encoded apart first, since its length precedes it. */
    private static void writeMessage(CodedOutputStream out, int field, MessageBody body) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(64);
        CodedOutputStream m = CodedOutputStream.newInstance(buffer, 64);
        body.write(m);
        m.flush();
        out.writeByteArray(field, buffer.toByteArray());
    }

    @FunctionalInterface
    private interface MessageBody {
        void write(CodedOutputStream m) throws IOException;
    }

    /** One pprof sample: a leaf-first stack of location ids on one thread in one state. */
    private static final class SampleKey {
        final long[] locations;
        final String thread;
        final String state;
        private final int hash;

        SampleKey(long[] locations, String thread, String state) {
            this.locations = locations;
            this.thread = thread;
            this.state = state;
            this.hash = (Arrays.hashCode(locations) * 31 + thread.hashCode()) * 31 + state.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof SampleKey)) {
                return false;
            }
            SampleKey k = (SampleKey) o;
            return Arrays.equals(locations, k.locations) && thread.equals(k.thread) && state.equals(k.state);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}

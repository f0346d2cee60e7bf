package dev.jprof.renderers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.jprof.Session;
import dev.jprof.Version;
import dev.jprof.sampling.ThreadState;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The data block of the HTML page: the session's frame and stack tables, per (thread, stack) totals
 * for the call tree and flame graph (exact, every sample counted), and the timeline, resampled to at most
 * {@link #maxTimelineEntries} entries so that a long recording stays a small file. Times are integer
 * microseconds. Field by field:
 * <ul>
 *   <li>{@code meta}: the session's metadata; {@code options}: the initial view options</li>
 *   <li>{@code strings}, {@code frames} (class, method, file, line, location, library, app: string indices),
 *       {@code stacks} (parent, frame: a trie, row 0 the empty stack), {@code threads} (id, name, virtual)</li>
 *   <li>{@code totals}: columns thread, stack, weight — the summed weight of each distinct pair — and idle,
 *       the part of it spent parked, sleeping or waiting (the display threshold tells work from waiting)</li>
 *   <li>{@code timeline}: columns thread, stack, state, gap (start minus the end of the thread's previous
 *       entry), weight; plus {@code resampled}, {@code bucket} and {@code source_runs}</li>
 * </ul>
 */
final class HtmlData {
    /** Timeline entries kept before resampling: about 4 MB of JSON at most. */
    static final int DEFAULT_MAX_TIMELINE_ENTRIES = 150_000;

    private static final JsonFactory FACTORY = new JsonFactory();

    private final int maxTimelineEntries;

    HtmlData(int maxTimelineEntries) {
        this.maxTimelineEntries = Math.max(1, maxTimelineEntries);
    }

    /** The JSON, safe to place inside a {@code <script>} element. */
    String toJson(Session session, HtmlViewOptions options) {
        HtmlSessionReader s = HtmlSessionReader.read(session);
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("format", "jprof-html");
            g.writeNumberField("version", 1);
            writeMeta(g, s);
            options.write(g);
            g.writeFieldName("strings");
            g.writeArray(s.strings("strings"), 0, s.strings("strings").length);
            table(g, s, "frames", "class", "method", "file", "line", "location", "library", "app");
            table(g, s, "stacks", "parent", "frame");
            g.writeObjectFieldStart("threads");
            column(g, "id", s.longs("threads.id"));
            g.writeFieldName("name");
            g.writeArray(s.strings("threads.name"), 0, s.strings("threads.name").length);
            column(g, "virtual", s.longs("threads.virtual"));
            g.writeEndObject();
            writeTotals(g, s);
            new HtmlTimeline(s, maxTimelineEntries).write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return scriptSafe(out.toString());
    }

    private static void writeMeta(JsonGenerator g, HtmlSessionReader s) throws IOException {
        g.writeObjectFieldStart("meta");
        for (String key : new String[] {"start_time", "duration", "sample_count", "cpu_time", "interval",
                "min_interval", "max_interval", "target_description", "pid", "jvm_version", "sampler",
                "timeline_aggregated", "dropped_samples", "memory_limit", "shallower_samples"}) {
            Object v = s.meta.get(key);
            if (v != null) {
                g.writeFieldName(key);
                g.writeObject(v);
            }
        }
        g.writeStringField("jprof_version", Version.VERSION);
        g.writeEndObject();
    }

    private static void table(JsonGenerator g, HtmlSessionReader s, String table, String... names) throws IOException {
        g.writeObjectFieldStart(table);
        for (String name : names) {
            column(g, name, s.longs(table + "." + name));
        }
        g.writeEndObject();
    }

    static void column(JsonGenerator g, String name, long[] values) throws IOException {
        g.writeFieldName(name);
        g.writeArray(values, 0, values.length);
    }

    private static void writeTotals(JsonGenerator g, HtmlSessionReader s) throws IOException {
        long[] thread = s.longs("samples.thread");
        long[] stack = s.longs("samples.stack");
        long[] weight = s.longs("samples.weight");
        long[] state = s.longs("samples.state");
        Map<Long, Integer> index = new HashMap<>();
        long[] pairThread = new long[16];
        long[] pairStack = new long[16];
        long[] pairNanos = new long[16];
        long[] pairIdle = new long[16];
        int n = 0;
        for (int r = 0; r < weight.length; r++) {
            long key = (thread[r] << 32) | stack[r];
            Integer i = index.get(key);
            if (i == null) {
                if (n == pairThread.length) {
                    pairThread = Arrays.copyOf(pairThread, n * 2);
                    pairStack = Arrays.copyOf(pairStack, n * 2);
                    pairNanos = Arrays.copyOf(pairNanos, n * 2);
                    pairIdle = Arrays.copyOf(pairIdle, n * 2);
                }
                i = n++;
                index.put(key, i);
                pairThread[i] = thread[r];
                pairStack[i] = stack[r];
            }
            pairNanos[i] += weight[r];
            if (state[r] == ThreadState.WAITING || state[r] == ThreadState.TIMED_WAITING || state[r] == ThreadState.READY) {
                pairIdle[i] += weight[r];
            }
        }
        long[] micros = new long[n];
        long[] idleMicros = new long[n];
        for (int i = 0; i < n; i++) {
            micros[i] = Math.max(1, Math.round(pairNanos[i] / 1000.0));
            idleMicros[i] = Math.min(micros[i], Math.round(pairIdle[i] / 1000.0));
        }
        g.writeObjectFieldStart("totals");
        column(g, "thread", Arrays.copyOf(pairThread, n));
        column(g, "stack", Arrays.copyOf(pairStack, n));
        column(g, "weight", micros);
        column(g, "idle", idleMicros);
        g.writeEndObject();
    }

    /**
     * Escapes what could end the script element or break JavaScript parsing. These characters can only
     * occur inside JSON strings, where a unicode escape means the same.
     */
    static String scriptSafe(String json) {
        StringBuilder out = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<': out.append("\\u003c"); break;
                case '>': out.append("\\u003e"); break;
                case '&': out.append("\\u0026"); break;
                case '\u2028': out.append("\\u2028"); break;
                case '\u2029': out.append("\\u2029"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }
}

package dev.jprof.renderers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.jprof.SampleTable;
import dev.jprof.Session;
import dev.jprof.tree.ThreadArrangement;
import dev.jprof.Version;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The data block of the HTML page. The call tree arrives classified by the same code as the text
 * report's ({@link HtmlTree}); the page only applies the view options. The raw samples go along for the
 * timeline, resampled to at most {@link #maxTimelineEntries} entries so that a long recording stays a
 * small file. Times are integer microseconds, except the tree's (nanoseconds, so sums stay exact).
 * Field by field:
 * <ul>
 *   <li>{@code meta}: the session's metadata, with {@code threads} as the text header says it;
 *       {@code options}: the initial view options</li>
 *   <li>{@code strings}: every name, referred to by index from the tables below</li>
 *   <li>{@code tree}: see {@link HtmlTree}</li>
 *   <li>{@code frames} (class, method, file, line, app), {@code stacks} (parent, frame: a trie, row 0 the
 *       empty stack), {@code threads} (name, virtual): what the timeline draws and its tooltip names</li>
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
        SampleTable s = session.samples();
        HtmlStrings strings = new HtmlStrings();
        // Every thread, as show_all arranges them: the page leaves out service threads and folds idle ones itself,
        // so that its show-all toggle brings them back as show_all does in the text report.
        HtmlTree tree = new HtmlTree(ThreadArrangement.arrange(session.aggregatedRootFrame(), true,
                options.splitPools(), true), strings);
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("format", "jprof-html");
            g.writeNumberField("version", 2);
            writeMeta(g, session);
            options.write(g);
            tree.write(g);
            writeSamples(g, s, strings);
            new HtmlTimeline(s, maxTimelineEntries).write(g);
            String[] table = strings.toArray();
            g.writeFieldName("strings");
            g.writeArray(table, 0, table.length);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return scriptSafe(out.toString());
    }

    private static void writeMeta(JsonGenerator g, Session s) throws IOException {
        g.writeObjectFieldStart("meta");
        g.writeNumberField("start_time", s.startTime().toEpochMilli() / 1000.0);
        g.writeNumberField("duration", s.duration());
        g.writeNumberField("sample_count", s.sampleCount());
        g.writeNumberField("cpu_time", s.cpuTime());
        g.writeNumberField("interval", s.interval());
        g.writeNumberField("min_interval", s.minInterval());
        g.writeNumberField("max_interval", s.maxInterval());
        g.writeStringField("target_description", s.targetDescription());
        g.writeNumberField("pid", s.pid());
        g.writeStringField("jvm_version", s.jvmVersion());
        g.writeStringField("sampler", s.sampler());
        g.writeStringField("threads", Text.threads(s));
        g.writeBooleanField("timeline_aggregated", s.timelineAggregated());
        g.writeNumberField("dropped_samples", s.droppedSamples());
        g.writeNumberField("memory_limit", s.memoryLimit());
        g.writeNumberField("shallower_samples", s.shallowerSamples());
        g.writeStringField("memory_notice", s.memoryNotice());
        g.writeStringField("jprof_version", Version.VERSION);
        g.writeEndObject();
    }

    private static void writeSamples(JsonGenerator g, SampleTable s, HtmlStrings strings) throws IOException {
        int frames = s.frameCount();
        long[] cls = new long[frames];
        long[] method = new long[frames];
        long[] file = new long[frames];
        long[] line = new long[frames];
        long[] app = new long[frames];
        for (int f = 0; f < frames; f++) {
            cls[f] = strings.index(s.frameClass(f));
            method[f] = strings.index(s.frameMethod(f));
            file[f] = strings.index(s.frameFile(f));
            line[f] = s.frameLine(f);
            app[f] = s.frameIsApplicationCode(f) ? 1 : 0;
        }
        g.writeObjectFieldStart("frames");
        column(g, "class", cls);
        column(g, "method", method);
        column(g, "file", file);
        column(g, "line", line);
        column(g, "app", app);
        g.writeEndObject();
        int stacks = s.stackCount();
        long[] parent = new long[stacks];
        long[] frame = new long[stacks];
        for (int st = 1; st < stacks; st++) {
            parent[st] = s.stackParent(st);
            frame[st] = s.stackFrame(st);
        }
        g.writeObjectFieldStart("stacks");
        column(g, "parent", parent);
        column(g, "frame", frame);
        g.writeEndObject();
        int threads = s.threadCount();
        String[] name = new String[threads];
        long[] virtual = new long[threads];
        for (int t = 0; t < threads; t++) {
            name[t] = s.threadName(t);
            virtual[t] = s.threadIsVirtual(t) ? 1 : 0;
        }
        g.writeObjectFieldStart("threads");
        g.writeFieldName("name");
        g.writeArray(name, 0, threads);
        column(g, "virtual", virtual);
        g.writeEndObject();
    }

    static void column(JsonGenerator g, String name, long[] values) throws IOException {
        g.writeFieldName(name);
        g.writeArray(values, 0, values.length);
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

package dev.jprof.renderers;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.jprof.tree.Frame;
import dev.jprof.tree.FrameGroup;
import dev.jprof.tree.ProcessorOptions;
import dev.jprof.Session;
import dev.jprof.Version;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The processed call tree as JSON, in pyinstrument's shape adapted to the JVM: session metadata and a
 * nested {@code root_frame}. Every field is documented in {@code docs/json-format.md}; the shape is
 * versioned by {@link #FORMAT_VERSION}.
 */
public class JsonRenderer extends FrameRenderer {
    /** Identifies the document type in its {@code format} field. */
    public static final String FORMAT = "jprof-json";
    /** Bumped only when a field changes meaning or disappears; new fields may appear without a bump. */
    public static final int FORMAT_VERSION = 1;

    /** Library frames hidden in groups, default processors, aggregated. */
    public JsonRenderer() {
        this(false, false, null);
    }

    /** @see FrameRenderer#FrameRenderer(boolean, boolean, ProcessorOptions) */
    public JsonRenderer(boolean showAll, boolean timeline, ProcessorOptions processorOptions) {
        super(showAll, timeline, processorOptions);
    }

    @Override
    public String outputFileExtension() {
        return ".json";
    }

    @Override
    protected String renderFrame(Frame root, Session session) {
        return JsonOutput.write(g -> {
            g.writeStartObject();
            writeMetadata(g, session);
            g.writeFieldName("root_frame");
            Map<FrameGroup, Boolean> groups = new LinkedHashMap<>();
            if (root == null) {
                g.writeNull();
            } else {
                Map<Frame, Double> awaitTimes = new IdentityHashMap<>();
                awaitTime(root, awaitTimes);
                writeFrame(g, root, awaitTimes, groups);
            }
            writeGroups(g, groups);
            g.writeEndObject();
        });
    }

    private void writeMetadata(JsonGenerator g, Session s) throws IOException {
        g.writeStringField("format", FORMAT);
        g.writeNumberField("format_version", FORMAT_VERSION);
        g.writeStringField("jprof_version", Version.VERSION);
        g.writeNumberField("start_time", s.startTime().toEpochMilli() / 1000.0);
        g.writeStringField("start_time_iso", s.startTime().toString());
        JsonOutput.number(g, "duration", s.duration());
        g.writeNumberField("sample_count", s.sampleCount());
        JsonOutput.number(g, "cpu_time", s.cpuTime() < 0 ? Double.NaN : s.cpuTime());
        JsonOutput.number(g, "interval", s.interval());
        JsonOutput.number(g, "min_interval", s.minInterval());
        JsonOutput.number(g, "max_interval", s.maxInterval());
        g.writeStringField("target_description", s.targetDescription());
        g.writeNumberField("pid", s.pid());
        g.writeStringField("jvm_version", s.jvmVersion());
        g.writeStringField("sampler", s.sampler());
        g.writeBooleanField("timeline_aggregated", s.timelineAggregated());
        g.writeNumberField("dropped_samples", s.droppedSamples());
        g.writeNumberField("memory_limit", s.memoryLimit());
        g.writeNumberField("shallower_samples", s.shallowerSamples());
        g.writeStringField("memory_notice", s.memoryNotice());
        g.writeArrayFieldStart("threads");
        for (String name : s.threadNames()) {
            g.writeString(name);
        }
        g.writeEndArray();
        g.writeBooleanField("show_all", showAll());
        g.writeBooleanField("timeline", timeline());
    }

    private static double awaitTime(Frame frame, Map<Frame, Double> out) {
        double t;
        if (Frame.AWAIT.equals(frame.identifier())) {
            t = frame.time();
        } else {
            t = 0;
            for (Frame child : frame.children()) {
                t += awaitTime(child, out);
            }
        }
        out.put(frame, t);
        return t;
    }

    private void writeFrame(JsonGenerator g, Frame f, Map<Frame, Double> awaitTimes, Map<FrameGroup, Boolean> groups)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("identifier", f.identifier());
        g.writeStringField("kind", f.kind().name().toLowerCase(java.util.Locale.ROOT));
        g.writeStringField("function", f.methodName());
        g.writeStringField("class", f.className());
        g.writeStringField("file", f.fileName());
        g.writeNumberField("line", f.line());
        g.writeStringField("file_path", f.location().path());
        g.writeStringField("library", f.kind() == Frame.Kind.METHOD ? f.location().library() : "");
        JsonOutput.number(g, "time", f.time());
        JsonOutput.number(g, "self_time", f.selfTime());
        JsonOutput.number(g, "absorbed_time", f.absorbedTime());
        JsonOutput.number(g, "await_time", awaitTimes.getOrDefault(f, 0.0));
        g.writeBooleanField("is_application_code", f.isApplicationCode());
        FrameGroup group = f.group();
        g.writeFieldName("group_id");
        if (group == null) {
            g.writeNull();
        } else {
            groups.put(group, Boolean.TRUE);
            g.writeNumber(group.id());
        }
        g.writeBooleanField("is_group_root", group != null && group.root() == f);
        if (f.kind() == Frame.Kind.THREAD) {
            writeThread(g, f);
        }
        g.writeArrayFieldStart("children");
        for (Frame child : f.children()) {
            writeFrame(g, child, awaitTimes, groups);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeThread(JsonGenerator g, Frame f) throws IOException {
        g.writeObjectFieldStart("thread");
        g.writeStringField("name", f.methodName());
        String id = f.identifier().substring(f.identifier().lastIndexOf('\0') + 1);
        try {
            g.writeNumberField("id", Long.parseLong(id));
        } catch (NumberFormatException e) {
            g.writeNullField("id");
        }
        Object virtual = f.attributes().get("virtual");
        g.writeBooleanField("virtual", Boolean.TRUE.equals(virtual));
        g.writeNumberField("pool_threads", f.poolThreads());
        g.writeObjectFieldStart("states");
        Object states = f.attributes().get("thread_states");
        if (states instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) states).entrySet()) {
                if (e.getValue() instanceof Number) {
                    JsonOutput.number(g, String.valueOf(e.getKey()), ((Number) e.getValue()).doubleValue());
                }
            }
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeGroups(JsonGenerator g, Map<FrameGroup, Boolean> groups) throws IOException {
        g.writeArrayFieldStart("groups");
        for (FrameGroup group : groups.keySet()) {
            g.writeStartObject();
            g.writeNumberField("id", group.id());
            g.writeStringField("root_identifier", group.root().identifier());
            g.writeNumberField("frame_count", group.frames().size());
            g.writeArrayFieldStart("libraries");
            for (String library : group.libraries()) {
                g.writeString(library);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}

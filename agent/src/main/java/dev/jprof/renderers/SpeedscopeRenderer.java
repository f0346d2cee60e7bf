package dev.jprof.renderers;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.jprof.tree.Frame;
import dev.jprof.tree.Processor;
import dev.jprof.tree.ProcessorOptions;
import dev.jprof.tree.Processors;
import dev.jprof.Session;
import dev.jprof.Version;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * speedscope's file format ({@code https://www.speedscope.app/file-format-schema.json}): one
 * {@code sampled} profile per thread, in time order, weights in seconds, and a shared frame table.
 * speedscope aggregates and zooms on its own, so by default only JVM plumbing (class loading, reflection,
 * lambda forms) is removed: calls are not aggregated and no frame is dropped for being small.
 */
public class SpeedscopeRenderer extends FrameRenderer {
    /** The schema URL every speedscope file names. */
    public static final String SCHEMA = "https://www.speedscope.app/file-format-schema.json";

    public SpeedscopeRenderer() {
        this(false, false, null);
    }

    /** @see FrameRenderer#FrameRenderer(boolean, boolean, ProcessorOptions) */
    public SpeedscopeRenderer(boolean showAll, boolean timeline, ProcessorOptions processorOptions) {
        super(showAll, timeline, processorOptions);
    }

    @Override
    public List<Processor> defaultProcessors() {
        return List.of(Processors.REMOVE_IMPORTLIB, Processors.REMOVE_REFLECTION, Processors.MERGE_CONSECUTIVE_SELF_TIME);
    }

    @Override
    public String outputFileExtension() {
        return ".speedscope.json";
    }

    @Override
    protected String renderFrame(Frame root, Session session) {
        List<Frame> threads = new ArrayList<>();
        if (root != null) {
            if (root.kind() == Frame.Kind.ROOT) {
                threads.addAll(root.children());
            } else {
                threads.add(root);
            }
        }
        int active = 0;
        for (int i = 1; i < threads.size(); i++) {
            if (threads.get(i).time() > threads.get(active).time()) {
                active = i;
            }
        }
        int activeIndex = active;
        FrameTable table = new FrameTable();
        return JsonOutput.write(g -> {
            g.writeStartObject();
            g.writeStringField("$schema", SCHEMA);
            g.writeStringField("exporter", "jprof@" + Version.VERSION);
            String target = session.targetDescription();
            g.writeStringField("name", target.isEmpty() ? "jprof profile" : "jprof: " + target);
            g.writeNumberField("activeProfileIndex", activeIndex);
            // Profiles first, frames after: the frame table is complete only once every stack was walked,
            // and streaming the samples keeps memory proportional to the tree, not to samples x depth.
            g.writeArrayFieldStart("profiles");
            for (Frame thread : threads) {
                writeProfile(g, thread, table);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("shared");
            g.writeArrayFieldStart("frames");
            table.write(g);
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static void writeProfile(JsonGenerator g, Frame thread, FrameTable table) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "sampled");
        g.writeStringField("name", thread.kind() == Frame.Kind.THREAD ? thread.methodName() : thread.displayName());
        g.writeStringField("unit", "seconds");
        g.writeNumberField("startValue", 0);
        Weights weights = new Weights();
        g.writeArrayFieldStart("samples");
        int[] stack = new int[64];
        for (Frame child : thread.children()) {
            stack = walk(g, child, 0, stack, table, weights);
        }
        if (thread.absorbedTime() > 0) {
            // Time folded into the thread frame itself has no method: speedscope shows it as the thread.
            stack[0] = table.idOf(thread);
            writeSample(g, stack, 1);
            weights.add(thread.absorbedTime());
        }
        g.writeEndArray();
        double total = 0;
        g.writeArrayFieldStart("weights");
        for (int i = 0; i < weights.size; i++) {
            g.writeNumber(weights.values[i]);
            total += weights.values[i];
        }
        g.writeEndArray();
        g.writeNumberField("endValue", total);
        g.writeEndObject();
    }

    /** Emits one sample per stretch of own time, in tree (= time) order; returns the possibly grown stack. */
    private static int[] walk(JsonGenerator g, Frame frame, int depth, int[] stack, FrameTable table, Weights weights)
            throws IOException {
        if (Frame.SELF_TIME.equals(frame.identifier())) {
            // [self] is the parent's own time: the sample is the parent's stack.
            if (depth > 0 && frame.time() > 0) {
                writeSample(g, stack, depth);
                weights.add(frame.time());
            }
            return stack;
        }
        if (depth == stack.length) {
            stack = java.util.Arrays.copyOf(stack, depth * 2);
        }
        stack[depth] = table.idOf(frame);
        if (frame.absorbedTime() > 0) {
            writeSample(g, stack, depth + 1);
            weights.add(frame.absorbedTime());
        }
        for (Frame child : frame.children()) {
            stack = walk(g, child, depth + 1, stack, table, weights);
        }
        return stack;
    }

    private static void writeSample(JsonGenerator g, int[] stack, int depth) throws IOException {
        g.writeArray(stack, 0, depth);
    }

    /** A growable array of sample weights: one per sample, so no boxing. */
    private static final class Weights {
        double[] values = new double[256];
        int size;

        void add(double value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }
    }

    /** speedscope's shared frames: one entry per method (class, method, file), first-seen line. */
    private static final class FrameTable {
        private final Map<String, Integer> ids = new HashMap<>();
        private final List<Frame> frames = new ArrayList<>();

        int idOf(Frame frame) {
            return ids.computeIfAbsent(frame.identifier(), k -> {
                frames.add(frame);
                return frames.size() - 1;
            });
        }

        void write(JsonGenerator g) throws IOException {
            for (Frame f : frames) {
                g.writeStartObject();
                g.writeStringField("name", OwnTimeStacks.frameName(f));
                if (f.kind() == Frame.Kind.METHOD) {
                    String file = f.location().path().isEmpty() ? f.fileName() : f.location().path();
                    if (!file.isEmpty()) {
                        g.writeStringField("file", file);
                    }
                    if (f.line() > 0) {
                        g.writeNumberField("line", f.line());
                    }
                }
                g.writeEndObject();
            }
        }
    }

    /** An export for other tools keeps every thread as recorded. */
    @Override
    protected boolean arrangesThreads() {
        return false;
    }
}

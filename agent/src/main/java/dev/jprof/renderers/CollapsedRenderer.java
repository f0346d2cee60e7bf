package dev.jprof.renderers;

import dev.jprof.tree.Frame;
import dev.jprof.tree.Processor;
import dev.jprof.tree.ProcessorOptions;
import dev.jprof.tree.Processors;
import dev.jprof.Session;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brendan Gregg's folded stacks, as read by {@code flamegraph.pl}, speedscope and most flame graph tools:
 * one line per distinct stack, {@code thread;pkg.Class.method;pkg.Class.method WEIGHT}, outermost frame
 * first, weight in integer microseconds of wall time. Lines come in order of first appearance.
 */
public class CollapsedRenderer extends FrameRenderer {
    public CollapsedRenderer() {
        this(false, false, null);
    }

    /** @see FrameRenderer#FrameRenderer(boolean, boolean, ProcessorOptions) */
    public CollapsedRenderer(boolean showAll, boolean timeline, ProcessorOptions processorOptions) {
        super(showAll, timeline, processorOptions);
    }

    /** Only JVM plumbing is removed: flame graph tools aggregate and filter on their own. */
    @Override
    public List<Processor> defaultProcessors() {
        return List.of(Processors.REMOVE_IMPORTLIB, Processors.REMOVE_REFLECTION);
    }

    @Override
    public String outputFileExtension() {
        return ".collapsed";
    }

    @Override
    protected String renderFrame(Frame root, Session session) {
        Map<String, Double> stacks = new LinkedHashMap<>();
        if (root != null) {
            StringBuilder path = new StringBuilder();
            if (root.kind() == Frame.Kind.ROOT) {
                for (Frame thread : root.children()) {
                    collect(thread, path, stacks);
                }
            } else {
                collect(root, path, stacks);
            }
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Double> e : stacks.entrySet()) {
            long micros = Math.round(e.getValue() * 1e6);
            if (micros > 0) {
                out.append(e.getKey()).append(' ').append(micros).append('\n');
            }
        }
        return out.toString();
    }

    /** Appends this frame to {@code path}, records its own time under that stack, recurses, then restores it. */
    private static void collect(Frame frame, StringBuilder path, Map<String, Double> stacks) {
        if (Frame.SELF_TIME.equals(frame.identifier())) {
            if (path.length() > 0 && frame.time() > 0) {
                stacks.merge(path.toString(), frame.time(), Double::sum);
            }
            return;
        }
        int mark = path.length();
        if (mark > 0) {
            path.append(';');
        }
        path.append(name(frame));
        if (frame.absorbedTime() > 0) {
            stacks.merge(path.toString(), frame.absorbedTime(), Double::sum);
        }
        for (Frame child : frame.children()) {
            collect(child, path, stacks);
        }
        path.setLength(mark);
    }

    /** A frame's name in a folded line: {@code pkg.Class.method}, the thread name, or {@code [await]}. */
    static String name(Frame frame) {
        String raw = frame.kind() == Frame.Kind.METHOD ? frame.className() + "." + frame.methodName() : frame.methodName();
        return escape(raw);
    }

    /**
     * Keeps a line parseable: {@code ;} separates frames and the last space starts the weight, so both
     * become visible escapes ({@code ;} as {@code \x3b}, whitespace as {@code _}); control characters
     * such as newlines become {@code \xNN}.
     */
    static String escape(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ';') {
                out.append("\\x3b");
            } else if (Character.isWhitespace(c) && c != '\n' && c != '\r' || c == '\u00a0') {
                // \u2028 and \u2029 end a line for JavaScript readers such as speedscope.
                out.append('_');
            } else {
                out.append(c);
            }
        }
        return Text.sanitize(out.toString());
    }

    /** An export for other tools keeps every thread as recorded. */
    @Override
    protected boolean arrangesThreads() {
        return false;
    }
}

package dev.jprof.it.support;

import dev.jprof.tree.Frame;
import dev.jprof.tree.Processors;
import dev.jprof.tree.ProcessorOptions;
import dev.jprof.Session;

/** Reads attributions out of a session's aggregated call tree. */
public final class Trees {
    private Trees() {
    }

    /** The session's tree, aggregated (repeated calls merged), nothing hidden. */
    public static Frame aggregated(Session session) {
        Frame root = session.rootFrame();
        ProcessorOptions o = new ProcessorOptions();
        root = Processors.mergeConsecutiveSelfTime(root, o);
        return Processors.aggregateRepeatedCalls(root, o);
    }

    /** The first thread frame with this name. */
    public static Frame thread(Frame root, String name) {
        for (Frame t : root.children()) {
            if (t.kind() == Frame.Kind.THREAD && t.methodName().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no thread " + name + " in " + root.children());
    }

    /** Total time of the outermost frames under {@code frame} named {@code simpleClass.method}. */
    public static double timeIn(Frame frame, String displayName) {
        double t = 0;
        for (Frame c : frame.children()) {
            if (c.kind() == Frame.Kind.METHOD && c.displayName().equals(displayName)) {
                t += c.time();
            } else {
                t += timeIn(c, displayName);
            }
        }
        return t;
    }

    /** The first frame (depth first) named {@code simpleClass.method}, or null. */
    public static Frame find(Frame frame, String displayName) {
        for (Frame c : frame.children()) {
            if (c.displayName().equals(displayName)) {
                return c;
            }
            Frame f = find(c, displayName);
            if (f != null) {
                return f;
            }
        }
        return null;
    }
}

package dev.jprof.cli.diff;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One frame path of two profiles at once: the path's time in A and in B. The root holds each profile's
 * total; a child is found by its frame's identity (class, method and file; a thread's name), so the same
 * call path in two runs is one node even though thread ids and line numbers differ.
 */
public final class DiffNode {
    /** What the frame stands for, as the views draw it. */
    public enum Kind {
        ROOT, THREAD, METHOD, SYNTHETIC
    }

    private final DiffNode parent;
    private final String key;
    private final Kind kind;
    private final String name;
    private final String detail;
    private final boolean application;
    private final Map<String, DiffNode> children = new LinkedHashMap<>();
    private final int depth;
    private double timeA;
    private double timeB;

    DiffNode(DiffNode parent, String key, Kind kind, String name, String detail, boolean application) {
        this.parent = parent;
        this.key = key;
        this.kind = kind;
        this.name = name;
        this.detail = detail;
        this.application = application;
        this.depth = parent == null ? 0 : parent.depth + 1;
    }

    static DiffNode root() {
        return new DiffNode(null, "", Kind.ROOT, "all", "", false);
    }

    /** The child with this key, made (with these attributes) when neither profile had it yet. */
    DiffNode child(String key, Kind kind, String name, String detail, boolean application) {
        return children.computeIfAbsent(key, k -> new DiffNode(this, k, kind, name, detail, application));
    }

    void add(boolean sideB, double seconds) {
        if (sideB) {
            timeB += seconds;
        } else {
            timeA += seconds;
        }
    }

    /** The frame's short name: {@code Class.method}, {@code [thread] name}, {@code [await]}. */
    public String name() {
        return name;
    }

    /** Where the frame is: its source file, empty for threads and synthetic frames. */
    public String detail() {
        return detail;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the frame is the program's own code (as the text report highlights it). */
    public boolean application() {
        return application;
    }

    public DiffNode parent() {
        return parent;
    }

    public Collection<DiffNode> children() {
        return children.values();
    }

    /** Seconds in profile A (inclusive: the frame and everything it called). */
    public double timeA() {
        return timeA;
    }

    /** Seconds in profile B. */
    public double timeB() {
        return timeB;
    }

    /** How many frames lie between this one and the root (threads are 1). */
    public int depth() {
        return depth;
    }

    /**
     * Where the frame was called from, innermost caller first, joined by {@code arrow}: the {@code nearest}
     * callers, then {@code ...} and the thread when the path is longer (a deep recursion would print pages).
     * Empty for a thread.
     */
    public String calledFrom(int nearest, String arrow) {
        List<String> names = new ArrayList<>();
        int skipped = 0;
        for (DiffNode n = parent; n != null && n.parent != null; n = n.parent) {
            if (names.size() < nearest || n.parent.parent == null) {
                names.add(n.name);
            } else if (skipped++ == 0) {
                names.add("...");
            }
        }
        return String.join(arrow, names);
    }

    /** The frames from the thread down to this one, outermost first. */
    public List<DiffNode> path() {
        List<DiffNode> path = new ArrayList<>();
        for (DiffNode n = this; n.parent != null; n = n.parent) {
            path.add(0, n);
        }
        return path;
    }
}

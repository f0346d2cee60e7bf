package dev.jprof;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A run of library frames hidden together, shown as {@code [N frames hidden]  lib1, lib2}.
 */
public final class FrameGroup {
    private final int id;
    private final Frame root;
    private final List<Frame> frames = new ArrayList<>();

    FrameGroup(int id, Frame root) {
        this.id = id;
        this.root = root;
    }

    /** A number unique within one processed tree. */
    public int id() {
        return id;
    }

    /** The outermost frame of the group; renderers show it and hide the rest. */
    public Frame root() {
        return root;
    }

    /** The frames of the group, outermost first; read-only view. */
    public List<Frame> frames() {
        return Collections.unmodifiableList(frames);
    }

    void add(Frame frame) {
        frames.add(frame);
        frame.setGroup(this);
    }

    /** The libraries of the hidden frames, in order of first appearance. */
    public List<String> libraries() {
        Set<String> names = new LinkedHashSet<>();
        for (Frame f : frames) {
            names.add(f.location().library());
        }
        return new ArrayList<>(names);
    }

    /** Frames of the group that have a child outside it: where the tree leaves the group. */
    public List<Frame> exitFrames() {
        List<Frame> exits = new ArrayList<>();
        for (Frame f : frames) {
            for (Frame child : f.children()) {
                if (child.group() != this) {
                    exits.add(f);
                    break;
                }
            }
        }
        return exits;
    }
}

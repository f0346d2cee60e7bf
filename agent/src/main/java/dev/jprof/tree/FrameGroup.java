package dev.jprof.tree;

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
    /** Hidden frames, including the {@code [self]} frames of hidden methods. */
    private final List<Frame> members = new ArrayList<>();

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

    /** The hidden method frames, outermost first. */
    public List<Frame> frames() {
        List<Frame> methods = new ArrayList<>();
        for (Frame f : members) {
            if (f.kind() == Frame.Kind.METHOD) {
                methods.add(f);
            }
        }
        return Collections.unmodifiableList(methods);
    }

    void add(Frame frame) {
        members.add(frame);
        frame.setGroup(this);
    }

    /** The libraries of the hidden frames, in order of first appearance. */
    public List<String> libraries() {
        Set<String> names = new LinkedHashSet<>();
        for (Frame f : frames()) {
            names.add(f.location().library());
        }
        return new ArrayList<>(names);
    }

    /** Frames of the group that have a child outside it: where the tree leaves the group. */
    public List<Frame> exitFrames() {
        List<Frame> exits = new ArrayList<>();
        for (Frame f : frames()) {
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

package dev.jprof.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The operations that move time between frames, as pyinstrument's {@code frame_ops}: fold a child in
 * ({@link #absorb}), splice it out ({@link #splice}), merge a sibling in ({@link #merge}). Each keeps
 * {@code time() == absorbedTime() + sum(children.time())} for every frame, and the parent's time unchanged,
 * using only {@link Frame}'s own primitives (add a child, detach, add absorbed time); {@code FrameInvariantTest}
 * checks them. {@link Frame}'s public methods of the same names call these.
 */
final class FrameOps {
    private FrameOps() {
    }

    /** {@link Frame#absorb}: the child's whole time becomes the parent's absorbed time. */
    static void absorb(Frame parent, Frame child) {
        double time = child.time();
        double idle = child.idleTime();
        child.removeFromParent();
        parent.addAbsorbedTime(time, idle);
    }

    /** {@link Frame#splice}: the child's children take its place; its absorbed time goes to the parent. */
    static void splice(Frame parent, Frame child) {
        int at = parent.children().indexOf(child);
        List<Frame> grandchildren = new ArrayList<>(child.children());
        double absorbed = child.absorbedTime();
        double idle = child.absorbedIdleTime();
        child.removeFromParent();
        parent.addAbsorbedTime(absorbed, idle);
        for (int g = 0; g < grandchildren.size(); g++) {
            parent.addChild(grandchildren.get(g), at + g);
        }
    }

    /** {@link Frame#merge}: absorbed time, line observations and children move to {@code into}. */
    static void merge(Frame into, Frame other) {
        into.addAbsorbedTime(other.absorbedTime(), other.absorbedIdleTime());
        mergeLineTimes(into, other);
        into.addChildren(other.children());
        other.removeFromParent();
    }

    /** {@link Frame#mergeLineTimes}. */
    static void mergeLineTimes(Frame into, Frame other) {
        for (Map.Entry<Integer, Double> e : other.lineTimes().entrySet()) {
            into.addLineTime(e.getKey(), e.getValue());
        }
    }
}

package dev.jprof.renderers;

import dev.jprof.tree.Frame;
import java.util.Arrays;
import java.util.List;

/**
 * Walks a processed tree as the sampled formats (pprof, JFR) need it: one stretch of own time per
 * stack, in tree order (time order for an unaggregated tree), with the thread it ran on and its state.
 * {@code [self]} is its parent's own time; {@code [await]}, {@code [idle]} and {@code [out-of-context]}
 * are leaves whose name is the state; time folded into a thread frame has the thread as its only frame.
 */
final class OwnTimeStacks {
    /** The state of a stretch spent in code rather than waiting. */
    static final String RUNNING = "running";

    /** Receives each stretch. */
    @FunctionalInterface
    interface Visitor {
        /**
         * @param thread  the thread frame (or the subtree's root when the tree has no threads)
         * @param stack   frames outermost first; only the first {@code depth} are this stretch's
         * @param state   {@link #RUNNING} or a wait state such as {@code await}
         * @param seconds wall time of the stretch
         */
        void stretch(Frame thread, Frame[] stack, int depth, String state, double seconds);
    }

    private final Visitor visitor;
    private Frame thread;
    private Frame[] stack = new Frame[64];

    private OwnTimeStacks(Visitor visitor) {
        this.visitor = visitor;
    }

    /** Visits every stretch of a processed tree; nothing for a null root. */
    static void walk(Frame root, Visitor visitor) {
        if (root == null) {
            return;
        }
        OwnTimeStacks walk = new OwnTimeStacks(visitor);
        List<Frame> threads = root.kind() == Frame.Kind.ROOT ? root.children() : List.of(root);
        for (Frame t : threads) {
            walk.thread = t;
            if (t.kind() != Frame.Kind.THREAD) {
                walk.visit(t, 0);
                continue;
            }
            for (Frame child : t.children()) {
                walk.visit(child, 0);
            }
            if (t.absorbedTime() > 0) {
                walk.stack[0] = t;
                visitor.stretch(t, walk.stack, 1, RUNNING, t.absorbedTime());
            }
        }
    }

    /** A synthetic wait frame's state: its name without brackets. */
    static String state(Frame synthetic) {
        String id = synthetic.identifier();
        return id.startsWith("[") && id.endsWith("]") ? id.substring(1, id.length() - 1) : id;
    }

    private void visit(Frame frame, int depth) {
        if (Frame.SELF_TIME.equals(frame.identifier())) {
            if (depth > 0 && frame.time() > 0) {
                visitor.stretch(thread, stack, depth, RUNNING, frame.time());
            }
            return;
        }
        if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
        }
        stack[depth] = frame;
        if (frame.kind() == Frame.Kind.SYNTHETIC) {
            if (frame.time() > 0) {
                visitor.stretch(thread, stack, depth + 1, state(frame), frame.time());
            }
            return;
        }
        if (frame.absorbedTime() > 0) {
            visitor.stretch(thread, stack, depth + 1, RUNNING, frame.absorbedTime());
        }
        for (Frame child : frame.children()) {
            visit(child, depth + 1);
        }
    }

    /** A frame's name in sampled formats: {@code pkg.Class.method}, {@code [thread] name}, or {@code [await]}. */
    static String frameName(Frame f) {
        switch (f.kind()) {
            case METHOD:
                return f.className() + "." + f.methodName();
            case THREAD:
                return "[thread] " + f.methodName();
            default:
                return f.identifier();
        }
    }

    /** The name a thread frame stands for. */
    static String threadName(Frame thread) {
        return thread.kind() == Frame.Kind.THREAD ? thread.methodName() : thread.displayName();
    }
}

package dev.jprof.sampling;

import java.util.Arrays;

/**
 * Bounds the depth of a stack. A deeper stack keeps its innermost frames, where the time is spent, and
 * its outermost frame becomes a marker, so a report shows that the stack was cut instead of a thread that
 * seems to start in the middle of a recursion.
 */
final class StackDepth {
    /** The class name of the marker frame. */
    static final String MARKER_CLASS = "jprof";

    private StackDepth() {
    }

    /** The stack itself when it has at most {@code maxDepth} frames, else its cut copy. */
    static StackTraceElement[] limit(StackTraceElement[] stack, int maxDepth) {
        if (stack.length <= maxDepth || maxDepth < 2) {
            return stack;
        }
        StackTraceElement[] cut = Arrays.copyOf(stack, maxDepth);
        // The depth itself is not shown: a batched walk only tells that the stack is deeper than asked.
        cut[maxDepth - 1] = new StackTraceElement(MARKER_CLASS,
                "[stack cut: innermost " + (maxDepth - 1) + " frames kept]", null, -1);
        return cut;
    }
}

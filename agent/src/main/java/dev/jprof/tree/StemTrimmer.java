package dev.jprof.tree;

import java.util.List;

/**
 * Trims the stem of the profiled thread's tree to the start call stack, as pyinstrument's
 * {@code Session._trim_stem} does: the frames from the thread's outermost method down to the caller of
 * {@code Profiler.start()} say nothing about where time went, so while they form a single chain that
 * matches the start call stack and holds no time of their own, they are removed and the caller becomes
 * the thread's first frame. Time is unchanged: a removed frame's only child carries all of its time.
 */
public final class StemTrimmer {
    private StemTrimmer() {
    }

    /**
     * @param root           a freshly built tree, or null
     * @param threadId       the id of the thread that started profiling
     * @param outermostFirst that thread's stack at start, ending at the caller of start()
     * @return {@code root}, trimmed in place
     */
    public static Frame trim(Frame root, long threadId, List<StackTraceElement> outermostFirst) {
        if (root == null || outermostFirst.isEmpty()) {
            return root;
        }
        for (Frame thread : root.children()) {
            if (thread.kind() == Frame.Kind.THREAD && thread.threadId() == threadId) {
                trimThread(thread, outermostFirst);
            }
        }
        return root;
    }

    private static void trimThread(Frame thread, List<StackTraceElement> stack) {
        if (thread.children().size() != 1) {
            return;
        }
        Frame top = thread.children().get(0);
        if (!top.identifier().equals(identifier(stack.get(0)))) {
            return;
        }
        Frame frame = top;
        for (int i = 1; i < stack.size(); i++) {
            if (frame.absorbedTime() != 0 || frame.children().size() != 1) {
                break;
            }
            Frame child = frame.children().get(0);
            if (!child.identifier().equals(identifier(stack.get(i)))) {
                break;
            }
            frame = child;
        }
        if (frame != top) {
            top.removeFromParent();
            thread.addChild(frame);
        }
    }

    private static String identifier(StackTraceElement e) {
        return Frame.method(e.getClassName(), e.getMethodName(), e.getFileName(), 0, null).identifier();
    }
}

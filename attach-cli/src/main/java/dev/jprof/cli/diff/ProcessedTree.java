package dev.jprof.cli.diff;

import dev.jprof.tree.Frame;
import dev.jprof.tree.FrameGroup;
import dev.jprof.tree.Processors;
import dev.jprof.Session;
import dev.jprof.renderers.FrameRenderer;
import dev.jprof.renderers.RenderOptions;
import dev.jprof.renderers.Text;

/**
 * Runs the text report's processors over one profile (hide/show, show_all, timeline and processor options
 * included) and adds what the report would show into a {@link DiffNode} tree, as side A or B. Tiny nodes
 * are kept here and dropped by the diff's own threshold instead: a frame at 0.9% in one run and 1.1% in the
 * other must compare as a small change, not as one that appeared from nothing.
 */
final class ProcessedTree extends FrameRenderer {
    private final DiffNode into;
    private final boolean sideB;

    ProcessedTree(RenderOptions options, DiffNode into, boolean sideB) {
        super(options.showAll(), options.timeline(), options.processorOptions());
        processors().remove(Processors.REMOVE_IRRELEVANT_NODES);
        this.into = into;
        this.sideB = sideB;
    }

    /** Called by {@link #render} on its deep-stack thread with the processed tree. */
    @Override
    protected String renderFrame(Frame root, Session session) {
        if (root == null) {
            return "";
        }
        into.add(sideB, root.time());
        if (root.kind() == Frame.Kind.ROOT) {
            for (Frame child : root.children()) {
                add(child, into);
            }
        } else {
            add(root, into);
        }
        return "";
    }

    private void add(Frame frame, DiffNode parent) {
        if (Frame.SELF_TIME.equals(frame.identifier())) {
            return; // the parent's own time: part of the parent's total already
        }
        DiffNode node = parent;
        if (visible(frame)) {
            node = parent.child(key(frame), kind(frame), Text.frameName(frame), detail(frame), frame.isApplicationCode());
            node.add(sideB, frame.time());
        }
        for (Frame child : frame.children()) {
            add(child, node);
        }
    }

    /** As in the text report: of a run of hidden library frames, only where it starts and where it leaves. */
    private static boolean visible(Frame frame) {
        FrameGroup group = frame.group();
        return group == null || group.root() == frame || group.exitFrames().contains(frame);
    }

    private static String key(Frame frame) {
        if (frame.kind() == Frame.Kind.THREAD) {
            return "thread\0" + frame.methodName() + "\0" + frame.isVirtualThread();
        }
        return frame.identifier();
    }

    private static DiffNode.Kind kind(Frame frame) {
        switch (frame.kind()) {
            case THREAD:
                return DiffNode.Kind.THREAD;
            case METHOD:
                return DiffNode.Kind.METHOD;
            default:
                return DiffNode.Kind.SYNTHETIC;
        }
    }

    private static String detail(Frame frame) {
        if (frame.kind() != Frame.Kind.METHOD) {
            return "";
        }
        String library = frame.isApplicationCode() ? "" : frame.location().library();
        return frame.fileName() + (library == null || library.isEmpty() ? "" : " (" + library + ")");
    }
}

package dev.jprof.renderers;

import dev.jprof.tree.Frame;
import dev.jprof.tree.ProcessorOptions;
import dev.jprof.Session;

/**
 * A {@link FrameRenderer} whose output is a binary file (pprof, JFR): it encodes in
 * {@link #encodeFrame}, and {@link #render} cannot return text.
 */
public abstract class BinaryFrameRenderer extends FrameRenderer {
    /** @see FrameRenderer#FrameRenderer(boolean, boolean, ProcessorOptions) */
    protected BinaryFrameRenderer(boolean showAll, boolean timeline, ProcessorOptions processorOptions) {
        super(showAll, timeline, processorOptions);
    }

    @Override
    public final boolean binary() {
        return true;
    }

    @Override
    protected final String renderFrame(Frame root, Session session) {
        throw new UnsupportedOperationException("this output is binary: write it to a file (e.g. -o profile"
                + outputFileExtension() + ")");
    }

    @Override
    protected abstract byte[] encodeFrame(Frame root, Session session);

    /** An export for other tools keeps every thread as recorded. */
    @Override
    protected boolean arrangesThreads() {
        return false;
    }
}

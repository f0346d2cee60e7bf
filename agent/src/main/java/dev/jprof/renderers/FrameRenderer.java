package dev.jprof.renderers;

import dev.jprof.tree.Frame;
import dev.jprof.tree.Processor;
import dev.jprof.tree.ProcessorOptions;
import dev.jprof.tree.Processors;
import dev.jprof.tree.ThreadArrangement;
import dev.jprof.Session;
import java.util.ArrayList;
import java.util.List;

/**
 * A renderer that runs a list of {@link Processor}s over the session's frame tree, then renders the
 * result. Change {@link #processors()} before rendering to customise: for example remove
 * {@link Processors#AGGREGATE_REPEATED_CALLS} to get a timeline.
 */
public abstract class FrameRenderer implements Renderer {
    /** Stack size of the render thread: deep stacks (10,000 frames) recurse safely. */
    private static final long RENDER_STACK_BYTES = 512L << 20;

    private final boolean showAll;
    private final boolean timeline;
    private final ProcessorOptions processorOptions;
    private final List<Processor> processors;
    private boolean splitPools;

    /**
     * @param showAll          don't hide library frames: show everything jprof captured
     * @param timeline         keep samples in time order instead of aggregating
     * @param processorOptions options for the processors, or null for defaults
     */
    protected FrameRenderer(boolean showAll, boolean timeline, ProcessorOptions processorOptions) {
        this.showAll = showAll;
        this.timeline = timeline;
        this.processorOptions = processorOptions == null ? new ProcessorOptions() : new ProcessorOptions(processorOptions);
        this.processors = new ArrayList<>(defaultProcessors());
        if (showAll) {
            processors.remove(Processors.GROUP_LIBRARY_FRAMES);
            processors.remove(Processors.REMOVE_IMPORTLIB);
            processors.remove(Processors.REMOVE_REFLECTION);
            processors.remove(Processors.REMOVE_IRRELEVANT_NODES);
        }
        if (timeline) {
            processors.remove(Processors.AGGREGATE_REPEATED_CALLS);
        }
    }

    /** The processors this renderer uses unless changed, in pyinstrument's order. */
    public List<Processor> defaultProcessors() {
        return List.of(
                Processors.REMOVE_IMPORTLIB,
                Processors.REMOVE_REFLECTION,
                Processors.MERGE_CONSECUTIVE_SELF_TIME,
                Processors.AGGREGATE_REPEATED_CALLS,
                Processors.REMOVE_IRRELEVANT_NODES,
                Processors.REMOVE_UNNECESSARY_SELF_TIME_NODES,
                Processors.GROUP_LIBRARY_FRAMES);
    }

    /** The processors run before rendering; mutable. */
    public List<Processor> processors() {
        return processors;
    }

    /** The options passed to every processor; mutable. */
    public ProcessorOptions processorOptions() {
        return processorOptions;
    }

    /** Whether library frames and tiny nodes are shown too (the hiding processors are left out). */
    public boolean showAll() {
        return showAll;
    }

    /** Whether samples stay in time order ({@link Processors#AGGREGATE_REPEATED_CALLS} is left out). */
    public boolean timeline() {
        return timeline;
    }

    /**
     * Keeps the threads of one pool apart instead of merging them into one {@code [pool]} frame.
     *
     * @param value true to split pools
     * @return this renderer
     */
    public FrameRenderer splitPools(boolean value) {
        splitPools = value;
        return this;
    }

    /** Whether a pool's threads stay apart; see {@link ThreadArrangement}. */
    public boolean splitPools() {
        return splitPools;
    }

    /**
     * Whether this renderer shows the report's threads ({@link ThreadArrangement}: service threads left out,
     * pools merged, idle threads folded, busiest first) rather than every thread as recorded. Exports for
     * other tools keep every thread.
     */
    protected boolean arrangesThreads() {
        return true;
    }

    /** Runs the processors over a tree, in order. */
    public Frame preprocess(Frame root) {
        Frame frame = root;
        for (Processor p : processors) {
            frame = p.process(frame, processorOptions);
        }
        return frame;
    }

    @Override
    public final String render(Session session) {
        return DeepStack.call(() -> renderFrame(processedRoot(session), session), RENDER_STACK_BYTES);
    }

    @Override
    public final byte[] renderBytes(Session session) {
        return DeepStack.call(() -> encodeFrame(processedRoot(session), session), RENDER_STACK_BYTES);
    }

    private Frame processedRoot(Session session) {
        // Aggregating anyway: merging repeated samples first gives the same tree from far fewer frames.
        boolean aggregated = processors.contains(Processors.AGGREGATE_REPEATED_CALLS);
        Frame root = aggregated ? session.aggregatedRootFrame() : session.rootFrame();
        if (root != null && arrangesThreads()) {
            ThreadArrangement.arrange(root, showAll, splitPools, aggregated);
        }
        return root == null ? null : preprocess(root);
    }

    /**
     * Encodes a processed tree as the bytes of the output file; binary renderers override this, text ones
     * get the UTF-8 of {@link #renderFrame}.
     *
     * @param root    the processed root, or null when the session has no samples
     * @param session the session, for its metadata
     */
    protected byte[] encodeFrame(Frame root, Session session) {
        return renderFrame(root, session).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Renders a processed tree.
     *
     * @param root    the processed root, or null when the session has no samples
     * @param session the session, for its metadata
     */
    protected abstract String renderFrame(Frame root, Session session);
}

package dev.jprof.renderers;

import dev.jprof.tree.Frame;
import dev.jprof.tree.Processor;
import dev.jprof.tree.ProcessorOptions;
import dev.jprof.tree.Processors;
import dev.jprof.Session;
import java.util.List;

/**
 * pprof's {@code profile.proto}, gzipped ({@code .pb.gz}), as read by {@code go tool pprof}, Grafana
 * Pyroscope, Parca and most continuous-profiling backends. Two sample types, {@code samples/count} and
 * {@code wall/nanoseconds} (the default), period = the sampling interval; each sample is one distinct
 * stack of one thread in one state, labelled {@code thread} (its name) and {@code state} ({@code running},
 * {@code await}, {@code idle} or {@code out-of-context}). Only JVM plumbing is removed: pprof aggregates
 * and filters on its own. The output is binary: use {@link #renderBytes}, not {@link #render}.
 */
public class PprofRenderer extends BinaryFrameRenderer {
    public PprofRenderer() {
        this(false, false, null);
    }

    /** @see FrameRenderer#FrameRenderer(boolean, boolean, ProcessorOptions) */
    public PprofRenderer(boolean showAll, boolean timeline, ProcessorOptions processorOptions) {
        super(showAll, timeline, processorOptions);
    }

    @Override
    public List<Processor> defaultProcessors() {
        return List.of(Processors.REMOVE_IMPORTLIB, Processors.REMOVE_REFLECTION);
    }

    @Override
    public String outputFileExtension() {
        return ".pb.gz";
    }

    @Override
    protected byte[] encodeFrame(Frame root, Session session) {
        return new PprofEncoder(session).encode(root);
    }
}

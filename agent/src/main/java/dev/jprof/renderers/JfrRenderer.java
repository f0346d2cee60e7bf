package dev.jprof.renderers;

import dev.jprof.tree.Frame;
import dev.jprof.tree.Processor;
import dev.jprof.tree.ProcessorOptions;
import dev.jprof.tree.Processors;
import dev.jprof.Session;
import java.util.List;

/**
 * A JDK Flight Recorder file ({@code .jfr}) for JDK Mission Control, IntelliJ IDEA and {@code jfr print}:
 * each sample a running thread took is a {@code jdk.ExecutionSample} (what JMC's Method Profiling and
 * IntelliJ's flame graph show), and every stretch of wall time, waits included, is a
 * {@code profiler.WallClockSample}, async-profiler's wall-clock event, with its sample count, time span
 * and thread state. Samples keep their thread and their order in time; start time and duration are the
 * session's. Written with JDK Mission Control's recording writer. The output is binary: use
 * {@link #renderBytes}, not {@link #render}.
 */
public class JfrRenderer extends BinaryFrameRenderer {
    public JfrRenderer() {
        this(false, null);
    }

    /**
     * @param showAll          keep JVM plumbing (class loading, reflection) too
     * @param processorOptions options for the processors, or null for defaults
     */
    public JfrRenderer(boolean showAll, ProcessorOptions processorOptions) {
        // Always a timeline: JFR events are in time order, and viewers aggregate on their own.
        super(showAll, true, processorOptions);
    }

    @Override
    public List<Processor> defaultProcessors() {
        return List.of(Processors.REMOVE_IMPORTLIB, Processors.REMOVE_REFLECTION, Processors.MERGE_CONSECUTIVE_SELF_TIME);
    }

    @Override
    public String outputFileExtension() {
        return ".jfr";
    }

    @Override
    protected byte[] encodeFrame(Frame root, Session session) {
        return new JfrEncoder(session).encode(root);
    }
}

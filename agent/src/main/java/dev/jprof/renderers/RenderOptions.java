package dev.jprof.renderers;

import dev.jprof.ProcessorOptions;

/**
 * Everything that chooses how a session is rendered, independent of which renderer: shared by the agent,
 * the CLI and the API so that one set of options means the same everywhere.
 */
public final class RenderOptions {
    private boolean showAll;
    private boolean timeline;
    private Boolean unicode;
    private Boolean color;
    private ConsoleRenderer.TimeFormat time = ConsoleRenderer.TimeFormat.SECONDS;
    private ProcessorOptions processorOptions = new ProcessorOptions();

    public boolean showAll() {
        return showAll;
    }

    public RenderOptions showAll(boolean value) {
        showAll = value;
        return this;
    }

    public boolean timeline() {
        return timeline;
    }

    public RenderOptions timeline(boolean value) {
        timeline = value;
        return this;
    }

    /** Unicode lines: true, false, or null to detect from the output. */
    public Boolean unicode() {
        return unicode;
    }

    public RenderOptions unicode(Boolean value) {
        unicode = value;
        return this;
    }

    /** ANSI colour: true, false, or null to detect from the output. */
    public Boolean color() {
        return color;
    }

    public RenderOptions color(Boolean value) {
        color = value;
        return this;
    }

    public ConsoleRenderer.TimeFormat time() {
        return time;
    }

    public RenderOptions time(ConsoleRenderer.TimeFormat value) {
        time = value;
        return this;
    }

    public ProcessorOptions processorOptions() {
        return processorOptions;
    }

    public RenderOptions processorOptions(ProcessorOptions value) {
        processorOptions = value;
        return this;
    }
}

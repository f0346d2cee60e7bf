package dev.jprof.renderers;

import dev.jprof.tree.ProcessorOptions;

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
    private boolean flat;
    private ConsoleRenderer.FlatTime flatTime = ConsoleRenderer.FlatTime.SELF;
    private boolean shortMode;
    private boolean splitPools;

    /** Pyinstrument's defaults: library code grouped, 1% threshold, seconds, unicode and colour detected. */
    public RenderOptions() {
    }

    /**
     * A copy of {@code other}, every option included (the processor options are copied too), so a caller
     * that adjusts a copy never drops an option added later.
     *
     * @param other the options to copy
     */
    public RenderOptions(RenderOptions other) {
        showAll = other.showAll;
        timeline = other.timeline;
        unicode = other.unicode;
        color = other.color;
        time = other.time;
        processorOptions = other.processorOptions == null ? null : new ProcessorOptions(other.processorOptions);
        flat = other.flat;
        flatTime = other.flatTime;
        shortMode = other.shortMode;
        splitPools = other.splitPools;
    }

    /** Whether library frames and tiny nodes are shown too; default false. */
    public boolean showAll() {
        return showAll;
    }

    /**
     * @param value show everything jprof captured
     * @return these options
     */
    public RenderOptions showAll(boolean value) {
        showAll = value;
        return this;
    }

    /** Whether samples stay in time order instead of being aggregated; default false. */
    public boolean timeline() {
        return timeline;
    }

    /**
     * @param value keep samples in time order
     * @return these options
     */
    public RenderOptions timeline(boolean value) {
        timeline = value;
        return this;
    }

    /** Unicode lines: true, false, or null to detect from the output. */
    public Boolean unicode() {
        return unicode;
    }

    /**
     * @param value true, false, or null to detect from the output
     * @return these options
     */
    public RenderOptions unicode(Boolean value) {
        unicode = value;
        return this;
    }

    /** ANSI colour: true, false, or null to detect from the output. */
    public Boolean color() {
        return color;
    }

    /**
     * @param value true, false, or null to detect from the output
     * @return these options
     */
    public RenderOptions color(Boolean value) {
        color = value;
        return this;
    }

    /** How the text renderer shows time; default seconds. */
    public ConsoleRenderer.TimeFormat time() {
        return time;
    }

    /**
     * @param value seconds or percent of total
     * @return these options
     */
    public RenderOptions time(ConsoleRenderer.TimeFormat value) {
        time = value;
        return this;
    }

    /** The options passed to every processor. */
    public ProcessorOptions processorOptions() {
        return processorOptions;
    }

    /**
     * @param value the options passed to every processor
     * @return these options
     */
    public RenderOptions processorOptions(ProcessorOptions value) {
        processorOptions = value;
        return this;
    }

    /** Text: one line per method, sorted by time, instead of the call tree. */
    public boolean flat() {
        return flat;
    }

    public RenderOptions flat(boolean value) {
        flat = value;
        return this;
    }

    /** Text, flat mode: whether a method's self time or total time is summed. */
    public ConsoleRenderer.FlatTime flatTime() {
        return flatTime;
    }

    public RenderOptions flatTime(ConsoleRenderer.FlatTime value) {
        flatTime = value;
        return this;
    }

    /** Text: no header and no blank lines around the report, for embedding in other output. */
    public boolean shortMode() {
        return shortMode;
    }

    public RenderOptions shortMode(boolean value) {
        shortMode = value;
        return this;
    }

    /** Whether the threads of one pool stay apart instead of one {@code [pool]} row; default false. */
    public boolean splitPools() {
        return splitPools;
    }

    /**
     * @param value one row per pool thread instead of one {@code [pool]} row per pool
     * @return these options
     */
    public RenderOptions splitPools(boolean value) {
        splitPools = value;
        return this;
    }
}

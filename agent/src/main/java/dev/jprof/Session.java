package dev.jprof;

import dev.jprof.tree.StemTrimmer;

import dev.jprof.tree.Frame;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The data collected during one profile: samples of stacks per thread with their wall-time weights,
 * plus metadata. Immutable. Save it with {@link #save}, read it back with {@link #load}, join two with
 * {@link #combine}, and turn it into a call tree with {@link #rootFrame()}.
 */
public final class Session {
    /** The file format version written by {@link #save}. */
    public static final int FORMAT_VERSION = 1;
    /** The recommended extension of saved sessions. */
    public static final String EXTENSION = ".jprof";

    private final SessionMetadata meta;
    private final SessionTables tables;
    /** {@link #idleTime()}, computed on first use; negative until then. */
    private volatile double idleSeconds = -1;

    Session(SessionMetadata meta, SessionTables tables) {
        this.meta = meta;
        this.tables = tables;
    }

    /** When recording started. */
    public Instant startTime() {
        return Instant.ofEpochMilli(meta.startTimeMillis);
    }

    /** Wall-clock duration of the recording, in seconds. */
    public double duration() {
        return meta.duration;
    }

    /** Number of samples taken (one per thread per tick). */
    public long sampleCount() {
        return meta.sampleCount;
    }

    /** Process CPU time during the recording in seconds, or -1 when unknown. */
    public double cpuTime() {
        return meta.cpuTime;
    }

    /** The sampling interval asked for, in seconds. */
    public double interval() {
        return meta.interval;
    }

    /** Smallest observed time between two ticks, in seconds. */
    public double minInterval() {
        return meta.minInterval;
    }

    /** Largest observed time between two ticks, in seconds. */
    public double maxInterval() {
        return meta.maxInterval;
    }

    /** What was profiled, e.g. the command line. */
    public String targetDescription() {
        return meta.targetDescription;
    }

    /** The profiled process's id, or -1. */
    public long pid() {
        return meta.pid;
    }

    /** The profiled JVM's {@code java.version}. */
    public String jvmVersion() {
        return meta.jvmVersion;
    }

    /** How stacks were sampled. */
    public String sampler() {
        return meta.sampler;
    }

    /** True when the timeline was folded to keep memory bounded (aggregate views stay exact). */
    public boolean timelineAggregated() {
        return meta.timelineAggregated;
    }

    /** Samples that could not be stored because memory was full. */
    public long droppedSamples() {
        return meta.droppedSamples;
    }

    /** The recording's memory bound in bytes; 0 when unknown (files from older versions). */
    public long memoryLimit() {
        return meta.memoryLimit;
    }

    /** Samples kept at a shallower stack than sampled because the memory bound was reached. */
    public long shallowerSamples() {
        return meta.shallowerSamples;
    }

    /** True when the memory bound changed what was recorded (timeline folded, stacks cut short, samples dropped). */
    public boolean memoryLimitReached() {
        return meta.timelineAggregated || meta.shallowerSamples > 0 || meta.droppedSamples > 0;
    }

    /**
     * One line saying what the memory bound did, e.g. {@code memory limit 32 MB reached: timeline
     * aggregated; 1,234 samples kept at shallower stacks}; empty when it did nothing.
     */
    public String memoryNotice() {
        return MemoryNotice.of(meta.memoryLimit, meta.timelineAggregated, meta.shallowerSamples, meta.droppedSamples);
    }

    /** How waits and virtual threads were treated when this session was recorded. */
    public AsyncMode asyncMode() {
        return AsyncMode.parse(meta.asyncMode);
    }

    /** The overhead bound in force while recording, as a share of wall time; 0 when none. */
    public double maxOverhead() {
        return meta.maxOverhead;
    }

    /**
     * The longest interval, in seconds, that the overhead bound stretched sampling to; 0 when it never
     * had to.
     */
    public double stretchedInterval() {
        return meta.stretchedInterval;
    }

    /** Virtual threads seen while recording (sampled or not), or -1 when they were not looked for. */
    public int virtualThreadsSeen() {
        return meta.virtualThreads;
    }

    /** CPU time the carriers of virtual threads used, in seconds, or -1 when unknown. */
    public double carrierCpuTime() {
        return meta.carrierCpuTime;
    }

    /** Wall time of the carriers of virtual threads (their number times time), in seconds, or -1 when unknown. */
    public double carrierWallTime() {
        return meta.carrierWallTime;
    }

    /** Number of sampled threads that are virtual ({@code true}) or platform threads ({@code false}). */
    public int threadCount(boolean virtual) {
        int n = 0;
        for (boolean v : tables.threadVirtual) {
            if (v == virtual) {
                n++;
            }
        }
        return n;
    }

    /** Names of the sampled threads, in order of first sample. */
    public List<String> threadNames() {
        List<String> names = new ArrayList<>();
        Collections.addAll(names, tables.threadName);
        return Collections.unmodifiableList(names);
    }

    /** What was recorded, sample by sample, for renderers that draw samples rather than a call tree. */
    public SampleTable samples() {
        return new SampleTable(tables);
    }

    SessionTables tables() {
        return tables;
    }

    SessionMetadata metadata() {
        return meta;
    }

    /**
     * Time threads spent waiting for work ({@code [idle]}: a pool worker waiting for a task, a selector or
     * accept loop waiting), in seconds summed over threads.
     */
    public double idleTime() {
        double idle = idleSeconds;
        if (idle < 0) {
            AwaitRules rules = new AwaitRules(tables, asyncMode());
            long nanos = 0;
            for (int r = 0; r < tables.runCount(); r++) {
                int th = tables.runThread[r];
                if (rules.classify(tables.framesOf(tables.runStack[r]), tables.runState[r], tables.threadVirtual[th]).kind()
                        == AwaitRules.Kind.IDLE) {
                    nanos += tables.runWeight[r];
                }
            }
            idle = nanos / 1e9;
            idleSeconds = idle;
        }
        return idle;
    }

    /**
     * The call tree: a root frame whose children are thread frames, each holding that thread's calls in
     * time order, leaf time in {@code [self]} frames. Renderers' processors then aggregate and simplify.
     *
     * @return the root, or null when no samples were recorded
     */
    public Frame rootFrame() {
        return rootFrame(true);
    }

    /**
     * The call tree, optionally without trimming its stem (pyinstrument's {@code trim_stem}): when the
     * session was recorded by a {@link Profiler}, the profiled thread's outermost frames down to the
     * caller of {@code start()} (see {@link #startCallStack()}) are removed as long as they form a single
     * chain with no time of their own, so the thread's tree begins at the code that started profiling.
     *
     * @param trimStem true to trim the stem to the start call stack, false for the raw tree
     * @return the root, or null when no samples were recorded
     */
    public Frame rootFrame(boolean trimStem) {
        Frame root = new FrameTreeBuilder(this).build();
        return trimStem ? StemTrimmer.trim(root, meta.startThreadId, meta.startCallStack) : root;
    }

    /**
     * The call tree with each thread's repeated (stack, state) samples merged before it is built, stem
     * trimmed as in {@link #rootFrame()}: what {@link dev.jprof.tree.Processors#aggregateRepeatedCalls} makes of
     * {@link #rootFrame()}, without first building a frame per stack change of a long timeline. Renderers
     * that aggregate use it.
     *
     * @return the root, or null when no samples were recorded
     */
    public Frame aggregatedRootFrame() {
        Frame root = new FrameTreeBuilder(this, true).build();
        return StemTrimmer.trim(root, meta.startThreadId, meta.startCallStack);
    }

    /**
     * The stack of the thread that started the profiler, outermost frame first, ending at the caller of
     * {@code Profiler.start()} (or the frame passed to {@link Profiler#start(StackWalker.StackFrame)}).
     *
     * @return the start call stack; empty when unknown, e.g. for sessions recorded by the agent
     */
    public List<StackTraceElement> startCallStack() {
        return meta.startCallStack;
    }

    /** A copy of this session that records where profiling was started; see {@link #startCallStack()}. */
    Session withStartCallStack(long threadId, List<StackTraceElement> outermostFirst) {
        SessionMetadata m = meta.copy();
        m.startThreadId = threadId;
        m.startCallStack = List.copyOf(outermostFirst);
        return new Session(m, tables);
    }

    /** Writes this session as versioned, compact JSON ({@code .jprof}). */
    public void save(Path file) throws IOException {
        SessionCodec.write(this, file);
    }

    /** This session as the JSON that {@link #save} writes. */
    public String toJson() {
        return SessionCodec.toJson(this);
    }

    /**
     * Reads a session written by {@link #save}.
     *
     * @throws SessionFormatException when the file is not a valid jprof session, naming what is wrong
     * @throws IOException            when the file cannot be read
     */
    public static Session load(Path file) throws IOException {
        return SessionCodec.read(file);
    }

    /** Parses the JSON that {@link #toJson()} produces. */
    public static Session fromJson(String json) throws SessionFormatException {
        return SessionCodec.fromJson(json);
    }

    /**
     * Joins two sessions: samples are concatenated (the second after the first), so aggregate views are
     * right; as in pyinstrument, do not read the result as one timeline.
     */
    public static Session combine(Session first, Session second) {
        SessionTables.Builder builder = new SessionTables.Builder();
        builder.addAll(first.tables, 0);
        builder.addAll(second.tables, Math.round(first.meta.duration * 1e9));
        SessionMetadata m = first.meta.copy();
        m.startTimeMillis = Math.min(first.meta.startTimeMillis, second.meta.startTimeMillis);
        m.duration = first.meta.duration + second.meta.duration;
        m.sampleCount = first.meta.sampleCount + second.meta.sampleCount;
        m.cpuTime = first.meta.cpuTime < 0 || second.meta.cpuTime < 0 ? -1 : first.meta.cpuTime + second.meta.cpuTime;
        m.minInterval = minPositive(first.meta.minInterval, second.meta.minInterval);
        m.maxInterval = Math.max(first.meta.maxInterval, second.meta.maxInterval);
        m.timelineAggregated = first.meta.timelineAggregated || second.meta.timelineAggregated;
        m.droppedSamples = first.meta.droppedSamples + second.meta.droppedSamples;
        m.memoryLimit = Math.max(first.meta.memoryLimit, second.meta.memoryLimit);
        m.shallowerSamples = first.meta.shallowerSamples + second.meta.shallowerSamples;
        m.virtualThreads = Math.max(first.meta.virtualThreads, second.meta.virtualThreads);
        m.stretchedInterval = Math.max(first.meta.stretchedInterval, second.meta.stretchedInterval);
        return new Session(m, builder.build());
    }

    private static double minPositive(double a, double b) {
        if (a <= 0) {
            return b;
        }
        if (b <= 0) {
            return a;
        }
        return Math.min(a, b);
    }
}

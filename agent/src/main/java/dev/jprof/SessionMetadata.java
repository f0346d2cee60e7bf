package dev.jprof;

import java.util.List;

/** The descriptive fields of a session; filled by the recorder, the loader or combine. */
final class SessionMetadata {
    long startTimeMillis;
    double duration;
    long sampleCount;
    double cpuTime = -1;
    double interval;
    double minInterval;
    double maxInterval;
    String targetDescription = "";
    long pid = -1;
    String jvmVersion = "";
    String sampler = "";
    boolean timelineAggregated;
    long droppedSamples;
    /** The sample store's memory bound in bytes; 0 when unknown (older files). */
    long memoryLimit;
    /** Samples kept at a shallower stack than sampled because the memory bound was reached. */
    long shallowerSamples;
    String asyncMode = AsyncMode.ENABLED.option();
    int virtualThreads = -1;
    /** CPU time of the carriers of virtual threads, seconds; -1 when unknown (no virtual threads looked for). */
    double carrierCpuTime = -1;
    /** Wall time of the carriers (their number times time), seconds; -1 when unknown. */
    double carrierWallTime = -1;
    /** The overhead bound in force (share of wall time), 0 when none. */
    double maxOverhead;
    /** The longest interval the overhead bound stretched sampling to, 0 when never stretched. */
    double stretchedInterval;
    /**
     * The stack of the thread that called {@code Profiler.start()}, outermost frame first, ending at the
     * caller of start(); empty when unknown (agent sessions, old files). rootFrame() trims the stem to it.
     */
    List<StackTraceElement> startCallStack = List.of();
    /** The id of the thread {@link #startCallStack} belongs to, or -1. */
    long startThreadId = -1;

    SessionMetadata copy() {
        SessionMetadata m = new SessionMetadata();
        m.startTimeMillis = startTimeMillis;
        m.duration = duration;
        m.sampleCount = sampleCount;
        m.cpuTime = cpuTime;
        m.interval = interval;
        m.minInterval = minInterval;
        m.maxInterval = maxInterval;
        m.targetDescription = targetDescription;
        m.pid = pid;
        m.jvmVersion = jvmVersion;
        m.sampler = sampler;
        m.timelineAggregated = timelineAggregated;
        m.droppedSamples = droppedSamples;
        m.memoryLimit = memoryLimit;
        m.shallowerSamples = shallowerSamples;
        m.asyncMode = asyncMode;
        m.virtualThreads = virtualThreads;
        m.carrierCpuTime = carrierCpuTime;
        m.carrierWallTime = carrierWallTime;
        m.maxOverhead = maxOverhead;
        m.stretchedInterval = stretchedInterval;
        m.startCallStack = startCallStack;
        m.startThreadId = startThreadId;
        return m;
    }
}

package dev.jprof;

import dev.jprof.sampling.ThisProcess;
import dev.jprof.sampling.Clock;
import dev.jprof.sampling.FrameTable;
import dev.jprof.sampling.SampleStore;
import dev.jprof.sampling.Sampler;
import dev.jprof.sampling.StackSource;
import dev.jprof.sampling.StackTable;
import java.time.Duration;
import java.util.function.Function;

/**
 * The recording engine shared by the agent and the {@code Profiler} API: a {@link Sampler} feeding a
 * {@link SampleStore}, and {@link #snapshot()} to turn what was recorded into a {@link Session} at any
 * time, while running or after {@link #stop()}.
 */
public final class Recorder {
    private final Sampler sampler;
    private final SampleStore store;
    private final Clock clock;
    private final StackSource source;
    private final Function<StackTraceElement, CodeLocation> locator;
    private final String targetDescription;
    private long startMillis;
    /** {@link #startMillis} on the nanosecond clock: the session itself may start later (the sampler's warm-up). */
    private long markNanos;
    private long startCpu;
    private long stopNanos = -1;
    private long stopCpu = -1;
    private AsyncMode asyncMode = AsyncMode.ENABLED;

    /**
     * @param source            where stacks come from
     * @param clock             time source
     * @param interval          time between ticks
     * @param locator           resolves frames to code locations when a session is snapshotted
     * @param targetDescription what is profiled, for the report header
     * @param maxRuns           runs the timeline holds before it is folded; {@code Integer.MAX_VALUE} for a
     *                          store bounded by memory alone ({@link #maxMemory})
     */
    public Recorder(StackSource source, Clock clock, Duration interval, Function<StackTraceElement, CodeLocation> locator,
                    String targetDescription, int maxRuns) {
        this.store = new SampleStore(maxRuns);
        this.sampler = new Sampler(source, store, clock, interval.toNanos());
        this.clock = clock;
        this.source = source;
        this.locator = locator;
        this.targetDescription = targetDescription;
    }

    /** Records how the source treats waits and virtual threads, for the session and its tree. */
    public Recorder asyncMode(AsyncMode mode) {
        this.asyncMode = mode;
        return this;
    }

    /** Bounds the sampler's cost to this share of wall time (e.g. 0.01) by stretching the interval. */
    public Recorder maxOverhead(double share) {
        sampler.maxOverhead(share);
        return this;
    }

    /**
     * Bounds the sample store's memory to about this many bytes (at least 1 MB); see
     * {@link SampleStore#maxBytes(long)}. Call before starting.
     */
    public Recorder maxMemory(long bytes) {
        store.maxBytes(bytes);
        return this;
    }

    /** Makes {@link #start()} return only once the sampler is sampling (see {@link Sampler#awaitFirstSample}). */
    public Recorder awaitFirstSample() {
        sampler.awaitFirstSample(true);
        return this;
    }

    /** Starts sampling on the {@code jprof-sampler} thread. */
    public void start() {
        markStart();
        sampler.start();
    }

    /**
     * Starts the clock without a sampler thread; the caller drives {@link #tick()} (deterministic tests).
     */
    public void startManual() {
        markStart();
        sampler.begin();
    }

    private void markStart() {
        startMillis = clock.epochMillis();
        markNanos = clock.nanoTime();
        startCpu = clock.processCpuNanos();
        stopNanos = -1;
    }

    /** Takes one sample now, on the calling thread. */
    public void tick() {
        sampler.tick();
    }

    /** Stops sampling; the recording stays available to {@link #snapshot()}. */
    public void stop() {
        sampler.stop();
        synchronized (store) {
            if (stopNanos < 0) {
                stopNanos = clock.nanoTime();
                stopCpu = clock.processCpuNanos();
            }
        }
    }

    /** True while the sampler thread (or manual sampling) is active. */
    public boolean isRunning() {
        return sampler.isRunning();
    }

    /** The error that stopped sampling early, or null. */
    public Throwable failure() {
        return sampler.failure();
    }

    /** The sample store's estimated heap bytes at its peak; stays under the {@link #maxMemory} bound. */
    public long memoryEstimate() {
        synchronized (store) {
            return store.estimatedBytes();
        }
    }

    /** What was recorded so far, as an immutable session. */
    public Session snapshot() {
        synchronized (store) {
            long endNanos = stopNanos >= 0 ? stopNanos : clock.nanoTime();
            long endCpu = stopNanos >= 0 ? stopCpu : clock.processCpuNanos();
            SessionMetadata m = new SessionMetadata();
            m.startTimeMillis = startMillis + Math.max(0, sampler.startNanos() - markNanos) / 1_000_000;
            m.duration = Math.max(0, endNanos - sampler.startNanos()) / 1e9;
            m.sampleCount = store.sampleCount();
            m.cpuTime = startCpu < 0 || endCpu < 0 ? -1 : (endCpu - startCpu) / 1e9;
            m.interval = sampler.intervalNanos() / 1e9;
            m.minInterval = sampler.minIntervalNanos() / 1e9;
            m.maxInterval = sampler.maxIntervalNanos() / 1e9;
            m.targetDescription = targetDescription;
            m.pid = ThisProcess.pid();
            m.jvmVersion = System.getProperty("java.version", "");
            m.sampler = source.describe();
            m.timelineAggregated = store.timelineAggregated();
            m.droppedSamples = store.droppedSamples();
            m.memoryLimit = store.maxBytes();
            m.shallowerSamples = store.shallowerSamples();
            m.asyncMode = asyncMode.option();
            m.virtualThreads = source.virtualThreadsSeen();
            m.carrierCpuTime = source.carrierCpuNanos() < 0 ? -1 : source.carrierCpuNanos() / 1e9;
            m.carrierWallTime = source.carrierWallNanos() < 0 ? -1 : source.carrierWallNanos() / 1e9;
            m.maxOverhead = sampler.maxOverheadShare();
            m.stretchedInterval = sampler.intervalStretched() ? sampler.largestIntervalNanos() / 1e9 : 0;
            return new Session(m, tables());
        }
    }

    private SessionTables tables() {
        SessionTables.Builder b = new SessionTables.Builder();
        FrameTable frames = store.frames();
        int[] frameMap = new int[frames.size()];
        for (int i = 0; i < frameMap.length; i++) {
            StackTraceElement e = frames.get(i);
            CodeLocation location;
            try {
                location = locator.apply(e);
            } catch (RuntimeException | LinkageError ex) {
                location = CodeLocation.UNKNOWN;
            }
            frameMap[i] = b.frame(e.getClassName(), e.getMethodName(), e.getFileName(), Math.max(0, e.getLineNumber()),
                    location == null ? CodeLocation.UNKNOWN : location);
        }
        StackTable stacks = store.stacks();
        int[] stackMap = new int[stacks.size()];
        for (int i = 1; i < stackMap.length; i++) {
            stackMap[i] = b.stack(stackMap[stacks.parent(i)], frameMap[stacks.frame(i)]);
        }
        int[] threadMap = new int[store.threadCount()];
        for (int i = 0; i < threadMap.length; i++) {
            threadMap[i] = b.thread(store.threadId(i), store.threadName(i), store.threadVirtual(i));
        }
        for (int r = 0; r < store.runCount(); r++) {
            b.run(store.runStart(r), store.runWeight(r), threadMap[store.runThread(r)], stackMap[store.runStack(r)],
                    store.runState(r));
        }
        return b.build();
    }
}

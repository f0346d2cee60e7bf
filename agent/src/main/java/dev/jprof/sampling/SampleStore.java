package dev.jprof.sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Samples as primitive arrays: one run per (thread, stack, state) repeated back to back, so a thread
 * that waits for an hour costs one entry (the runs are a {@link RunTable}). Frames and stacks are
 * interned. Written by the sampler only; readers synchronise on the store.
 *
 * <p>Memory is bounded by a byte budget ({@link #maxBytes()}), of which the frame and stack tables may
 * take half and the runs the rest. When the runs are full the timeline is folded (runs of the same
 * thread, stack and state merged, totals exact); when folding no longer frees room, every sample joins the
 * run of its (thread, stack, state), and one that has none and finds no room goes to the run of its nearest
 * recorded ancestor stack, or to its thread's stack-less run (a sixteenth of the runs is kept free for
 * those). When the tables are full, a stack never seen before is recorded under its longest known
 * root-side prefix. Time is kept either way; the samples moved to a shallower stack are counted
 * ({@link #shallowerSamples()}).
 */
public final class SampleStore {
    /** Default memory bound: half of the 64 MB an hour of 50 busy threads may cost, leaving room for the report. */
    public static final long DEFAULT_MAX_BYTES = 32L << 20;
    /** Smallest accepted memory bound. */
    public static final long MIN_MAX_BYTES = 1L << 20;
    private static final int MAX_RUN_CAPACITY = 1 << 28;

    private final FrameTable frames = new FrameTable();
    private final StackTable stacks = new StackTable();

    private final LongIntMap threadIndex = new LongIntMap(64);
    private final List<String> threadNames = new ArrayList<>();
    private long[] threadIds = new long[64];
    private boolean[] threadVirtual = new boolean[64];
    private int[] lastRun = new int[64];
    /** Each thread's last stack, kept apart from the runs: it outlives a fold, and a primed stack has no run. */
    private int[] lastStackId = new int[64];
    private boolean[] lastShallow = new boolean[64];
    private long threadNameBytes;

    private final RunTable runs;
    private long samples;
    private final int maxRuns;
    private long maxBytes = DEFAULT_MAX_BYTES;
    private boolean aggregated;
    /** Set once folding no longer frees room: every run found by key, new samples merge into it. */
    private LongIntMap runIndex;
    private long droppedSamples;
    private long shallowerSamples;

    /**
     * A store that keeps up to {@code maxRuns} runs before folding its timeline into aggregates, with a
     * memory bound large enough for them (at least {@link #DEFAULT_MAX_BYTES}). {@code Integer.MAX_VALUE}
     * means no bound but memory's ({@link #maxBytes(long)}).
     */
    public SampleStore(int maxRuns) {
        int wanted = Math.max(1024, maxRuns);
        // Room for the reserve on top, so the timeline itself holds maxRuns runs.
        this.maxRuns = (int) Math.min(MAX_RUN_CAPACITY, wanted + wanted / 15L + 1);
        if (this.maxRuns < MAX_RUN_CAPACITY) {
            maxBytes = Math.max(DEFAULT_MAX_BYTES, 2 * RunTable.bytes(this.maxRuns) + (2L << 20));
        }
        runs = new RunTable(Math.min(4096, this.maxRuns));
    }

    /** A store bounded by memory alone, {@link #DEFAULT_MAX_BYTES} unless set. */
    public SampleStore() {
        this(Integer.MAX_VALUE);
    }

    /**
     * Sets the memory bound, in estimated heap bytes (at least {@link #MIN_MAX_BYTES}); call before
     * recording. Default {@link #DEFAULT_MAX_BYTES}.
     */
    public SampleStore maxBytes(long bytes) {
        if (bytes < MIN_MAX_BYTES) {
            throw new IllegalArgumentException("the memory bound must be at least 1 MB, got " + bytes + " bytes");
        }
        maxBytes = bytes;
        return this;
    }

    /** The memory bound in force, in estimated heap bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    /** The index of a thread, registering it on first sight. */
    public int thread(long id, String name, boolean virtual) {
        int index = threadIndex.get(id);
        if (index >= 0) {
            return index;
        }
        index = threadNames.size();
        if (index == threadIds.length) {
            threadIds = Arrays.copyOf(threadIds, index * 2);
            threadVirtual = Arrays.copyOf(threadVirtual, index * 2);
            lastRun = Arrays.copyOf(lastRun, index * 2);
            lastStackId = Arrays.copyOf(lastStackId, index * 2);
            lastShallow = Arrays.copyOf(lastShallow, index * 2);
        }
        threadNames.add(name);
        threadNameBytes += stringBytes(name);
        threadIds[index] = id;
        threadVirtual[index] = virtual;
        lastRun[index] = -1;
        lastStackId[index] = StackTable.EMPTY;
        threadIndex.put(id, index);
        return index;
    }

    /**
     * Interns a stack given top frame first, as the JDK returns it. When the tables are full, a stack not
     * seen before is cut to its longest known root-side prefix; the reference returned says so, and
     * {@link #record} counts its samples.
     *
     * @return a reference to the stack for {@link #record} and {@link #primeStack}; {@link #stackId} reads its id
     */
    public long internStack(StackTraceElement[] elements) {
        long tableBudget = maxBytes / 2;
        int id = StackTable.EMPTY;
        boolean cut = false;
        for (int i = elements.length - 1; i >= 0; i--) {
            StackTraceElement e = elements[i];
            int frame = frames.find(e);
            int next = frame < 0 ? -1 : stacks.find(id, frame);
            if (next < 0) {
                long after = stacks.bytesAfterAdd() + frames.bytes() + (frame < 0 ? FrameTable.bytesOf(e) : 0);
                if (after > tableBudget) {
                    cut = true;
                    break;
                }
                if (frame < 0) {
                    frame = frames.add(e);
                }
                next = stacks.add(id, frame);
            }
            id = next;
        }
        return StackRef.of(id, cut);
    }

    /** The stack id a reference from {@link #internStack} or {@link #lastStack} stands for. */
    public static int stackId(long stackRef) {
        return StackRef.id(stackRef);
    }

    /** The state of the thread's latest sample, {@link ThreadState#OTHER} before any. */
    public byte lastState(int threadIndex) {
        int run = lastRun[threadIndex];
        return run < 0 ? ThreadState.OTHER : runs.state(run);
    }

    /** The stack of the thread's latest sample, or the empty stack, as a reference for {@link #record}. */
    public long lastStack(int threadIndex) {
        return StackRef.of(lastStackId[threadIndex], lastShallow[threadIndex]);
    }

    /** A thread's stack as the sampler first saw it, before the session started: recorded as nothing. */
    public void primeStack(int threadIndex, long stackRef) {
        lastStackId[threadIndex] = StackRef.id(stackRef);
        lastShallow[threadIndex] = StackRef.shallow(stackRef);
    }

    /**
     * Records one sample.
     *
     * @param stackRef    the sample's stack, from {@link #internStack} or {@link #lastStack}
     * @param startNanos  start of the time the sample stands for, relative to the session's start
     * @param weightNanos the wall time the sample stands for
     */
    public void record(int threadIndex, long stackRef, byte threadState, long startNanos, long weightNanos) {
        int stackId = StackRef.id(stackRef);
        boolean shallow = StackRef.shallow(stackRef);
        samples++;
        lastShallow[threadIndex] = shallow;
        lastStackId[threadIndex] = stackId;
        int last = lastRun[threadIndex];
        if (last >= 0 && runs.stack(last) == stackId && runs.state(last) == threadState) {
            runs.addWeight(last, weightNanos);
            countShallow(shallow);
            return;
        }
        if (runIndex != null) {
            recordAggregated(threadIndex, stackId, threadState, startNanos, weightNanos, shallow);
            return;
        }
        if (runs.count() == runs.capacity() - reserve() && !runs.grow(runCapacityLimit())) {
            foldTimeline();
            if (runs.count() > (runs.capacity() - reserve()) / 2) {
                // Folding freed too little to be worth repeating: from now on every sample joins its run.
                runIndex = runs.index();
                recordAggregated(threadIndex, stackId, threadState, startNanos, weightNanos, shallow);
                return;
            }
        }
        append(threadIndex, stackId, threadState, startNanos, weightNanos);
        countShallow(shallow);
    }

    private void countShallow(boolean shallow) {
        if (shallow) {
            shallowerSamples++;
        }
    }

    private void recordAggregated(int t, int stackId, byte threadState, long startNanos, long weightNanos,
                                  boolean shallow) {
        int at = runIndex.get(RunTable.key(t, threadState, stackId));
        if (at < 0 && runs.count() < runs.capacity() - reserve()) {
            appendIndexed(t, stackId, threadState, startNanos, weightNanos);
            countShallow(shallow);
            return;
        }
        if (at < 0) {
            // No room for another run: the time goes to the nearest ancestor this thread has a run for.
            for (int s = stacks.parent(stackId); s >= 0 && at < 0; s = stacks.parent(s)) {
                at = runIndex.get(RunTable.key(t, threadState, s));
            }
            lastShallow[t] = true;
            if (at < 0 && runs.count() < runs.capacity()) {
                appendIndexed(t, StackTable.EMPTY, threadState, startNanos, weightNanos);
                shallowerSamples++;
                return;
            }
            if (at < 0) {
                // Only with tens of thousands of threads: counted and reported, never grown.
                droppedSamples++;
                samples--;
                return;
            }
            shallow = true;
        }
        runs.addWeight(at, weightNanos);
        lastRun[t] = at;
        countShallow(shallow);
    }

    /**
     * Runs kept free for threads' stack-less runs, the last resort once the store is full, so time always
     * has a place; the timeline never uses them.
     */
    private int reserve() {
        return runs.capacity() / 16;
    }

    private void appendIndexed(int t, int stackId, byte threadState, long startNanos, long weightNanos) {
        runIndex.put(RunTable.key(t, threadState, stackId), runs.count());
        append(t, stackId, threadState, startNanos, weightNanos);
    }

    private void append(int t, int stackId, byte threadState, long startNanos, long weightNanos) {
        lastRun[t] = runs.append(t, stackId, threadState, startNanos, weightNanos);
    }

    /** The most runs the budget holds next to full tables and the threads seen so far. */
    private int runCapacityLimit() {
        long budget = maxBytes - maxBytes / 2 - threadBytes();
        int lo = 0;
        int hi = maxRuns;
        while (lo < hi) {
            int mid = (int) ((lo + (long) hi + 1) / 2);
            if (RunTable.bytes(mid) <= budget) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        // Never below what is allocated already: the arrays exist, only growth is refused.
        return Math.max(lo, runs.capacity());
    }

    /**
     * Keeps memory bounded: merges all runs of the same (thread, stack, state) into the first one.
     * The aggregate view stays exact; the timeline loses its order, and the session says so.
     */
    private void foldTimeline() {
        aggregated = true;
        runs.fold();
        Arrays.fill(lastRun, 0, threadNames.size(), -1);
    }

    /**
     * The store's estimated heap bytes at its peak: the run arrays at their capacity plus the index a fold
     * builds over them, the frame and stack tables, and the threads. Stays at or under {@link #maxBytes()}
     * (apart from thread entries, which are never dropped).
     */
    public long estimatedBytes() {
        return RunTable.bytes(runs.capacity()) + frames.bytes() + stacks.bytes() + threadBytes();
    }

    private long threadBytes() {
        return threadIds.length * (8L + 1 + 4 + 1) + threadIndex.bytes() + threadNameBytes + 4L * threadNames.size();
    }

    private static long stringBytes(String s) {
        return 40 + ((s.length() + 7) & ~7);
    }

    /** Samples that could not be stored at all (the store was full and no ancestor had room); normally 0. */
    public long droppedSamples() {
        return droppedSamples;
    }

    /** Samples kept at a shallower stack than sampled because the memory bound was reached. */
    public long shallowerSamples() {
        return shallowerSamples;
    }

    /** True once the memory bound changed what was recorded: timeline folded or stacks cut short. */
    public boolean memoryLimitReached() {
        return aggregated || shallowerSamples > 0 || droppedSamples > 0;
    }

    public FrameTable frames() {
        return frames;
    }

    public StackTable stacks() {
        return stacks;
    }

    public int threadCount() {
        return threadNames.size();
    }

    public String threadName(int index) {
        return threadNames.get(index);
    }

    public long threadId(int index) {
        return threadIds[index];
    }

    public boolean threadVirtual(int index) {
        return threadVirtual[index];
    }

    /** Renames a thread (threads are often named after they start). */
    public void renameThread(int index, String name) {
        threadNameBytes += stringBytes(name) - stringBytes(threadNames.get(index));
        threadNames.set(index, name);
    }

    public int runCount() {
        return runs.count();
    }

    public long runStart(int run) {
        return runs.start(run);
    }

    public long runWeight(int run) {
        return runs.weight(run);
    }

    public int runThread(int run) {
        return runs.thread(run);
    }

    public int runStack(int run) {
        return runs.stack(run);
    }

    public byte runState(int run) {
        return runs.state(run);
    }

    /** Samples recorded, counting each merged repeat. */
    public long sampleCount() {
        return samples;
    }

    /** True once the timeline was folded to keep memory bounded. */
    public boolean timelineAggregated() {
        return aggregated;
    }
}

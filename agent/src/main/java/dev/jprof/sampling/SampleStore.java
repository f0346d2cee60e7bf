package dev.jprof.sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Samples as primitive arrays: one run per (thread, stack, state) repeated back to back, so a thread
 * that waits for an hour costs one entry. Frames and stacks are interned. Written by the sampler only;
 * readers synchronise on the store.
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
    /** Bytes of one run in the five run arrays. */
    private static final int RUN_BYTES = 8 + 8 + 4 + 4 + 1;
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

    private long[] start;
    private long[] weight;
    private int[] thread;
    private int[] stack;
    private byte[] state;
    private int runs;
    private long samples;
    private final int maxRuns;
    private long maxBytes = DEFAULT_MAX_BYTES;
    private boolean aggregated;
    /** Set once folding no longer frees room: every run found by key, new samples merge into it. */
    private LongIntMap runIndex;
    private long droppedSamples;
    private long shallowerSamples;
    /** Whether the stack about to be recorded was cut short; set by internStack and lastStack. */
    private boolean pendingShallow;

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
            maxBytes = Math.max(DEFAULT_MAX_BYTES, 2 * runBytes(this.maxRuns) + (2L << 20));
        }
        int initial = Math.min(4096, this.maxRuns);
        start = new long[initial];
        weight = new long[initial];
        thread = new int[initial];
        stack = new int[initial];
        state = new byte[initial];
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
     * seen before is cut to its longest known root-side prefix (the next {@link #record} counts it).
     */
    public int internStack(StackTraceElement[] elements) {
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
        pendingShallow = cut;
        return id;
    }

    /** The stack of the thread's latest sample, or the empty stack. */
    /** The state of the thread's latest sample, {@link ThreadState#OTHER} before any. */
    public byte lastState(int threadIndex) {
        int run = lastRun[threadIndex];
        return run < 0 ? ThreadState.OTHER : state[run];
    }

    public int lastStack(int threadIndex) {
        pendingShallow = lastShallow[threadIndex];
        return lastStackId[threadIndex];
    }

    /** A thread's stack as the sampler first saw it, before the session started: recorded as nothing. */
    public void primeStack(int threadIndex, int stackId) {
        lastStackId[threadIndex] = stackId;
        lastShallow[threadIndex] = pendingShallow;
        pendingShallow = false;
    }

    /**
     * Records one sample.
     *
     * @param startNanos  start of the time the sample stands for, relative to the session's start
     * @param weightNanos the wall time the sample stands for
     */
    public void record(int threadIndex, int stackId, byte threadState, long startNanos, long weightNanos) {
        boolean shallow = pendingShallow;
        pendingShallow = false;
        samples++;
        lastShallow[threadIndex] = shallow;
        lastStackId[threadIndex] = stackId;
        int last = lastRun[threadIndex];
        if (last >= 0 && stack[last] == stackId && state[last] == threadState) {
            weight[last] += weightNanos;
            countShallow(shallow);
            return;
        }
        if (runIndex != null) {
            recordAggregated(threadIndex, stackId, threadState, startNanos, weightNanos, shallow);
            return;
        }
        if (runs == start.length - reserve() && !grow()) {
            foldTimeline();
            if (runs > (start.length - reserve()) / 2) {
                // Folding freed too little to be worth repeating: from now on every sample joins its run.
                runIndex = indexRuns();
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
        int at = runIndex.get(runKey(t, threadState, stackId));
        if (at < 0 && runs < start.length - reserve()) {
            appendIndexed(t, stackId, threadState, startNanos, weightNanos);
            countShallow(shallow);
            return;
        }
        if (at < 0) {
            // No room for another run: the time goes to the nearest ancestor this thread has a run for.
            for (int s = stacks.parent(stackId); s >= 0 && at < 0; s = stacks.parent(s)) {
                at = runIndex.get(runKey(t, threadState, s));
            }
            lastShallow[t] = true;
            if (at < 0 && runs < start.length) {
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
        weight[at] += weightNanos;
        lastRun[t] = at;
        countShallow(shallow);
    }

    /**
     * Runs kept free for threads' stack-less runs, the last resort once the store is full, so time always
     * has a place; the timeline never uses them.
     */
    private int reserve() {
        return start.length / 16;
    }

    private void appendIndexed(int t, int stackId, byte threadState, long startNanos, long weightNanos) {
        runIndex.put(runKey(t, threadState, stackId), runs);
        append(t, stackId, threadState, startNanos, weightNanos);
    }

    private void append(int t, int stackId, byte threadState, long startNanos, long weightNanos) {
        start[runs] = startNanos;
        weight[runs] = weightNanos;
        thread[runs] = t;
        stack[runs] = stackId;
        state[runs] = threadState;
        lastRun[t] = runs;
        runs++;
    }

    /** Doubles the run arrays if the budget allows a larger capacity; false when they are at their bound. */
    private boolean grow() {
        int limit = runCapacityLimit();
        if (limit <= start.length) {
            return false;
        }
        int n = (int) Math.min(limit, start.length * 2L);
        start = Arrays.copyOf(start, n);
        weight = Arrays.copyOf(weight, n);
        thread = Arrays.copyOf(thread, n);
        stack = Arrays.copyOf(stack, n);
        state = Arrays.copyOf(state, n);
        return true;
    }

    /** The most runs the budget holds next to full tables and the threads seen so far. */
    private int runCapacityLimit() {
        long budget = maxBytes - maxBytes / 2 - threadBytes();
        int lo = 0;
        int hi = maxRuns;
        while (lo < hi) {
            int mid = (int) ((lo + (long) hi + 1) / 2);
            if (runBytes(mid) <= budget) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        // Never below what is allocated already: the arrays exist, only growth is refused.
        return Math.max(lo, start.length);
    }

    /** Bytes of {@code capacity} runs: the arrays plus the index a fold builds over them. */
    private static long runBytes(int capacity) {
        return (long) RUN_BYTES * capacity + 12L * Integer.highestOneBit(Math.max(16, 2 * capacity) * 2 - 1);
    }

    private static long runKey(int t, byte threadState, int stackId) {
        return ((long) t << 40) ^ ((long) threadState << 32) ^ (stackId & 0xffffffffL);
    }

    /**
     * Keeps memory bounded: merges all runs of the same (thread, stack, state) into the first one.
     * The aggregate view stays exact; the timeline loses its order, and the session says so.
     */
    private void foldTimeline() {
        aggregated = true;
        LongIntMap first = new LongIntMap(2 * start.length);
        int kept = 0;
        for (int i = 0; i < runs; i++) {
            long key = runKey(thread[i], state[i], stack[i]);
            int at = first.get(key);
            if (at >= 0) {
                weight[at] += weight[i];
                continue;
            }
            start[kept] = start[i];
            weight[kept] = weight[i];
            thread[kept] = thread[i];
            stack[kept] = stack[i];
            state[kept] = state[i];
            first.put(key, kept);
            kept++;
        }
        runs = kept;
        Arrays.fill(lastRun, 0, threadNames.size(), -1);
    }

    /** An index of the (folded, so distinct) runs, sized so it never grows past the budget. */
    private LongIntMap indexRuns() {
        LongIntMap index = new LongIntMap(2 * start.length);
        for (int i = 0; i < runs; i++) {
            index.put(runKey(thread[i], state[i], stack[i]), i);
        }
        return index;
    }

    /**
     * The store's estimated heap bytes at its peak: the run arrays at their capacity plus the index a fold
     * builds over them, the frame and stack tables, and the threads. Stays at or under {@link #maxBytes()}
     * (apart from thread entries, which are never dropped).
     */
    public long estimatedBytes() {
        return runBytes(start.length) + frames.bytes() + stacks.bytes() + threadBytes();
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
        return runs;
    }

    public long runStart(int run) {
        return start[run];
    }

    public long runWeight(int run) {
        return weight[run];
    }

    public int runThread(int run) {
        return thread[run];
    }

    public int runStack(int run) {
        return stack[run];
    }

    public byte runState(int run) {
        return state[run];
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

package dev.jprof.sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Samples as primitive arrays: one run per (thread, stack, state) repeated back to back, so a thread
 * that waits for an hour costs one entry. Frames and stacks are interned. Written by the sampler only;
 * readers synchronise on the store.
 */
public final class SampleStore {
    private final FrameTable frames = new FrameTable();
    private final StackTable stacks = new StackTable();

    private final LongIntMap threadIndex = new LongIntMap(64);
    private final List<String> threadNames = new ArrayList<>();
    private long[] threadIds = new long[64];
    private boolean[] threadVirtual = new boolean[64];
    private int[] lastRun = new int[64];

    private long[] start = new long[4096];
    private long[] weight = new long[4096];
    private int[] thread = new int[4096];
    private int[] stack = new int[4096];
    private byte[] state = new byte[4096];
    private int runs;
    private long samples;
    private final int maxRuns;
    private boolean aggregated;
    private long droppedSamples;

    /** A store that keeps at most {@code maxRuns} runs before folding its timeline into aggregates. */
    public SampleStore(int maxRuns) {
        this.maxRuns = Math.max(1024, maxRuns);
    }

    public SampleStore() {
        this(1 << 20);
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
        }
        threadNames.add(name);
        threadIds[index] = id;
        threadVirtual[index] = virtual;
        lastRun[index] = -1;
        threadIndex.put(id, index);
        return index;
    }

    /** Interns a stack given top frame first, as the JDK returns it. */
    public int internStack(StackTraceElement[] elements) {
        int id = StackTable.EMPTY;
        for (int i = elements.length - 1; i >= 0; i--) {
            id = stacks.child(id, frames.intern(elements[i]));
        }
        return id;
    }

    /** The stack of the thread's latest sample, or the empty stack. */
    public int lastStack(int threadIndex) {
        int run = lastRun[threadIndex];
        return run < 0 ? StackTable.EMPTY : stack[run];
    }

    /**
     * Records one sample.
     *
     * @param startNanos  start of the time the sample stands for, relative to the session's start
     * @param weightNanos the wall time the sample stands for
     */
    public void record(int threadIndex, int stackId, byte threadState, long startNanos, long weightNanos) {
        samples++;
        int last = lastRun[threadIndex];
        if (last >= 0 && stack[last] == stackId && state[last] == threadState) {
            weight[last] += weightNanos;
            return;
        }
        if (runs == maxRuns) {
            foldTimeline();
            if (runs >= maxRuns * 3 / 4) {
                // Even the aggregate does not fit: count what cannot be kept instead of growing.
                droppedSamples++;
                samples--;
                return;
            }
        }
        if (runs == start.length) {
            int n = Math.min(maxRuns, runs * 2);
            start = Arrays.copyOf(start, n);
            weight = Arrays.copyOf(weight, n);
            thread = Arrays.copyOf(thread, n);
            stack = Arrays.copyOf(stack, n);
            state = Arrays.copyOf(state, n);
        }
        start[runs] = startNanos;
        weight[runs] = weightNanos;
        thread[runs] = threadIndex;
        stack[runs] = stackId;
        state[runs] = threadState;
        lastRun[threadIndex] = runs;
        runs++;
    }

    /**
     * Keeps memory bounded: merges all runs of the same (thread, stack, state) into the first one.
     * The aggregate view stays exact; the timeline loses its order, and the session says so.
     */
    private void foldTimeline() {
        aggregated = true;
        LongIntMap first = new LongIntMap(runs);
        int kept = 0;
        for (int i = 0; i < runs; i++) {
            long key = ((long) thread[i] << 40) ^ ((long) state[i] << 32) ^ (stack[i] & 0xffffffffL);
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

    /** Samples that did not fit once the store was full even after folding its timeline. */
    public long droppedSamples() {
        return droppedSamples;
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

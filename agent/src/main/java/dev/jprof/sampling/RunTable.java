package dev.jprof.sampling;

import java.util.Arrays;

/**
 * The runs of a {@link SampleStore} as five primitive arrays: one run per (thread, stack, state) repeated
 * back to back, with its start and weight. The arrays grow up to a capacity the store's budget allows; when
 * they are full, {@link #fold()} merges the runs of the same (thread, stack, state).
 */
final class RunTable {
    /** Bytes of one run in the five run arrays. */
    private static final int RUN_BYTES = 8 + 8 + 4 + 4 + 1;

    private long[] start;
    private long[] weight;
    private int[] thread;
    private int[] stack;
    private byte[] state;
    private int runs;

    RunTable(int initialCapacity) {
        start = new long[initialCapacity];
        weight = new long[initialCapacity];
        thread = new int[initialCapacity];
        stack = new int[initialCapacity];
        state = new byte[initialCapacity];
    }

    /** Appends a run; returns its index. */
    int append(int t, int stackId, byte threadState, long startNanos, long weightNanos) {
        start[runs] = startNanos;
        weight[runs] = weightNanos;
        thread[runs] = t;
        stack[runs] = stackId;
        state[runs] = threadState;
        return runs++;
    }

    void addWeight(int run, long weightNanos) {
        weight[run] += weightNanos;
    }

    /** Doubles the run arrays, up to {@code limit} runs; false when they are at it already. */
    boolean grow(int limit) {
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

    /** Bytes of {@code capacity} runs: the arrays plus the index a fold builds over them. */
    static long bytes(int capacity) {
        return (long) RUN_BYTES * capacity + 12L * Integer.highestOneBit(Math.max(16, 2 * capacity) * 2 - 1);
    }

    static long key(int t, byte threadState, int stackId) {
        return ((long) t << 40) ^ ((long) threadState << 32) ^ (stackId & 0xffffffffL);
    }

    /**
     * Keeps memory bounded: merges all runs of the same (thread, stack, state) into the first one.
     * The aggregate view stays exact; the timeline loses its order.
     */
    void fold() {
        LongIntMap first = new LongIntMap(2 * start.length);
        int kept = 0;
        for (int i = 0; i < runs; i++) {
            long key = key(thread[i], state[i], stack[i]);
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
    }

    /** An index of the (folded, so distinct) runs, sized so it never grows past the budget. */
    LongIntMap index() {
        LongIntMap index = new LongIntMap(2 * start.length);
        for (int i = 0; i < runs; i++) {
            index.put(key(thread[i], state[i], stack[i]), i);
        }
        return index;
    }

    /** The runs the arrays hold now, before growing. */
    int capacity() {
        return start.length;
    }

    int count() {
        return runs;
    }

    long start(int run) {
        return start[run];
    }

    long weight(int run) {
        return weight[run];
    }

    int thread(int run) {
        return thread[run];
    }

    int stack(int run) {
        return stack[run];
    }

    byte state(int run) {
        return state[run];
    }
}

package dev.jprof.sampling;

import java.util.Arrays;

/**
 * Stacks interned as a trie of frame ids: stack id -> (parent stack id, frame id). Id 0 is the empty
 * stack. Memory grows with distinct stacks, not with samples.
 */
public final class StackTable {
    /** The id of the empty stack. */
    public static final int EMPTY = 0;

    private int[] parents = new int[1024];
    private int[] frames = new int[1024];
    private int size = 1;
    private final LongIntMap index = new LongIntMap(1024);

    public StackTable() {
        parents[0] = -1;
        frames[0] = -1;
    }

    /** The id of the stack {@code parent} + {@code frame} (frame being the new top). */
    public int child(int parent, int frame) {
        int id = find(parent, frame);
        return id >= 0 ? id : add(parent, frame);
    }

    /** The id of the stack {@code parent} + {@code frame} if it is known, else -1. */
    int find(int parent, int frame) {
        return index.get(key(parent, frame));
    }

    /** Adds a stack not known yet. */
    int add(int parent, int frame) {
        if (size == parents.length) {
            parents = Arrays.copyOf(parents, size * 2);
            frames = Arrays.copyOf(frames, size * 2);
        }
        int id = size++;
        parents[id] = parent;
        frames[id] = frame;
        index.put(key(parent, frame), id);
        return id;
    }

    private static long key(int parent, int frame) {
        return ((long) parent << 32) | (frame & 0xffffffffL);
    }

    /** Estimated heap bytes of this table: its arrays and its index. */
    long bytes() {
        return 64 + parents.length * 8L + index.bytes();
    }

    /** Estimated heap bytes once one more stack is added (arrays double when full). */
    long bytesAfterAdd() {
        return 64 + (size == parents.length ? parents.length * 16L : parents.length * 8L) + index.bytesAfterPut();
    }

    /** Parent of a stack; -1 for the empty stack. */
    public int parent(int stack) {
        return parents[stack];
    }

    /** Top frame id of a stack; -1 for the empty stack. */
    public int frame(int stack) {
        return frames[stack];
    }

    public int size() {
        return size;
    }
}

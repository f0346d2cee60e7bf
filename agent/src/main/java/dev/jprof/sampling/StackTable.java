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
        long key = ((long) parent << 32) | (frame & 0xffffffffL);
        int id = index.get(key);
        if (id >= 0) {
            return id;
        }
        if (size == parents.length) {
            parents = Arrays.copyOf(parents, size * 2);
            frames = Arrays.copyOf(frames, size * 2);
        }
        id = size++;
        parents[id] = parent;
        frames[id] = frame;
        index.put(key, id);
        return id;
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

package dev.jprof.sampling;

import java.util.Arrays;

/** Open-addressing map from long keys to non-negative ints; no boxing on the sampler's path. */
final class LongIntMap {
    private static final long EMPTY = Long.MIN_VALUE;
    private long[] keys;
    private int[] values;
    private int size;

    LongIntMap(int capacity) {
        int cap = Integer.highestOneBit(Math.max(16, capacity) * 2 - 1);
        keys = new long[cap];
        values = new int[cap];
        Arrays.fill(keys, EMPTY);
    }

    /** The value for key, or -1. */
    int get(long key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == EMPTY) {
                return -1;
            }
        }
    }

    void put(long key, int value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == EMPTY) {
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
    }

    int size() {
        return size;
    }

    /** Bytes of this map's arrays. */
    long bytes() {
        return keys.length * 12L;
    }

    /** Bytes of this map's arrays once one more key is put (a put may double them). */
    long bytesAfterPut() {
        return (size + 1) * 2 > keys.length ? keys.length * 24L : bytes();
    }

    /** Empties the map, keeping its arrays (grown to hold at least {@code capacity} keys). */
    void reset(int capacity) {
        if (capacity * 2 > keys.length) {
            int cap = Integer.highestOneBit(Math.max(16, capacity) * 2 - 1) * 2;
            keys = new long[cap];
            values = new int[cap];
        }
        Arrays.fill(keys, EMPTY);
        size = 0;
    }

    /** Replaces this map's contents with another's. */
    void clear(LongIntMap from) {
        keys = from.keys;
        values = from.values;
        size = from.size;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}

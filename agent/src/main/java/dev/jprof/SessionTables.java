package dev.jprof;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compact tables behind a {@link Session}: strings, frames, stacks (a trie), threads and sample
 * runs. Immutable once built; {@link Builder} interns while building (snapshot, combine).
 */
final class SessionTables {
    final String[] strings;
    final int[] frameClass;
    final int[] frameMethod;
    final int[] frameFile;
    final int[] frameLine;
    final int[] frameLocation;
    final int[] frameLibrary;
    final boolean[] frameApp;
    final int[] stackParent;
    final int[] stackFrame;
    final long[] threadId;
    final String[] threadName;
    final boolean[] threadVirtual;
    final long[] runStart;
    final long[] runWeight;
    final int[] runThread;
    final int[] runStack;
    final byte[] runState;

    SessionTables(String[] strings, int[] frameClass, int[] frameMethod, int[] frameFile, int[] frameLine,
                  int[] frameLocation, int[] frameLibrary, boolean[] frameApp, int[] stackParent, int[] stackFrame,
                  long[] threadId, String[] threadName, boolean[] threadVirtual, long[] runStart, long[] runWeight,
                  int[] runThread, int[] runStack, byte[] runState) {
        this.strings = strings;
        this.frameClass = frameClass;
        this.frameMethod = frameMethod;
        this.frameFile = frameFile;
        this.frameLine = frameLine;
        this.frameLocation = frameLocation;
        this.frameLibrary = frameLibrary;
        this.frameApp = frameApp;
        this.stackParent = stackParent;
        this.stackFrame = stackFrame;
        this.threadId = threadId;
        this.threadName = threadName;
        this.threadVirtual = threadVirtual;
        this.runStart = runStart;
        this.runWeight = runWeight;
        this.runThread = runThread;
        this.runStack = runStack;
        this.runState = runState;
    }

    int frameCount() {
        return frameClass.length;
    }

    int stackCount() {
        return stackParent.length;
    }

    int runCount() {
        return runStart.length;
    }

    /** Frames of a stack, outermost first. */
    int[] framesOf(int stack) {
        int depth = 0;
        for (int s = stack; s > 0; s = stackParent[s]) {
            depth++;
        }
        int[] out = new int[depth];
        for (int s = stack; s > 0; s = stackParent[s]) {
            out[--depth] = stackFrame[s];
        }
        return out;
    }

    /** Checks every index and length; throws {@link IllegalArgumentException} naming the first problem. */
    void validate() {
        int f = frameClass.length;
        require(frameMethod.length == f && frameFile.length == f && frameLine.length == f
                && frameLocation.length == f && frameLibrary.length == f && frameApp.length == f,
                "frame columns have different lengths");
        for (int i = 0; i < f; i++) {
            checkString(frameClass[i], "frames.class");
            checkString(frameMethod[i], "frames.method");
            checkString(frameFile[i], "frames.file");
            checkString(frameLocation[i], "frames.location");
            checkString(frameLibrary[i], "frames.library");
        }
        require(stackParent.length == stackFrame.length, "stack columns have different lengths");
        require(stackParent.length >= 1 && stackParent[0] == -1, "stack 0 must be the empty stack");
        for (int i = 1; i < stackParent.length; i++) {
            require(stackParent[i] >= 0 && stackParent[i] < i, "stacks.parent[" + i + "] is out of range");
            require(stackFrame[i] >= 0 && stackFrame[i] < f, "stacks.frame[" + i + "] is out of range");
        }
        int t = threadId.length;
        require(threadName.length == t && threadVirtual.length == t, "thread columns have different lengths");
        for (String name : threadName) {
            require(name != null, "a thread has no name");
        }
        int r = runStart.length;
        require(runWeight.length == r && runThread.length == r && runStack.length == r && runState.length == r,
                "sample columns have different lengths");
        for (int i = 0; i < r; i++) {
            require(runWeight[i] >= 0, "samples.weight[" + i + "] is negative");
            require(runThread[i] >= 0 && runThread[i] < t, "samples.thread[" + i + "] is out of range");
            require(runStack[i] >= 0 && runStack[i] < stackParent.length, "samples.stack[" + i + "] is out of range");
        }
    }

    private void checkString(int index, String what) {
        require(index >= 0 && index < strings.length, what + " refers to a missing string " + index);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Builds tables, interning strings, frames, stacks and threads. */
    static final class Builder {
        private final List<String> strings = new ArrayList<>();
        private final Map<String, Integer> stringIds = new HashMap<>();
        private final IntList frameClass = new IntList();
        private final IntList frameMethod = new IntList();
        private final IntList frameFile = new IntList();
        private final IntList frameLine = new IntList();
        private final IntList frameLocation = new IntList();
        private final IntList frameLibrary = new IntList();
        private final List<Boolean> frameApp = new ArrayList<>();
        private final Map<List<Integer>, Integer> frameIds = new HashMap<>();
        private final IntList stackParent = new IntList();
        private final IntList stackFrame = new IntList();
        private final Map<Long, Integer> stackIds = new HashMap<>();
        private final List<Long> threadId = new ArrayList<>();
        private final List<String> threadName = new ArrayList<>();
        private final List<Boolean> threadVirtual = new ArrayList<>();
        private final Map<String, Integer> threadIds = new HashMap<>();
        private final LongList runStart = new LongList();
        private final LongList runWeight = new LongList();
        private final IntList runThread = new IntList();
        private final IntList runStack = new IntList();
        private final ByteList runState = new ByteList();

        Builder() {
            stackParent.add(-1);
            stackFrame.add(-1);
        }

        int string(String s) {
            String v = s == null ? "" : s;
            Integer id = stringIds.get(v);
            if (id == null) {
                id = strings.size();
                strings.add(v);
                stringIds.put(v, id);
            }
            return id;
        }

        int frame(String className, String method, String file, int line, CodeLocation location) {
            List<Integer> key = List.of(string(className), string(method), string(file), line,
                    string(location.path()), string(location.library()), location.isApplicationCode() ? 1 : 0);
            Integer id = frameIds.get(key);
            if (id == null) {
                id = frameClass.size();
                frameClass.add(key.get(0));
                frameMethod.add(key.get(1));
                frameFile.add(key.get(2));
                frameLine.add(line);
                frameLocation.add(key.get(4));
                frameLibrary.add(key.get(5));
                frameApp.add(location.isApplicationCode());
                frameIds.put(key, id);
            }
            return id;
        }

        int stack(int parent, int frame) {
            // Times an odd constant, a bijection: as (parent << 32 | frame), Long.hashCode was parent ^ frame, and a
            // chain of calls (parent i - 1, frame i) put its stacks in a few buckets, turned into trees.
            long key = (((long) parent << 32) | (frame & 0xffffffffL)) * 0x9E3779B97F4A7C15L;
            Integer id = stackIds.get(key);
            if (id == null) {
                id = stackParent.size();
                stackParent.add(parent);
                stackFrame.add(frame);
                stackIds.put(key, id);
            }
            return id;
        }

        int thread(long id, String name, boolean virtual) {
            String key = id + "\0" + name;
            Integer index = threadIds.get(key);
            if (index == null) {
                index = threadId.size();
                threadId.add(id);
                threadName.add(name);
                threadVirtual.add(virtual);
                threadIds.put(key, index);
            }
            return index;
        }

        void run(long start, long weight, int thread, int stack, byte state) {
            runStart.add(start);
            runWeight.add(weight);
            runThread.add(thread);
            runStack.add(stack);
            runState.add(state);
        }

        /** Copies all of {@code other}'s samples in, shifting their start times by {@code offsetNanos}. */
        void addAll(SessionTables other, long offsetNanos) {
            int[] frameMap = new int[other.frameCount()];
            for (int i = 0; i < frameMap.length; i++) {
                frameMap[i] = frame(other.strings[other.frameClass[i]], other.strings[other.frameMethod[i]],
                        other.strings[other.frameFile[i]], other.frameLine[i],
                        new CodeLocation(other.strings[other.frameLocation[i]], other.strings[other.frameLibrary[i]],
                                other.frameApp[i]));
            }
            int[] stackMap = new int[other.stackCount()];
            for (int i = 1; i < stackMap.length; i++) {
                stackMap[i] = stack(stackMap[other.stackParent[i]], frameMap[other.stackFrame[i]]);
            }
            int[] threadMap = new int[other.threadId.length];
            for (int i = 0; i < threadMap.length; i++) {
                threadMap[i] = thread(other.threadId[i], other.threadName[i], other.threadVirtual[i]);
            }
            for (int i = 0; i < other.runCount(); i++) {
                run(other.runStart[i] + offsetNanos, other.runWeight[i], threadMap[other.runThread[i]],
                        stackMap[other.runStack[i]], other.runState[i]);
            }
        }

        SessionTables build() {
            boolean[] app = new boolean[frameApp.size()];
            for (int i = 0; i < app.length; i++) {
                app[i] = frameApp.get(i);
            }
            long[] tids = new long[threadId.size()];
            boolean[] tvirt = new boolean[threadId.size()];
            for (int i = 0; i < tids.length; i++) {
                tids[i] = threadId.get(i);
                tvirt[i] = threadVirtual.get(i);
            }
            return new SessionTables(strings.toArray(new String[0]), frameClass.toArray(), frameMethod.toArray(),
                    frameFile.toArray(), frameLine.toArray(), frameLocation.toArray(), frameLibrary.toArray(), app,
                    stackParent.toArray(), stackFrame.toArray(), tids, threadName.toArray(new String[0]), tvirt,
                    runStart.toArray(), runWeight.toArray(), runThread.toArray(), runStack.toArray(),
                    runState.toArray());
        }
    }

    static final class IntList {
        private int[] a = new int[16];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int size() {
            return n;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }

    static final class LongList {
        private long[] a = new long[16];
        private int n;

        void add(long v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }

    static final class ByteList {
        private byte[] a = new byte[16];
        private int n;

        void add(byte v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        byte[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}

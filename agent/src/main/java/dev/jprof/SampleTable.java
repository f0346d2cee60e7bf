package dev.jprof;

/**
 * Read-only access to what a {@link Session} recorded, for renderers that draw samples rather than a
 * call tree (the HTML timeline): interned frames, stacks as a trie of frames, threads, and sample runs
 * (consecutive samples of one thread with the same stack and state, merged). Rows are numbered from 0;
 * stack 0 is the empty stack. Obtain it from {@link Session#samples()}.
 */
public final class SampleTable {
    private final SessionTables t;

    SampleTable(SessionTables tables) {
        this.t = tables;
    }

    /** Number of distinct frames (class, method, file, line). */
    public int frameCount() {
        return t.frameCount();
    }

    /** A frame's fully qualified class name. */
    public String frameClass(int frame) {
        return t.strings[t.frameClass[frame]];
    }

    /** A frame's method name. */
    public String frameMethod(int frame) {
        return t.strings[t.frameMethod[frame]];
    }

    /** A frame's source file name; empty when unknown. */
    public String frameFile(int frame) {
        String file = t.strings[t.frameFile[frame]];
        return file == null ? "" : file;
    }

    /** A frame's line number; 0 or less when unknown. */
    public int frameLine(int frame) {
        return t.frameLine[frame];
    }

    /** True when a frame is the user's own code, not the JDK's or a dependency's. */
    public boolean frameIsApplicationCode(int frame) {
        return t.frameApp[frame];
    }

    /** Number of stacks, the empty stack 0 included. */
    public int stackCount() {
        return t.stackCount();
    }

    /** The stack one frame shorter (its caller's); 0 for a one-frame stack. */
    public int stackParent(int stack) {
        return t.stackParent[stack];
    }

    /** The innermost frame of a stack other than 0. */
    public int stackFrame(int stack) {
        return t.stackFrame[stack];
    }

    /** Number of sampled threads. */
    public int threadCount() {
        return t.threadId.length;
    }

    /** A thread's name. */
    public String threadName(int thread) {
        return t.threadName[thread];
    }

    /** True for a virtual thread. */
    public boolean threadIsVirtual(int thread) {
        return t.threadVirtual[thread];
    }

    /** Number of sample runs. */
    public int runCount() {
        return t.runCount();
    }

    /** The thread (row of the thread table) of a run. */
    public int runThread(int run) {
        return t.runThread[run];
    }

    /** The stack of a run. */
    public int runStack(int run) {
        return t.runStack[run];
    }

    /** The thread state of a run, a {@code dev.jprof.sampling.ThreadState} constant. */
    public byte runState(int run) {
        return t.runState[run];
    }

    /** When a run started, in nanoseconds since the session started. */
    public long runStart(int run) {
        return t.runStart[run];
    }

    /** The wall time a run stands for, in nanoseconds. */
    public long runWeight(int run) {
        return t.runWeight[run];
    }
}

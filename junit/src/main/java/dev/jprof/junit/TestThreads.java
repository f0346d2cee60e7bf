package dev.jprof.junit;

import java.util.Arrays;
import java.util.function.Predicate;

/**
 * The threads of one test: the thread that runs it and every thread started while it runs. Threads alive
 * when the test began (the build's, other tests' pools) are left out. Thread ids are never reused, so a
 * thread is new exactly when its id was not among those alive at the start; the ids are kept sorted in an
 * array so that the sampler's check, made for every thread at every sample, allocates nothing.
 */
final class TestThreads implements Predicate<Thread> {
    private final Thread testThread;
    private final long[] before;

    private TestThreads(Thread testThread, long[] before) {
        this.testThread = testThread;
        this.before = before;
    }

    /** The calling thread and the threads started from now on. */
    @SuppressWarnings("deprecation") // Thread.getId: threadId() is JDK 19+
    static TestThreads ofCurrentTest() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] alive = new Thread[root.activeCount() + 16];
        int n;
        while ((n = root.enumerate(alive, true)) == alive.length) {
            alive = new Thread[alive.length * 2];
        }
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = alive[i].getId();
        }
        Arrays.sort(ids);
        return new TestThreads(Thread.currentThread(), ids);
    }

    @Override
    @SuppressWarnings("deprecation")
    public boolean test(Thread t) {
        return t == testThread || Arrays.binarySearch(before, t.getId()) < 0;
    }
}

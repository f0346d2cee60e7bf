package dev.jprof.sampling;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Chooses which platform threads a {@link PlatformStackSource} samples: every application thread
 * (agent mode) or a fixed set (the API's calling thread).
 */
public abstract class ThreadSelector {
    private static final Set<String> JVM_INTERNAL = Set.of(
            "Reference Handler", "Finalizer", "Signal Dispatcher", "Common-Cleaner", "Attach Listener",
            "Notification Thread", "DestroyJavaVM", "Monitor Deflation Thread", "Service Thread",
            "VirtualThread-unblocker"); // JDK 25's, started by JFR's recording stream

    /** Threads to sample now; may contain nulls past the last element. */
    abstract Thread[] select();

    /** True for threads jprof never shows: the JVM's own and jprof's. */
    public static boolean isInternal(Thread thread) {
        String name = thread.getName();
        return JVM_INTERNAL.contains(name) || name.startsWith("jprof-") || name.startsWith("JFR ");
    }

    /** Every live application thread. */
    public static ThreadSelector allApplicationThreads() {
        return new All(false, t -> true);
    }

    /** The live application threads {@code filter} accepts, asked at every sample. */
    public static ThreadSelector applicationThreadsMatching(Predicate<Thread> filter) {
        return new All(false, filter);
    }

    /**
     * Every live application thread except the carriers of virtual threads, whose work is sampled
     * through the virtual threads themselves.
     */
    public static ThreadSelector allApplicationThreadsExceptCarriers() {
        return new All(true, t -> true);
    }

    /** Just these threads, while they live. */
    public static ThreadSelector only(Thread... threads) {
        return new Fixed(threads);
    }

    private static final class All extends ThreadSelector {
        private final ThreadGroup root;
        private final boolean skipCarriers;
        private final Predicate<Thread> filter;
        private Thread[] buffer = new Thread[64];

        All(boolean skipCarriers, Predicate<Thread> filter) {
            this.skipCarriers = skipCarriers;
            this.filter = filter;
            ThreadGroup g = Thread.currentThread().getThreadGroup();
            while (g.getParent() != null) {
                g = g.getParent();
            }
            root = g;
        }

        @Override
        Thread[] select() {
            int n;
            while ((n = root.enumerate(buffer, true)) == buffer.length) {
                buffer = new Thread[buffer.length * 2];
            }
            int kept = 0;
            for (int i = 0; i < n; i++) {
                Thread t = buffer[i];
                if (!isInternal(t) && !(skipCarriers && VirtualThreads.isCarrier(t)) && filter.test(t)) {
                    buffer[kept++] = t;
                }
            }
            Arrays.fill(buffer, kept, n, null);
            return buffer;
        }
    }

    private static final class Fixed extends ThreadSelector {
        private final Thread[] threads;
        private final Thread[] alive;

        Fixed(Thread[] threads) {
            this.threads = threads.clone();
            this.alive = new Thread[threads.length];
        }

        @Override
        Thread[] select() {
            int kept = 0;
            for (Thread t : threads) {
                if (t.isAlive()) {
                    alive[kept++] = t;
                }
            }
            Arrays.fill(alive, kept, alive.length, null);
            return alive;
        }
    }
}

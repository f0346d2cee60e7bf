package dev.jprof.it.programs;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * Programs that load the profiler: {@code threads N} (N parked platform threads while the main thread
 * works), {@code overflow} (a StackOverflowError caught in the program), {@code loaders N} (N class
 * loaders loading the same class name, run through lambdas). Each prints "done" at the end.
 */
public final class LoadPrograms {
    private static volatile long sink;

    private LoadPrograms() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "threads":
                threads(Integer.parseInt(args[1]));
                break;
            case "overflow":
                overflow();
                break;
            default:
                loaders(Integer.parseInt(args[1]));
        }
        System.out.println("done");
        System.exit(0);
    }

    static void threads(int n) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(n);
        Object lock = new Object();
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(() -> {
                started.countDown();
                synchronized (lock) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }, "parked-" + i);
            t.setDaemon(true);
            t.start();
        }
        started.await();
        sink += GroundTruth.cpuWork(1500);
    }

    static void overflow() {
        long end = System.nanoTime() + 1_000_000_000L;
        int overflows = 0;
        while (System.nanoTime() < end) {
            try {
                recurse(0);
            } catch (StackOverflowError e) {
                overflows++;
            }
        }
        System.out.println("overflows " + overflows);
    }

    static long recurse(long depth) {
        return recurse(depth + 1) + 1;
    }

    static void loaders(int n) throws Exception {
        URL classes = Paths.get(LoadPrograms.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toURL();
        List<Supplier<Long>> work = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // A child-first loader, so each loads its own copy of the same class name.
            ClassLoader loader = new URLClassLoader(new URL[] {classes}, null);
            Class<?> copy = loader.loadClass(LoadedTwice.class.getName());
            java.lang.reflect.Method m = copy.getMethod("spin");
            work.add(() -> {
                try {
                    return (Long) m.invoke(null);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        long end = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (Supplier<Long> w : work) {
                sink += w.get();
            }
        }
    }

    /** Loaded by every class loader of {@link #loaders}. */
    public static final class LoadedTwice {
        private LoadedTwice() {
        }

        /** Data-dependent work (xorshift): C2 folds a plain arithmetic loop, which left spin with 0.26-0.52 s. */
        public static long spin() {
            long x = System.nanoTime() | 1;
            for (int i = 0; i < 2_000; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
            return x;
        }
    }
}

package dev.jprof.it.programs;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Virtual threads in each place the JDK keeps them: 3 started directly (the root container), 4 in an executor,
 * and 2 in an executor opened inside one of those (a nested container). Each waits {@code seconds} in a method
 * named for its place; prints {@code PLACES root=3 pool=4 nested=2} once all have started. Compiled for JDK 17:
 * the JDK 21 API is reached by reflection.
 */
public final class VirtualThreadPlaces {
    private VirtualThreadPlaces() {
    }

    public static void main(String[] args) throws Exception {
        long millis = (long) (Double.parseDouble(args[0]) * 1000);
        CountDownLatch started = new CountDownLatch(9);
        CountDownLatch release = new CountDownLatch(1);
        Method startVirtual = Thread.class.getMethod("startVirtualThread", Runnable.class);
        List<Thread> roots = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            roots.add((Thread) startVirtual.invoke(null, (Runnable) () -> waitAtRoot(started, release)));
        }
        ExecutorService pool = perTask();
        pool.execute(() -> {
            try {
                ExecutorService nested = perTask();
                nested.execute(() -> waitNested(started, release));
                nested.execute(() -> waitNested(started, release));
                waitInPool(started, release);
                nested.shutdown();
                nested.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        for (int i = 0; i < 3; i++) {
            pool.execute(() -> waitInPool(started, release));
        }
        started.await();
        System.out.println("PLACES root=3 pool=4 nested=2");
        Thread.sleep(millis);
        release.countDown();
        pool.shutdown();
        pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        for (Thread t : roots) {
            t.join();
        }
    }

    static void waitAtRoot(CountDownLatch started, CountDownLatch release) {
        await(started, release);
    }

    static void waitInPool(CountDownLatch started, CountDownLatch release) {
        await(started, release);
    }

    static void waitNested(CountDownLatch started, CountDownLatch release) {
        await(started, release);
    }

    private static void await(CountDownLatch started, CountDownLatch release) {
        started.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ExecutorService perTask() throws Exception {
        return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }
}

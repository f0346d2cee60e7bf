package dev.jprof.it.programs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Overhead with many virtual threads: PARKED virtual threads sleep while WORKERS virtual threads do a
 * fixed amount of computation; prints the wall time of the computation. Args: parked workers units
 */
public final class ManyVirtualThreads {
    private static volatile long sink;

    private ManyVirtualThreads() {
    }

    public static void main(String[] args) throws Exception {
        int parked = Integer.parseInt(args[0]);
        int workers = Integer.parseInt(args[1]);
        int units = Integer.parseInt(args[2]);
        CountDownLatch started = new CountDownLatch(parked);
        for (int i = 0; i < parked; i++) {
            YieldingVirtualThreads.startVirtual("", () -> {
                started.countDown();
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        started.await();
        long t0 = System.nanoTime();
        List<Thread> ts = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            ts.add(YieldingVirtualThreads.startVirtual("worker-" + w, () -> {
                for (int u = 0; u < units; u++) {
                    sink += unit();
                }
            }));
        }
        for (Thread t : ts) {
            t.join();
        }
        System.out.printf("WORK_MS %.1f%n", (System.nanoTime() - t0) / 1e6);
        System.exit(0);
    }

    static long unit() {
        long x = 0;
        for (int i = 0; i < 2_000_000; i++) {
            x += (x ^ i) * 31 + i;
        }
        return x;
    }
}

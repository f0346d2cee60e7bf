package dev.jprof.it.programs;

import java.util.concurrent.CompletableFuture;

/**
 * Ground truth for attribution: the main thread spends about 50% of its time computing, 25% in
 * Thread.sleep and 25% waiting on a CompletableFuture, in rounds of 200/100/100 ms. It measures what each
 * phase really took (a loaded machine stretches sleeps and thread start-ups) and prints
 * {@code TRUTH cpu=NS sleep=NS wait=NS}.
 */
public final class GroundTruth {
    private GroundTruth() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        long sink = 0;
        long cpu = 0;
        long sleep = 0;
        long wait = 0;
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            sink += cpuWork(200);
            long t1 = System.nanoTime();
            sleepWork(100);
            long t2 = System.nanoTime();
            sink += waitWork(100);
            long t3 = System.nanoTime();
            cpu += t1 - t0;
            sleep += t2 - t1;
            wait += t3 - t2;
        }
        System.out.println("TRUTH cpu=" + cpu + " sleep=" + sleep + " wait=" + wait);
        System.out.println("ground truth done " + (sink == 42 ? "!" : "."));
    }

    public static long cpuWork(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        long x = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++) {
                x += (x ^ i) * 31 + i;
            }
        }
        return x;
    }

    static void sleepWork(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    static long waitWork(long millis) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 1L;
        }).join();
    }
}

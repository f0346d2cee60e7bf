package dev.jprof.it.programs;

import java.util.concurrent.CompletableFuture;

/**
 * Ground truth for attribution: the main thread spends 50% of its time computing, 25% in Thread.sleep
 * and 25% waiting on a CompletableFuture, in rounds of 200/100/100 ms.
 */
public final class GroundTruth {
    private GroundTruth() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        long sink = 0;
        for (int i = 0; i < rounds; i++) {
            sink += cpuWork(200);
            sleepWork(100);
            sink += waitWork(100);
        }
        System.out.println("ground truth done " + (sink == 42 ? "!" : "."));
    }

    static long cpuWork(long millis) {
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

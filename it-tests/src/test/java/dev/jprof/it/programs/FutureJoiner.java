package dev.jprof.it.programs;

import java.util.concurrent.CompletableFuture;

/** A platform thread that joins CompletableFutures (and computes between joins). */
public final class FutureJoiner {
    private FutureJoiner() {
    }

    public static void main(String[] args) {
        long sink = 0;
        for (int i = 0; i < 10; i++) {
            sink += GroundTruth.cpuWork(50);
            sink += joinFuture();
        }
        System.out.println("joined " + (sink == 7 ? "?" : "."));
    }

    static long joinFuture() {
        return CompletableFuture.supplyAsync(() -> {
            GroundTruth.cpuWork(50);
            return 1L;
        }).join();
    }
}

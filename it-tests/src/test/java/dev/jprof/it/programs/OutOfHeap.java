package dev.jprof.it.programs;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs out of heap (start it with a small -Xmx). {@code main}: works, then fills the heap until an
 * OutOfMemoryError is thrown out of main. {@code worker}: {@code args[1]} times, a worker thread fills the
 * heap to the last bytes, catching the OutOfMemoryErrors, and keeps it full for 300 ms, then lets go; then
 * the main thread works on for a second ({@link #afterOutOfMemory}) and prints "survived".
 */
public final class OutOfHeap {
    private static volatile long sink;

    private OutOfHeap() {
    }

    public static void main(String[] args) throws Exception {
        work(300);
        if (args[0].equals("main")) {
            System.out.println("filling the heap from main");
            System.out.flush();
            fillTheHeap();
            return;
        }
        int rounds = Integer.parseInt(args[1]);
        Thread worker = new Thread(() -> {
            for (int i = 0; i < rounds; i++) {
                holdTheHeapFull(exhaustTheHeap(), 300);
            }
        }, "filler");
        worker.start();
        worker.join();
        System.out.println("caught " + rounds + " OutOfMemoryErrors");
        long start = System.nanoTime();
        afterOutOfMemory(1000);
        System.out.println("AFTER ns=" + (System.nanoTime() - start));
        System.out.println("survived");
    }

    static void fillTheHeap() {
        List<long[]> hoard = new ArrayList<>();
        while (true) {
            hoard.add(new long[1024]);
        }
    }

    /** Fills the heap to the last few bytes, catching the OutOfMemoryErrors; returns what fills it. */
    static Object[] exhaustTheHeap() {
        Object[] hoard = null;
        for (int size : new int[] {1024, 64, 1}) {
            try {
                while (true) {
                    hoard = new Object[] {hoard, new long[size]}; // a chain: no big array to grow
                }
            } catch (OutOfMemoryError full) {
                // go on with smaller pieces, so that no allocation anywhere can succeed
            }
        }
        return hoard;
    }

    /** Spins while the heap stays full: every allocation in the JVM (the sampler's too) fails meanwhile. */
    static void holdTheHeapFull(Object[] hoard, long millis) {
        work(millis);
        sink += hoard.length;
    }

    static void afterOutOfMemory(long millis) {
        work(millis);
    }

    static void work(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        long x = 0;
        while (System.nanoTime() < end) {
            x += x * 31 + 7;
        }
        sink += x;
    }
}

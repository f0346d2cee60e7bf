package dev.jprof.it.render;

import java.util.concurrent.CountDownLatch;

/**
 * The program the HTML report it-tests profile: the main thread spends most of its time in
 * {@link #hotMethodForHtml}, a thread with a hostile name does a little work of its own.
 */
public final class HtmlTargetProgram {
    static final String HOSTILE_THREAD = "<img src=x onerror=alert(1)>";
    static volatile long sink;

    private HtmlTargetProgram() {
    }

    public static void main(String[] args) throws Exception {
        long millis = args.length > 0 ? Long.parseLong(args[0]) : 1500;
        CountDownLatch done = new CountDownLatch(1);
        Thread hostile = new Thread(() -> hostileThreadWork(done), HOSTILE_THREAD);
        hostile.start();
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end) {
            sink += hotMethodForHtml(200_000);
            sink += coldMethodForHtml(40_000);
        }
        done.countDown();
        hostile.join();
    }

    static long hotMethodForHtml(int n) {
        long x = 0;
        for (int i = 0; i < n; i++) {
            x = x * 6364136223846793005L + i;
        }
        return x;
    }

    static long coldMethodForHtml(int n) {
        long x = 1;
        for (int i = 0; i < n; i++) {
            x ^= x << 13 ^ i;
        }
        return x;
    }

    private static void hostileThreadWork(CountDownLatch done) {
        try {
            while (!done.await(5, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                sink += coldMethodForHtml(50_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.jprof.it.render;

/**
 * A small program for the render it-tests: the main thread spends most of its time in {@link #hotLoop},
 * a second thread named {@code render worker} in {@link #coldLoop} for a third as long, so main is
 * clearly the busiest thread. Runs for the milliseconds given as the first argument (default 600).
 */
public final class RenderTarget {
    static volatile double sink;

    private RenderTarget() {
    }

    public static void main(String[] args) throws InterruptedException {
        long millis = args.length > 0 ? Long.parseLong(args[0]) : 600;
        long end = System.nanoTime() + millis * 1_000_000L;
        long workerEnd = System.nanoTime() + millis * 1_000_000L / 3;
        Thread worker = new Thread(() -> {
            while (System.nanoTime() < workerEnd) {
                coldLoop();
            }
        }, "render worker");
        worker.start();
        while (System.nanoTime() < end) {
            hotLoop();
        }
        worker.join();
    }

    static void hotLoop() {
        double s = 0;
        for (int i = 0; i < 20_000; i++) {
            s += Math.sqrt(i);
        }
        sink = s;
    }

    static void coldLoop() {
        double s = 0;
        for (int i = 0; i < 20_000; i++) {
            s += Math.cbrt(i);
        }
        sink = s;
    }
}

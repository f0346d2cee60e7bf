package dev.jprof.it.programs;

/**
 * One busy thread, nothing else: the main thread computes (data-dependent xorshift, which the JIT cannot fold)
 * for the given milliseconds, then exits. {@code Spin 0} is a hello world. Prints {@code spin done}.
 */
public final class Spin {
    private static volatile long sink;

    private Spin() {
    }

    public static void main(String[] args) {
        long millis = args.length > 0 ? Long.parseLong(args[0]) : 5000;
        long end = System.nanoTime() + millis * 1_000_000L;
        long x = 88172645463325252L;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
            sink += x;
        }
        System.out.println("spin done");
    }
}

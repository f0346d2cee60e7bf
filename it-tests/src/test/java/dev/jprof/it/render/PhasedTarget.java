package dev.jprof.it.render;

/**
 * Two phases one after the other on the main thread, each burning CPU on data-dependent work (so the JIT
 * cannot fold it) until its own deadline: {@link #phaseA} for the first argument's milliseconds, then
 * {@link #phaseB} for the second's.
 */
public final class PhasedTarget {
    static volatile long sink;

    private PhasedTarget() {
    }

    public static void main(String[] args) {
        phaseA(Long.parseLong(args[0]));
        phaseB(Long.parseLong(args[1]));
    }

    static void phaseA(long millis) {
        burnUntil(System.nanoTime() + millis * 1_000_000L);
    }

    static void phaseB(long millis) {
        burnUntil(System.nanoTime() + millis * 1_000_000L);
    }

    private static void burnUntil(long deadline) {
        long x = 88172645463325252L;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 10_000; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
            sink += x;
        }
    }
}

package dev.jprof.it.programs;

/**
 * A thread with a big stack recurses {@code args[0]} calls deep, then spins for {@code args[1]} ms at the
 * bottom; the program prints {@code SPIN ns=...} and exits with code {@code args[2]}.
 */
public final class DeepRecursion {
    private static volatile long sink;

    private DeepRecursion() {
    }

    public static void main(String[] args) throws Exception {
        int depth = Integer.parseInt(args[0]);
        long millis = Long.parseLong(args[1]);
        long[] spun = new long[1];
        Thread deep = new Thread(null, () -> spun[0] = descend(depth, millis), "deep", 256L << 20);
        deep.start();
        deep.join();
        System.out.println("SPIN ns=" + spun[0]);
        System.out.flush();
        System.exit(Integer.parseInt(args[2]));
    }

    static long descend(int depth, long millis) {
        if (depth <= 1) {
            return spin(millis);
        }
        long spun = descend(depth - 1, millis);
        sink += depth; // work after the call: the recursion is not a tail call
        return spun;
    }

    static long spin(long millis) {
        long start = System.nanoTime();
        long end = start + millis * 1_000_000L;
        long x = 0;
        while (System.nanoTime() < end) {
            x += x * 31 + 7;
        }
        sink += x;
        return System.nanoTime() - start;
    }
}

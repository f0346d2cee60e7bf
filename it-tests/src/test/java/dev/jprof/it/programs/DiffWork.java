package dev.jprof.it.programs;

/**
 * Ground truth for {@code jprof diff}: the main thread splits each 100 ms round between {@link #hot},
 * {@link #coldA} and {@link #coldB}, 20/40/40 ms with argument {@code before} and 60/20/20 ms with
 * {@code after}, so hot's share triples and each cold one's halves. Each method burns CPU in its own
 * data-dependent loop (no shared callee, so hot is the deepest frame whose share grows). It measures what
 * each really took (a loaded machine stretches them) and prints {@code TRUTH hot=NS cold=NS}.
 * Args: before|after [rounds, default 20].
 */
public final class DiffWork {
    private static volatile long sink;

    private DiffWork() {
    }

    public static void main(String[] args) {
        boolean after = args[0].equals("after");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long hotMs = after ? 60 : 20;
        long coldMs = after ? 20 : 40;
        long hot = 0;
        long cold = 0;
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            sink += hot(hotMs);
            long t1 = System.nanoTime();
            sink += coldA(coldMs);
            sink += coldB(coldMs);
            long t2 = System.nanoTime();
            hot += t1 - t0;
            cold += t2 - t1;
        }
        System.out.println("TRUTH hot=" + hot + " cold=" + cold);
    }

    static long hot(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        long x = 88172645463325252L;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 2000; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
        }
        return x;
    }

    static long coldA(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        long x = 2463534242L;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 2000; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
        }
        return x;
    }

    static long coldB(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        long x = 1234567891011L;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 2000; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
        }
        return x;
    }
}

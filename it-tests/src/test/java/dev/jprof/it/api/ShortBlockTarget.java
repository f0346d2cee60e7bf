package dev.jprof.it.api;

import dev.jprof.Profiler;
import dev.jprof.Session;

/**
 * Profiles a 40 ms block with the Java API's defaults (1 ms, the calling thread) several times in a fresh
 * JVM, the first time cold; prints one line per profile: the block's own measured length and the samples.
 */
public final class ShortBlockTarget {
    private static long state = 88172645463325252L;

    private ShortBlockTarget() {
    }

    public static void main(String[] args) {
        int profiles = Integer.parseInt(args[0]);
        for (int i = 0; i < profiles; i++) {
            Profiler profiler = new Profiler();
            profiler.start();
            long began = System.nanoTime();
            shortBlock(40_000_000L);
            long blockNanos = System.nanoTime() - began;
            Session session = profiler.stop();
            System.out.println("block " + blockNanos + " samples " + session.sampleCount());
        }
    }

    /** Data-dependent work (xorshift) the JIT cannot fold, for {@code nanos}. */
    static long shortBlock(long nanos) {
        long end = System.nanoTime() + nanos;
        long acc = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                acc += state;
            }
        }
        return acc;
    }
}

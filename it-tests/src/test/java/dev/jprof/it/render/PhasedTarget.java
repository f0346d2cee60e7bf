package dev.jprof.it.render;

/**
 * Once the profiler is sampling ({@link #awaitSampler}: on a loaded machine its warm-up can outlast the program's
 * start-up, and a phase begun before the session cannot be drawn whole), two phases one after the other on the
 * main thread, each burning CPU on data-dependent work (so the JIT
 * cannot fold it) until its own deadline: {@link #phaseA} for the first argument's milliseconds, then
 * {@link #phaseB} for the second's.
 */
public final class PhasedTarget {
    static volatile long sink;

    private PhasedTarget() {
    }

    public static void main(String[] args) throws InterruptedException {
        awaitSampler();
        phaseA(Long.parseLong(args[0]));
        phaseB(Long.parseLong(args[1]));
    }

    /**
     * Waits until jprof's sampler thread first rests between ticks (timed waiting): its warm-up is done and the
     * session has started. At most 10 s, so the program never hangs without the agent.
     */
    static void awaitSampler() throws InterruptedException {
        long giveUp = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < giveUp) {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("jprof-sampler") && t.getState() == Thread.State.TIMED_WAITING) {
                    return;
                }
            }
            Thread.sleep(1);
        }
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

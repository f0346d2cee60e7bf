package dev.jprof.it.programs;

/**
 * Works for 300 ms (so the profile surely has samples of {@link #busy}), prints "ready", then works until
 * killed; for signal tests.
 */
public final class Sleeper {
    private Sleeper() {
    }

    public static void main(String[] args) throws Exception {
        long end = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < end) {
            busy();
        }
        System.out.println("ready");
        System.out.flush();
        while (true) {
            busy();
            Thread.sleep(20);
        }
    }

    static long busy() {
        long x = 0;
        for (int i = 0; i < 1_000_000; i++) {
            x += i * 31L;
        }
        return x;
    }
}

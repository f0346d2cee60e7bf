package dev.jprof.it.programs;

/** Works a little, then calls System.exit(args[0]) from a non-main thread, or throws out of main. */
public final class Exiter {
    private Exiter() {
    }

    public static void main(String[] args) throws Exception {
        Sleeper.busy();
        Thread.sleep(100);
        if (args[0].equals("throw")) {
            throw new IllegalStateException("thrown out of main on purpose");
        }
        int code = Integer.parseInt(args[0]);
        Thread t = new Thread(() -> System.exit(code), "exiter");
        t.start();
        t.join();
    }
}

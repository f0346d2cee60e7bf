package dev.jprof.it.cli;

/**
 * The second program of {@link CommandModeIT}'s script: prints the {@code command.it} system property
 * (set through the JAVA_TOOL_OPTIONS the test had before jprof appended the agent), burns CPU in
 * {@link #commandTargetWork} for the given milliseconds, and exits with the given status.
 */
public final class CommandTarget {
    private CommandTarget() {
    }

    public static void main(String[] args) {
        System.out.println("command.it=" + System.getProperty("command.it"));
        System.out.flush();
        long x = commandTargetWork(Long.parseLong(args[0]));
        System.exit(x == 42 ? 99 : Integer.parseInt(args[1]));
    }

    /** SplitMix64 steps until {@code millis} have passed: data-dependent work the JIT cannot fold away. */
    static long commandTargetWork(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        long state = 0x9E3779B97F4A7C15L;
        do {
            for (int n = 0; n < 5_000; n++) {
                state = (state ^ (state >>> 30)) * 0xBF58476D1CE4E5B9L + n;
                state = (state ^ (state >>> 27)) * 0x94D049BB133111EBL;
            }
        } while (System.nanoTime() < deadline);
        return state;
    }
}

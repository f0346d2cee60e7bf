package dev.jprof.it.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A program for the CLI's it-tests to profile: {@code echo ARGS...} prints each argument in brackets and
 * one line of stdin, {@code exit N} works a little and exits with N, {@code serve} prints "ready PID" and
 * works until it is stopped.
 */
public final class CliTarget {
    private CliTarget() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "echo":
                for (int i = 1; i < args.length; i++) {
                    System.out.println("[" + args[i] + "]");
                }
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                System.out.println("stdin:" + line);
                cliTargetWork(300);
                break;
            case "exit":
                cliTargetWork(300);
                System.exit(Integer.parseInt(args[1]));
                break;
            case "serve":
                System.out.println("ready " + ProcessHandle.current().pid());
                System.out.flush();
                while (true) {
                    cliTargetWork(50);
                }
            default:
                throw new IllegalArgumentException(args[0]);
        }
    }

    /** Burns CPU for {@code millis}; its name is what the tests look for in reports. */
    static long cliTargetWork(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        long x = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                x += Long.numberOfTrailingZeros(x * 31 + i);
            }
        }
        if (x == 42) {
            System.out.println();
        }
        return x;
    }
}

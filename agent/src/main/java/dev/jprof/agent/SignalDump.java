package dev.jprof.agent;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;

/**
 * Dumps the report so far when the JVM receives a signal (e.g. {@code kill -USR1 PID}). The JVM owns
 * some signals (QUIT for thread dumps; HUP, INT and TERM start its shutdown), so those are refused.
 */
final class SignalDump {
    /** Signals that end the JVM or belong to it. */
    static final Set<String> REFUSED = Set.of("QUIT", "HUP", "INT", "TERM", "KILL", "STOP");

    private SignalDump() {
    }

    /** Normalises {@code usr1}/{@code SIGUSR1} to {@code USR1}; throws naming the problem. */
    static String normalise(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        if (n.startsWith("SIG")) {
            n = n.substring(3);
        }
        if (n.isEmpty() || !n.chars().allMatch(Character::isLetterOrDigit)) {
            throw new OptionException("signal must be a signal name such as USR1, got '" + name + "'");
        }
        if (REFUSED.contains(n)) {
            throw new OptionException("signal " + n + " belongs to the JVM (it would stop it or print a thread dump);"
                    + " use USR1");
        }
        return n;
    }

    /** Installs the handler; a JDK that refuses the signal gets one message and no handler. */
    @SuppressWarnings("restriction")
    static void install(String name, Runnable action, PrintStream err) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> action.run());
        } catch (IllegalArgumentException | LinkageError e) {
            err.println("jprof: cannot listen for SIG" + name + " (" + e.getMessage() + "); no signal dumps");
        }
    }
}

package dev.jprof.agent;

import java.util.Locale;

/** What {@code jprof attach PID COMMAND} asks an attached agent to do. */
public enum AttachCommand {
    /** Start profiling the JVM (all application threads). */
    START,
    /** Stop profiling and write the report. */
    STOP,
    /** Write the report so far and keep profiling. */
    DUMP,
    /** Write whether a profile is running, and how much it has recorded. */
    STATUS;

    /** The command named by {@code value}, case-insensitive. */
    public static AttachCommand parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("command must be one of start, stop, dump, status; got '" + value + "'");
        }
    }

    /** The name as typed on the command line. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}

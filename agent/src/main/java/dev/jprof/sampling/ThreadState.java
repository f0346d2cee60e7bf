package dev.jprof.sampling;

/**
 * Compact thread states stored per sample (one byte each).
 */
public final class ThreadState {
    public static final byte RUNNABLE = 0;
    public static final byte BLOCKED = 1;
    public static final byte WAITING = 2;
    public static final byte TIMED_WAITING = 3;
    public static final byte OTHER = 4;
    /**
     * A virtual thread the JDK calls RUNNABLE that no carrier runs: ready to run, waiting for a carrier (not
     * started yet, or woken from a park, sleep or monitor and not mounted yet).
     */
    public static final byte READY = 5;

    private static final String[] NAMES = {"RUNNABLE", "BLOCKED", "WAITING", "TIMED_WAITING", "OTHER", "READY"};

    private ThreadState() {
    }

    /** Maps a JDK thread state to its stored byte. */
    public static byte of(Thread.State state) {
        if (state == null) {
            return OTHER;
        }
        switch (state) {
            case RUNNABLE: return RUNNABLE;
            case BLOCKED: return BLOCKED;
            case WAITING: return WAITING;
            case TIMED_WAITING: return TIMED_WAITING;
            default: return OTHER;
        }
    }

    /** The name of a stored state, for reports and session files. */
    public static String name(byte state) {
        return state >= 0 && state < NAMES.length ? NAMES[state] : "OTHER";
    }

    /** Parses a name written by {@link #name(byte)}. */
    public static byte parse(String name) {
        for (byte i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return i;
            }
        }
        return OTHER;
    }

    /** True for states in which a thread is not executing code. */
    public static boolean isWaiting(byte state) {
        return state == WAITING || state == TIMED_WAITING || state == BLOCKED;
    }
}

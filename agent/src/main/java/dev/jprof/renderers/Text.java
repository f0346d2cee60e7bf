package dev.jprof.renderers;

import dev.jprof.tree.Frame;
import dev.jprof.Session;
import java.util.Locale;

/** Small text helpers shared by renderers. */
public final class Text {
    private Text() {
    }

    /**
     * Makes a name safe for a terminal: control characters (ANSI escapes, newlines, C1 controls) become
     * visible escapes, so a hostile thread or class name cannot inject terminal sequences.
     */
    public static String sanitize(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
            if (control) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /** Seconds as a short millisecond text, e.g. {@code 10 ms} or {@code 0.25 ms}. */
    public static String millis(double seconds) {
        double ms = seconds * 1000;
        if (ms >= 10 || ms == Math.rint(ms)) {
            return fixed(ms, 0) + " ms";
        }
        return fixed(ms, 2) + " ms";
    }

    /**
     * {@code String.format(Locale.ROOT, "%.Nf", value)}, without the Formatter (see {@link FixedDecimal}). Negative
     * and non-finite values go to the Formatter (its "-0.000").
     */
    public static String fixed(double value, int decimals) {
        if (!(value >= 0) || Double.isInfinite(value) || value == 0 && 1 / value < 0) {
            return String.format(Locale.ROOT, "%." + decimals + "f", value);
        }
        return FixedDecimal.of(value, decimals);
    }

    /**
     * A frame's name as every view shows it: {@code SimpleClass.method}, {@code [thread] name},
     * {@code [virtual threads] executor} for virtual threads grouped by name, or a synthetic frame's
     * identifier ({@code [self]}, {@code [await]}, ...). Not sanitised: the caller escapes for its medium.
     */
    public static String frameName(Frame frame) {
        switch (frame.kind()) {
            case THREAD:
                if (frame.poolThreads() > 0) {
                    return "[pool] " + frame.methodName() + "  " + frame.poolThreads() + " threads";
                }
                return (frame.isVirtualThread() ? "[virtual threads] " : "[thread] ") + frame.methodName();
            case SYNTHETIC:
                return frame.identifier();
            default:
                return frame.displayName();
        }
    }

    /**
     * The header's thread count: platform threads, plus the most virtual threads alive when they were looked
     * for, then the time threads spent waiting for work ({@code [idle]}, summed over threads) when there was any.
     */
    static String threads(Session s) {
        String platform = Integer.toString(s.threadCount(false));
        String count = s.virtualThreadsSeen() <= 0 ? platform : platform + " + " + s.virtualThreadsSeen() + " virtual ("
                + s.threadCount(true) + " sampled)";
        double idle = s.idleTime();
        return idle > 0 ? count + String.format(Locale.ROOT, ", idle %.1f s", idle) : count;
    }
}

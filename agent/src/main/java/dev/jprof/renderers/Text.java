package dev.jprof.renderers;

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
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        return String.format(Locale.ROOT, "%.2f ms", ms);
    }
}

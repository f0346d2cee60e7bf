package dev.jprof.renderers;

import java.nio.charset.Charset;

/** Guesses what the terminal behind stdout/stderr supports. */
public final class Terminal {
    private Terminal() {
    }

    /** True when output goes to an interactive terminal that is not "dumb" and NO_COLOR is unset. */
    public static boolean supportsColor() {
        String term = System.getenv("TERM");
        return System.console() != null && System.getenv("NO_COLOR") == null
                && term != null && !term.equals("dumb");
    }

    /** True when the standard streams' encoding is UTF-8. */
    public static boolean supportsUnicode() {
        String enc = System.getProperty("stderr.encoding", System.getProperty("sun.stderr.encoding"));
        Charset cs;
        try {
            cs = enc != null ? Charset.forName(enc) : Charset.defaultCharset();
        } catch (RuntimeException e) {
            return false;
        }
        return cs.name().toUpperCase(java.util.Locale.ROOT).startsWith("UTF");
    }
}

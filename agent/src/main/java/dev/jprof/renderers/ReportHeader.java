package dev.jprof.renderers;

import dev.jprof.Session;
import java.util.Locale;

/** The text report header's two columns, and its wording for threads and too-short runs. */
final class ReportHeader {
    /** The left column is at least this wide, so that the usual header keeps its layout. */
    private static final int MIN_LEFT = 12;

    private ReportHeader() {
    }

    /**
     * Appends rows of {label, value, label, value}; the second label starts where the widest first value
     * ends, plus a gap, so a long value ("3 + 200 virtual") never runs into it.
     */
    static void appendRows(StringBuilder out, String[][] rows) {
        int left = MIN_LEFT;
        for (String[] row : rows) {
            left = Math.max(left, row[1].length() + 1);
        }
        for (String[] row : rows) {
            out.append("  ").append(row[0]).append(row[1]);
            out.append(" ".repeat(left - row[1].length() + 1)).append(row[2]).append(row[3]).append('\n');
        }
    }


    /**
     * Why nothing was recorded when the run ended before the first sample was due, with the unit the user
     * probably meant: {@code -i 5} is 5 seconds, as in pyinstrument. Empty otherwise.
     */
    static String shorterThanInterval(Session s) {
        if (s.interval() <= 0 || s.duration() <= 0 || s.duration() >= s.interval()) {
            return "";
        }
        String ran = String.format(Locale.ROOT, ": the program ran %s, shorter than the %s interval: ", seconds(s.duration()),
                seconds(s.interval()));
        double whole = Math.rint(s.interval());
        if (s.interval() >= 1 && whole == s.interval()) {
            return ran + "did you mean -i " + (long) whole + "ms?";
        }
        return ran + "give a shorter one, e.g. -i 1ms";
    }

    private static String seconds(double s) {
        return new java.text.DecimalFormat("0.###", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT)).format(s) + " s";
    }
}

package dev.jprof.cli.diff;

import dev.jprof.Session;
import dev.jprof.renderers.Text;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code jprof diff} as text: a header naming both profiles, then the frame paths whose share changed
 * most (share and time in A and in B), optionally followed by the tree of B with each frame's change.
 * Red is more time in B, blue less.
 */
public final class DiffTextRenderer {
    private static final String RESET = "\033[0m";
    private static final String BOLD = "\033[1m";
    private static final String FAINT = "\033[2m";
    private static final String RED = "\033[31m";
    private static final String BLUE = "\033[34m";
    /** Callers a row names before eliding to the thread. */
    static final int NEAREST_CALLERS = 4;

    private final int top;
    private final boolean tree;
    private final boolean unicode;
    private final boolean color;

    /**
     * @param top     how many paths the ranked list shows
     * @param tree    also show the tree of both profiles with each frame's change
     * @param unicode box-drawing characters and arrows
     * @param color   ANSI colours
     */
    public DiffTextRenderer(int top, boolean tree, boolean unicode, boolean color) {
        this.top = top;
        this.tree = tree;
        this.unicode = unicode;
        this.color = color;
    }

    public String render(ProfileDiff diff) {
        StringBuilder out = new StringBuilder();
        header(out, diff);
        List<DiffNode> ranked = diff.ranked();
        if (ranked.isEmpty()) {
            out.append("  No frame reaches the threshold in either profile.\n");
            return out.toString();
        }
        out.append(paint(BOLD, String.format(Locale.ROOT, "  %7s  %7s  %7s  %8s  %8s  %s", "change", "A share", "B share",
                "A time", "B time", "frame  (called from)"))).append('\n');
        for (DiffNode n : ranked.subList(0, Math.min(top, ranked.size()))) {
            row(out, diff, n);
        }
        if (ranked.size() > top) {
            out.append(paint(FAINT, "  ... " + (ranked.size() - top) + " more (--top N)")).append('\n');
        }
        if (tree) {
            out.append('\n').append(paint(BOLD, "  Tree (B's order; change of share, then B's share)")).append('\n');
            for (DiffNode child : shownChildren(diff, diff.root())) {
                node(out, diff, child, "  ", "  ");
            }
        }
        return out.toString();
    }

    private void header(StringBuilder out, ProfileDiff diff) {
        String dot = unicode ? " \u00b7 " : " - ";
        out.append('\n').append("  ").append(paint(BOLD, "jprof diff")).append(dot)
                .append("change of each frame's share of wall time, A to B, largest first\n");
        profile(out, "A", diff.a());
        profile(out, "B", diff.b());
        String note = diff.unlikeNote();
        if (!note.isEmpty()) {
            out.append("  Note: ").append(note).append('\n');
        }
        out.append('\n');
    }

    private static void profile(StringBuilder out, String side, ProfileDiff.Profile p) {
        Session s = p.session();
        out.append("  ").append(side).append(": ").append(Text.sanitize(p.label()))
                .append(String.format(Locale.ROOT, "  %.3f s, %d samples", s.duration(), s.sampleCount()));
        if (!s.targetDescription().isEmpty()) {
            out.append("  Program: ").append(Text.sanitize(s.targetDescription()));
        }
        out.append('\n');
    }

    private void row(StringBuilder out, ProfileDiff diff, DiffNode n) {
        String change = paint(colorOf(diff.change(n)), String.format(Locale.ROOT, "%7s", points(diff.change(n))));
        out.append("  ").append(change).append(String.format(Locale.ROOT, "  %7s  %7s  %8.3f  %8.3f  ",
                percent(diff.shareA(n)), percent(diff.shareB(n)), n.timeA(), n.timeB()));
        out.append(paint(n.application() ? BOLD : "", Text.sanitize(n.name())));
        out.append(paint(FAINT, status(n) + callers(n))).append('\n');
    }

    private static String status(DiffNode n) {
        return n.timeA() == 0 ? "  (new)" : n.timeB() == 0 ? "  (gone)" : "";
    }

    /** The callers, innermost first, up to the thread: where the frame was. */
    private String callers(DiffNode n) {
        String from = n.calledFrom(NEAREST_CALLERS, unicode ? " \u2190 " : " < ");
        return from.isEmpty() ? "" : "  " + (unicode ? "\u2190 " : "< ") + Text.sanitize(from);
    }

    private void node(StringBuilder out, ProfileDiff diff, DiffNode n, String indent, String childIndent) {
        out.append(indent).append(paint(colorOf(diff.change(n)), points(diff.change(n)))).append(' ')
                .append(percent(diff.shareB(n))).append(' ').append(Text.sanitize(n.name()))
                .append(paint(FAINT, status(n))).append('\n');
        List<DiffNode> children = shownChildren(diff, n);
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            String branch = last ? (unicode ? "\u2514\u2500 " : "`- ") : (unicode ? "\u251c\u2500 " : "|- ");
            String stem = last ? "   " : (unicode ? "\u2502  " : "|  ");
            node(out, diff, children.get(i), childIndent + branch, childIndent + stem);
        }
    }

    private static List<DiffNode> shownChildren(ProfileDiff diff, DiffNode n) {
        List<DiffNode> children = new ArrayList<>(n.children());
        children.removeIf(c -> !diff.shown(c));
        children.sort(Comparator.comparingDouble((DiffNode c) -> -c.timeB()).thenComparingDouble(c -> -c.timeA()));
        return children;
    }

    /** A change of share in percentage points, signed: {@code +40.2%}. */
    static String points(double change) {
        double pts = change * 100;
        if (Math.abs(pts) < 0.05) {
            return "0.0%";
        }
        return String.format(Locale.ROOT, "%+.1f%%", pts);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static String colorOf(double change) {
        return change >= 0.0005 ? RED : change <= -0.0005 ? BLUE : "";
    }

    private String paint(String code, String text) {
        return color && !code.isEmpty() ? code + text + RESET : text;
    }
}

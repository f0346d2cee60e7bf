package dev.jprof.cli.diff;

import dev.jprof.Session;
import dev.jprof.renderers.RenderOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Two profiles compared frame path by frame path, after the text report's processors. Profiles are compared
 * by share (a path's time over its profile's total time), so a run twice as long, or another program,
 * still compares; seconds are shown for reference.
 */
public final class ProfileDiff {
    /** Durations further apart than this ratio count as different lengths. */
    private static final double SAME_LENGTH = 1.10;

    private final Profile a;
    private final Profile b;
    private final DiffNode root;
    private final double threshold;

    /** One side of the comparison: the session and what to call it. */
    public static final class Profile {
        final Session session;
        final String label;

        /**
         * @param session the profile
         * @param label   what the user named it (a file, a saved session's ID)
         */
        public Profile(Session session, String label) {
            this.session = session;
            this.label = label;
        }

        public Session session() {
            return session;
        }

        public String label() {
            return label;
        }
    }

    private ProfileDiff(Profile a, Profile b, DiffNode root, double threshold) {
        this.a = a;
        this.b = b;
        this.root = root;
        this.threshold = threshold;
    }

    /**
     * Compares two profiles.
     *
     * @param options the render options both are processed with; their filter threshold drops paths
     *                smaller than it in both profiles
     */
    public static ProfileDiff compare(Profile a, Profile b, RenderOptions options) {
        DiffNode root = DiffNode.root();
        new ProcessedTree(options, root, false).render(a.session);
        new ProcessedTree(options, root, true).render(b.session);
        return new ProfileDiff(a, b, root, options.processorOptions().filterThreshold());
    }

    public Profile a() {
        return a;
    }

    public Profile b() {
        return b;
    }

    /** The union of both trees; the root's times are the profiles' totals. */
    public DiffNode root() {
        return root;
    }

    /** A path's share of profile A's total, from 0 to 1. */
    public double shareA(DiffNode n) {
        return root.timeA() > 0 ? n.timeA() / root.timeA() : 0;
    }

    /** A path's share of profile B's total, from 0 to 1. */
    public double shareB(DiffNode n) {
        return root.timeB() > 0 ? n.timeB() / root.timeB() : 0;
    }

    /** How much a path's share grew from A to B (negative: it shrank), from -1 to 1. */
    public double change(DiffNode n) {
        return shareB(n) - shareA(n);
    }

    /** Whether a path is large enough, in either profile, to be listed. */
    public boolean shown(DiffNode n) {
        return Math.max(shareA(n), shareB(n)) >= threshold && (n.timeA() > 0 || n.timeB() > 0);
    }

    /**
     * Every shown path but the root, largest change of share first; of equal changes the deeper frame first,
     * since it says more precisely where the time moved, then the one that grew.
     */
    public List<DiffNode> ranked() {
        List<DiffNode> all = new ArrayList<>();
        collect(root, all);
        // Rounded so that 0.6 - 0.2 and 0.8 - 0.4 tie, as they do on paper.
        all.sort(Comparator.comparingLong((DiffNode n) -> -Math.round(Math.abs(change(n)) * 1e9))
                .thenComparing(Comparator.comparingInt(DiffNode::depth).reversed())
                .thenComparing(n -> change(n) < 0));
        return all;
    }

    private void collect(DiffNode node, List<DiffNode> into) {
        for (DiffNode child : node.children()) {
            if (shown(child)) {
                into.add(child);
            }
            collect(child, into);
        }
    }

    /**
     * The program a header names, without what changes from run to run: the pid and the arguments (the
     * header's command line starts with the main class, or the jar).
     */
    static String program(Session s) {
        String d = s.targetDescription().replaceFirst(", pid \\d+$", "").trim();
        int space = d.indexOf(' ');
        return space < 0 ? d : d.substring(0, space);
    }

    /**
     * One line when the profiles are not alike (other programs, or lengths more than 10% apart), saying that
     * they are compared by share; empty when they are alike.
     */
    public String unlikeNote() {
        List<String> why = new ArrayList<>();
        if (!program(a.session).equals(program(b.session))) {
            why.add("different programs");
        }
        double da = a.session.duration();
        double db = b.session.duration();
        if (da > 0 && db > 0 && Math.max(da, db) / Math.min(da, db) > SAME_LENGTH) {
            why.add(String.format(Locale.ROOT, "different lengths (%.3f s and %.3f s)", da, db));
        }
        if (why.isEmpty()) {
            return "";
        }
        return "A and B are " + String.join(" of ", why) + ": compared by share of each profile's total time;"
                + " seconds are for reference only.";
    }
}

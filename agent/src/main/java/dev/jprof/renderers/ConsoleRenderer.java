package dev.jprof.renderers;

import dev.jprof.tree.Frame;
import dev.jprof.tree.FrameGroup;
import dev.jprof.tree.ProcessorOptions;
import dev.jprof.Session;
import dev.jprof.Version;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Text output with pyinstrument's look: a header, then the call tree per thread with box-drawing (or
 * ASCII) lines, time coloured by its share of the total, application code highlighted, and hidden
 * library runs shown as {@code [N frames hidden]  lib1, lib2}.
 */
public class ConsoleRenderer extends FrameRenderer {
    /** How each frame's time is shown. */
    public enum TimeFormat {
        /** Seconds with three decimals. */
        SECONDS("seconds"),
        /** Percent of the root's total time. */
        PERCENT_OF_TOTAL("percent_of_total");

        private final String option;

        TimeFormat(String option) {
            this.option = option;
        }

        /** The option value, e.g. {@code percent_of_total}. */
        public String option() {
            return option;
        }

        /** Parses an option value; throws naming the valid ones. */
        public static TimeFormat parse(String value) {
            for (TimeFormat f : values()) {
                if (f.option.equals(value)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("time must be 'seconds' or 'percent_of_total', got '" + value + "'");
        }
    }

    /** What flat mode sums per method. */
    public enum FlatTime {
        /** The method's own time (leaf time and time of frames folded into it). */
        SELF("self"),
        /** The method's total time, counted once per stack so recursion is not double-counted. */
        TOTAL("total");

        private final String option;

        FlatTime(String option) {
            this.option = option;
        }

        /** The option value, e.g. {@code total}. */
        public String option() {
            return option;
        }

        /** Parses an option value; throws naming the valid ones. */
        public static FlatTime parse(String value) {
            for (FlatTime f : values()) {
                if (f.option.equals(value)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("flat_time must be 'self' or 'total', got '" + value + "'");
        }
    }

    /** Only for a pinned zone (tests): java.time's formatter is a few ms of the first report's time. */
    private static final class Recorded {
        static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    }

    private final boolean unicode;
    private final boolean color;
    private final TimeFormat time;
    private final ZoneId zone;
    private boolean flat;
    private FlatTime flatTime = FlatTime.SELF;
    private boolean shortMode;
    private double rootTime;

    /** Plain ASCII, no colour, seconds. */
    public ConsoleRenderer() {
        this(false, false, TimeFormat.SECONDS, false, false, null);
    }

    /**
     * @param unicode use box-drawing characters
     * @param color   use ANSI colours
     * @param time    seconds or percent of total
     * @param showAll don't hide library frames: show everything jprof captured
     * @param timeline keep samples in time order instead of aggregating
     * @param processorOptions options for the processors, or null for defaults
     */
    public ConsoleRenderer(boolean unicode, boolean color, TimeFormat time, boolean showAll, boolean timeline,
                           ProcessorOptions processorOptions) {
        this(unicode, color, time, showAll, timeline, processorOptions, null);
    }

    /**
     * As above, with the time zone the header's "Recorded" time is shown in (tests pin it), or null for the
     * system's zone when rendering: looking it up reads the time-zone database (20 ms), which an agent
     * checking its options at start-up should not pay.
     */
    public ConsoleRenderer(boolean unicode, boolean color, TimeFormat time, boolean showAll, boolean timeline,
                           ProcessorOptions processorOptions, ZoneId zone) {
        super(showAll, timeline, processorOptions);
        this.unicode = unicode;
        this.color = color;
        this.time = time;
        this.zone = zone;
    }

    /**
     * All options, including the flat and short modes.
     *
     * @param flat      one line per method, sorted by time, instead of the tree
     * @param flatTime  in flat mode, sum each method's self time or its total time
     * @param shortMode no header and no surrounding blank lines, for embedding
     */
    public ConsoleRenderer(boolean unicode, boolean color, TimeFormat time, boolean showAll, boolean timeline,
                           ProcessorOptions processorOptions, ZoneId zone, boolean flat, FlatTime flatTime,
                           boolean shortMode) {
        this(unicode, color, time, showAll, timeline, processorOptions, zone);
        this.flat = flat;
        this.flatTime = flatTime == null ? FlatTime.SELF : flatTime;
        this.shortMode = shortMode;
    }

    @Override
    protected String renderFrame(Frame root, Session session) {
        StringBuilder out = new StringBuilder();
        if (!shortMode) {
            renderHeader(out, session);
        }
        if (root == null || root.children().isEmpty()) {
            if (session.sampleCount() > 0 && root != null) {
                out.append(String.format(Locale.ROOT, "Nothing reached the display threshold (%s%% of %.3f s): "
                                + "show_all=true (--show-all) shows everything.%n",
                        new java.text.DecimalFormat("0.###", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT))
                                .format(processorOptions().filterThreshold() * 100), root.time()));
            } else {
                out.append("No samples were recorded").append(ReportHeader.shorterThanInterval(session)).append(".\n");
            }
            return out.toString();
        }
        rootTime = root.time() > 0 ? root.time() : Double.MIN_VALUE;
        if (flat) {
            renderFlat(out, root);
        } else if (root.kind() == Frame.Kind.ROOT) {
            for (Frame thread : root.children()) {
                renderNode(out, thread, "", "");
            }
        } else {
            renderNode(out, root, "", "");
        }
        if (!shortMode) {
            out.append('\n');
        }
        return out.toString();
    }

    /** One line per method (across threads), sorted by descending time. */
    private void renderFlat(StringBuilder out, Frame root) {
        Map<String, Double> times = new LinkedHashMap<>();
        Map<String, Frame> firstSeen = new HashMap<>();
        collectFlat(root, times, firstSeen, new HashMap<>());
        List<Map.Entry<String, Double>> entries = new ArrayList<>(times.entrySet());
        entries.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
        for (Map.Entry<String, Double> e : entries) {
            if (e.getValue() <= 0) {
                continue;
            }
            out.append(describe(firstSeen.get(e.getKey()), e.getValue())).append('\n');
        }
    }

    private void collectFlat(Frame frame, Map<String, Double> times, Map<String, Frame> firstSeen,
                             Map<String, Integer> onStack) {
        boolean counted = frame.kind() == Frame.Kind.METHOD
                || (frame.kind() == Frame.Kind.SYNTHETIC && !Frame.SELF_TIME.equals(frame.identifier()));
        String id = frame.identifier();
        if (counted) {
            firstSeen.putIfAbsent(id, frame);
            double t;
            if (flatTime == FlatTime.TOTAL) {
                // An outer call of the same method already counted this time.
                t = onStack.getOrDefault(id, 0) > 0 ? 0 : frame.time();
            } else {
                t = frame.kind() == Frame.Kind.SYNTHETIC ? frame.time() : frame.selfTime();
            }
            times.merge(id, t, Double::sum);
            onStack.merge(id, 1, Integer::sum);
        }
        for (Frame child : frame.children()) {
            collectFlat(child, times, firstSeen, onStack);
        }
        if (counted) {
            onStack.merge(id, -1, Integer::sum);
        }
    }

    private void renderHeader(StringBuilder out, Session s) {
        String recorded = zone != null ? Recorded.FORMAT.format(s.startTime().atZone(zone))
                : localClock(s.startTime().toEpochMilli());
        String cpu = s.cpuTime() < 0 ? "n/a" : Text.fixed(s.cpuTime(), 3);
        out.append('\n');
        String dot = unicode ? " \u00b7 " : " - ";
        out.append("  ").append(paint(Ansi.BOLD, "jprof")).append(dot).append("wall-clock call tree").append(dot)
                .append('v').append(Version.VERSION).append('\n');
        ReportHeader.appendRows(out, new String[][] {
            {"Recorded: ", recorded, "Samples:  ", Long.toString(s.sampleCount())},
            {"Duration: ", Text.fixed(s.duration(), 3), "CPU time: ", cpu},
            {"Threads:  ", Text.threads(s), "Interval: ", intervalText(s)}});
        out.append('\n');
        if (!s.targetDescription().isEmpty()) {
            out.append("Program: ").append(Text.sanitize(s.targetDescription())).append("\n\n");
        }
        if (s.memoryLimitReached()) {
            out.append("Note: ").append(s.memoryNotice()).append(".\n\n");
        }
        String carriers = dev.jprof.CarrierCheck.problem(s);
        if (carriers != null) {
            out.append("Note: ").append(carriers).append(".\n\n");
        }
        if (s.sampler().contains(dev.jprof.sampling.JfrStackSource.WITHOUT_DEBUG_NON_SAFEPOINTS)) {
            out.append("Note: ").append(JFR_DEBUG_INFO).append("\n\n");
        }
    }

    /**
     * HH:mm:ss in the system's zone through java.util.TimeZone: java.time's ZoneId.systemDefault() loads its
     * own copy of the time-zone rules as well (~12 ms of a JVM's exit when the report is its first use).
     */
    static String localClock(long epochMillis) {
        long seconds = Math.floorMod(epochMillis + java.util.TimeZone.getDefault().getOffset(epochMillis), 86_400_000L) / 1000;
        return twoDigits(seconds / 3600) + ':' + twoDigits(seconds / 60 % 60) + ':' + twoDigits(seconds % 60);
    }

    private static String twoDigits(long v) {
        return v < 10 ? "0" + v : Long.toString(v);
    }

    /** Said once, in the header, when JFR's stacks were taken without exact debug info for inlined code. */
    static final String JFR_DEBUG_INFO = "for exact hot lines add -XX:+UnlockDiagnosticVMOptions"
            + " -XX:+DebugNonSafepoints to the java command (jprof's run mode does)";

    private static String intervalText(Session s) {
        String text = Text.millis(s.interval());
        if (s.stretchedInterval() > 0) {
            return text + String.format(Locale.ROOT, " (stretched up to %s to stay under %.1f%% overhead)",
                    Text.millis(s.stretchedInterval()), s.maxOverhead() * 100);
        }
        boolean deviates = s.minInterval() < s.interval() * 0.95 || s.maxInterval() > s.interval() * 1.05;
        if (s.maxInterval() > 0 && deviates) {
            text += " (measured " + Text.millis(s.minInterval()) + " to " + Text.millis(s.maxInterval()) + ")";
        }
        return text;
    }

    private void renderNode(StringBuilder out, Frame frame, String indent, String childIndent) {
        FrameGroup group = frame.group();
        boolean visible = group == null || group.root() == frame || frame.selfTime() > 0.2 * rootTime
                || group.exitFrames().contains(frame);
        if (!visible) {
            for (Frame child : frame.children()) {
                renderNode(out, child, indent, childIndent);
            }
            return;
        }
        out.append(indent).append(describe(frame)).append('\n');
        if (group != null && group.root() == frame) {
            out.append(childIndent).append("   ").append(paint(Ansi.FAINT,
                    "[" + group.frames().size() + " frames hidden]  " + Text.sanitize(String.join(", ", group.libraries()))))
                    .append('\n');
        }
        List<Frame> children = frame.children();
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            String branch = last ? (unicode ? "└─ " : "`- ") : (unicode ? "├─ " : "|- ");
            String stem = last ? "   " : (unicode ? "│  " : "|  ");
            renderNode(out, children.get(i), childIndent + branch, childIndent + stem);
        }
    }

    private String describe(Frame frame) {
        return describe(frame, frame.time());
    }

    private String describe(Frame frame, double seconds) {
        String value = time == TimeFormat.PERCENT_OF_TOTAL
                ? Text.fixed(seconds / rootTime * 100, 1) + "%"
                : Text.fixed(seconds, 3);
        String timeText = paint(colorForTime(seconds), value);
        switch (frame.kind()) {
            case THREAD:
                return timeText + " " + paint(Ansi.BOLD, Text.sanitize(Text.frameName(frame)));
            case SYNTHETIC:
                return timeText + " " + paint(Ansi.FAINT, Text.sanitize(Text.frameName(frame)));
            default:
                String name = Text.sanitize(frame.displayName());
                String position = Text.sanitize(frame.fileName()) + (frame.line() > 0 ? ":" + frame.line() : "");
                return timeText + " " + (frame.isApplicationCode() ? paint(Ansi.APP, name) : name)
                        + "  " + paint(Ansi.FAINT, position);
        }
    }

    private String colorForTime(double t) {
        double share = t / rootTime;
        if (share > 0.6) {
            return Ansi.RED;
        }
        if (share > 0.2) {
            return Ansi.YELLOW;
        }
        if (share > 0.05) {
            return Ansi.GREEN;
        }
        return Ansi.BRIGHT_GREEN + Ansi.FAINT;
    }

    private String paint(String code, String text) {
        return color ? code + text + Ansi.RESET : text;
    }

    /** Whether box-drawing characters are used. */
    public boolean unicode() {
        return unicode;
    }

    /** Whether ANSI colours are used. */
    public boolean color() {
        return color;
    }

    /** How each frame's time is shown. */
    public TimeFormat time() {
        return time;
    }

    public boolean flat() {
        return flat;
    }

    public FlatTime flatTime() {
        return flatTime;
    }

    public boolean shortMode() {
        return shortMode;
    }

    private static final class Ansi {
        static final String RESET = "\033[0m";
        static final String BOLD = "\033[1m";
        static final String FAINT = "\033[2m";
        static final String RED = "\033[31m";
        static final String YELLOW = "\033[33m";
        static final String GREEN = "\033[32m";
        static final String BRIGHT_GREEN = "\033[92m";
        static final String APP = "\033[48;5;24m\033[38;5;15m";
    }
}

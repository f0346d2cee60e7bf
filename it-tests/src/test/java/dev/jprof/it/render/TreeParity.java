package dev.jprof.it.render;

import dev.jprof.CodeLocation;
import dev.jprof.tree.Frame;
import dev.jprof.Session;
import dev.jprof.tree.ProcessorOptions;
import dev.jprof.renderers.ConsoleRenderer;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads trees out of the text report and the page into one comparable form. */
final class TreeParity {
    private static final Pattern TEXT_ROW = Pattern.compile("^([ |`-]*)(\\S.*)$");
    private static final Pattern THREADS = Pattern.compile("Threads:\\s+(.*?)\\s+Interval:");

    private TreeParity() {
    }

    /** A frame's name as the page's treeText writes it: methods by class and method, others as shown. */
    static String name(Frame frame) {
        switch (frame.kind()) {
            case METHOD:
                return frame.className() + "." + frame.methodName();
            case THREAD:
                if (frame.poolThreads() > 0) {
                    return "[pool] " + frame.methodName() + "  " + frame.poolThreads() + " threads";
                }
                return (frame.isVirtualThread() ? "[virtual threads] " : "[thread] ") + frame.methodName();
            default:
                return frame.identifier();
        }
    }

    /** The text report's tree (short mode, ASCII, seconds) as "depth\trow" lines. */
    static List<String> textRows(Session session, boolean showAll, ProcessorOptions options) {
        return textRows(session, showAll, options, false);
    }

    /** As above, with a pool's threads apart or not. */
    static List<String> textRows(Session session, boolean showAll, ProcessorOptions options, boolean splitPools) {
        String text = new ConsoleRenderer(false, false, ConsoleRenderer.TimeFormat.SECONDS, showAll, false, options,
                ZoneOffset.UTC, false, ConsoleRenderer.FlatTime.SELF, true).splitPools(splitPools).render(session);
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = TEXT_ROW.matcher(line);
            if (!m.matches() || m.group(1).length() % 3 != 0) {
                throw new AssertionError("not a tree row: '" + line + "'");
            }
            out.add(m.group(1).length() / 3 + "\t" + m.group(2));
        }
        return out;
    }

    /** The header's thread count as the text report prints it. */
    static String textThreads(Session session) {
        String text = new ConsoleRenderer(false, false, ConsoleRenderer.TimeFormat.SECONDS, false, false, null,
                ZoneOffset.UTC).render(session);
        Matcher m = THREADS.matcher(text);
        if (!m.find()) {
            throw new AssertionError("no thread count in the header: " + text);
        }
        return m.group(1).trim();
    }

    /**
     * "depth\trest" lines, outermost first, with siblings sorted by their text: two renderers may order
     * siblings of equal time differently, and nothing else may differ.
     */
    static List<String> canonical(List<String> rows) {
        Node root = new Node("", -1);
        List<Node> path = new ArrayList<>();
        path.add(root);
        for (String row : rows) {
            int tab = row.indexOf('\t');
            int depth = Integer.parseInt(row.substring(0, tab));
            while (path.size() > depth + 1) {
                path.remove(path.size() - 1);
            }
            if (path.size() != depth + 1) {
                throw new AssertionError("row deeper than its parent + 1: " + row);
            }
            Node n = new Node(row, depth);
            path.get(path.size() - 1).children.add(n);
            path.add(n);
        }
        List<String> out = new ArrayList<>();
        List<Node> work = new ArrayList<>();
        work.add(root);
        while (!work.isEmpty()) {
            Node n = work.remove(work.size() - 1);
            if (n != root) {
                out.add(n.row);
            }
            n.children.sort(Comparator.comparing((Node c) -> c.row).reversed());
            work.addAll(n.children);
        }
        return out;
    }

    /** com.acme classes are the application; everything else is java.base. */
    static CodeLocation locate(StackTraceElement e) {
        String c = e.getClassName();
        String path = c.substring(0, c.lastIndexOf('.')).replace('.', '/') + "/" + e.getFileName();
        return c.startsWith("com.acme.") ? new CodeLocation("/app/classes!/" + path, "classes", true)
                : new CodeLocation("jrt:/java.base!/" + path, "java.base", false);
    }

    /** Frames as "package.Class.method:line", outermost first. */
    static StackTraceElement[] stack(String... outermostFirst) {
        StackTraceElement[] out = new StackTraceElement[outermostFirst.length];
        for (int i = 0; i < outermostFirst.length; i++) {
            String s = outermostFirst[i];
            int colon = s.lastIndexOf(':');
            String name = s.substring(0, colon);
            String c = name.substring(0, name.lastIndexOf('.'));
            String simple = c.substring(c.lastIndexOf('.') + 1);
            int dollar = simple.indexOf('$');
            String file = (dollar < 0 ? simple : simple.substring(0, dollar)) + ".java";
            out[outermostFirst.length - 1 - i] = new StackTraceElement(c, name.substring(name.lastIndexOf('.') + 1),
                    file, Integer.parseInt(s.substring(colon + 1)));
        }
        return out;
    }

    private static final class Node {
        final String row;
        final int depth;
        final List<Node> children = new ArrayList<>();

        Node(String row, int depth) {
            this.row = row;
            this.depth = depth;
        }
    }
}

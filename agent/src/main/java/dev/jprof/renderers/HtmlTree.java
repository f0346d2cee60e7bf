package dev.jprof.renderers;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.jprof.tree.Frame;
import dev.jprof.tree.Processors;
import dev.jprof.tree.ThreadArrangement;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code tree} block of the HTML page: the session's call tree as the text report gets it before
 * any view option applies ({@link dev.jprof.Session#aggregatedRootFrame()}, so {@code [await]}, carrier
 * waits, {@code [out-of-context]}, virtual-thread groups and stem trimming are already decided), flattened
 * in preorder. {@code frames}: one row per distinct frame with what the page's processors need and
 * nothing more: kind, identifier (what aggregation merges by), the name every view shows, class, method,
 * file, location (what hide/show patterns match), library, whether it is application code or plumbing,
 * line. {@code nodes}: {@code up} (the node's index minus its parent's), {@code frame}, and the node's own
 * absorbed and idle time in nanoseconds. {@code threads}: {@code node}, {@code role} for the root rows
 * whose showing depends on show_all: 1 a JDK service thread, 2 an idle thread, both shown only with it, 3 the
 * {@code [N idle threads]} line, shown only without it. {@code lines}: time per line of nodes seen at several lines. A
 * synthetic frame of any name reaches the page as a node like any other.
 */
final class HtmlTree {
    static final int ROOT = 0;
    static final int THREAD = 1;
    static final int METHOD = 2;
    static final int SYNTHETIC = 3;
    /** Roles of a root row ({@code threads.role}): what only show_all shows, and what stands for it otherwise. */
    static final int SERVICE_THREAD = 1;
    static final int IDLE_THREAD = 2;
    static final int IDLE_LINE = 3;

    private final HtmlStrings strings;
    private final List<Frame> nodes = new ArrayList<>();
    private final List<Integer> parents = new ArrayList<>();
    private final Map<Frame, Integer> roles = new IdentityHashMap<>();

    /**
     * @param root a tree arranged as with show_all ({@link ThreadArrangement}): every thread in a row of its
     *             own; the page leaves out and folds threads itself, from their roles, unless it shows all
     */
    HtmlTree(Frame root, HtmlStrings strings) {
        this.strings = strings;
        // No samples: a root alone, so the page has one shape to read.
        Frame r = root != null ? root : Frame.root("");
        assignRoles(r);
        flatten(r);
    }

    /**
     * Marks the threads show_all alone shows (JDK service threads, idle threads) and appends the line the
     * idle ones fold into, built by the text report's own code so both print it alike; the page shows that
     * line only while it does not show all.
     */
    private void assignRoles(Frame root) {
        List<Frame> idle = new ArrayList<>();
        for (Frame thread : root.children()) {
            if (ThreadArrangement.isServiceThread(thread)) {
                roles.put(thread, SERVICE_THREAD);
            } else if (ThreadArrangement.isIdleThread(thread)) {
                roles.put(thread, IDLE_THREAD);
                idle.add(thread);
            }
        }
        if (!idle.isEmpty()) {
            Frame line = ThreadArrangement.idleLine(idle);
            root.addChild(line);
            roles.put(line, IDLE_LINE);
        }
    }

    /** Preorder without recursion: a 10,000-frame stack must not overflow the render thread. */
    private void flatten(Frame root) {
        Deque<Object[]> work = new ArrayDeque<>();
        work.push(new Object[] {root, -1});
        while (!work.isEmpty()) {
            Object[] item = work.pop();
            Frame f = (Frame) item[0];
            int id = nodes.size();
            nodes.add(f);
            parents.add((Integer) item[1]);
            List<Frame> children = f.children();
            for (int i = children.size() - 1; i >= 0; i--) {
                work.push(new Object[] {children.get(i), id});
            }
        }
    }

    void write(JsonGenerator g) throws IOException {
        int n = nodes.size();
        long[] up = new long[n];
        long[] frame = new long[n];
        long[] absorbed = new long[n];
        long[] idle = new long[n];
        Map<FrameKey, Integer> frameIds = new HashMap<>();
        List<Frame> frames = new ArrayList<>();
        List<long[]> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Frame f = nodes.get(i);
            up[i] = parents.get(i) < 0 ? 0 : i - parents.get(i);
            FrameKey key = new FrameKey(f);
            Integer id = frameIds.get(key);
            if (id == null) {
                id = frames.size();
                frameIds.put(key, id);
                frames.add(f);
            }
            frame[i] = id;
            absorbed[i] = Math.round(f.absorbedTime() * 1e9);
            idle[i] = Math.round(f.absorbedIdleTime() * 1e9);
            if (f.lineTimes().size() > 1) {
                for (Map.Entry<Integer, Double> e : f.lineTimes().entrySet()) {
                    lines.add(new long[] {i, e.getKey(), Math.round(e.getValue() * 1e9)});
                }
            }
        }
        g.writeObjectFieldStart("tree");
        writeFrames(g, frames);
        g.writeObjectFieldStart("nodes");
        HtmlData.column(g, "up", up);
        HtmlData.column(g, "frame", frame);
        HtmlData.column(g, "absorbed", absorbed);
        HtmlData.column(g, "idle", idle);
        g.writeEndObject();
        List<long[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Integer role = roles.get(nodes.get(i));
            if (role != null) {
                rows.add(new long[] {i, role});
            }
        }
        g.writeObjectFieldStart("threads");
        HtmlData.column(g, "node", column(rows, 0));
        HtmlData.column(g, "role", column(rows, 1));
        g.writeEndObject();
        g.writeObjectFieldStart("lines");
        HtmlData.column(g, "node", column(lines, 0));
        HtmlData.column(g, "line", column(lines, 1));
        HtmlData.column(g, "time", column(lines, 2));
        g.writeEndObject();
        g.writeEndObject();
    }

    /** What the nodes refer to: one row per distinct frame (a method at its line, a thread, a synthetic frame). */
    private void writeFrames(JsonGenerator g, List<Frame> frames) throws IOException {
        int n = frames.size();
        long[][] c = new long[11][n];
        for (int i = 0; i < n; i++) {
            Frame f = frames.get(i);
            c[0][i] = kindOf(f);
            c[1][i] = strings.index(f.identifier());
            c[2][i] = strings.index(Text.frameName(f));
            c[3][i] = strings.index(f.className());
            c[4][i] = strings.index(f.methodName());
            c[5][i] = strings.index(f.fileName());
            c[6][i] = strings.index(f.filePath());
            c[7][i] = strings.index(f.location().library());
            c[8][i] = f.isApplicationCode() ? 1 : 0;
            c[9][i] = Processors.isPlumbing(f) ? 1 : 0;
            c[10][i] = f.line();
        }
        g.writeObjectFieldStart("frames");
        String[] names = {"kind", "id", "name", "class", "method", "file", "location", "library", "app", "plumbing", "line"};
        for (int k = 0; k < names.length; k++) {
            HtmlData.column(g, names[k], c[k]);
        }
        g.writeEndObject();
    }

    private static long[] column(List<long[]> rows, int at) {
        long[] out = new long[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i)[at];
        }
        return out;
    }

    private static int kindOf(Frame f) {
        switch (f.kind()) {
            case ROOT:
                return ROOT;
            case THREAD:
                return THREAD;
            case METHOD:
                return METHOD;
            default:
                return SYNTHETIC;
        }
    }

    /** What makes two nodes show the same frame: identifier, line and location (names follow from them). */
    private static final class FrameKey {
        private final String identifier;
        private final int line;
        private final String path;
        private final boolean app;

        FrameKey(Frame f) {
            identifier = f.identifier();
            line = f.line();
            path = f.filePath();
            app = f.isApplicationCode();
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof FrameKey)) {
                return false;
            }
            FrameKey k = (FrameKey) o;
            return line == k.line && app == k.app && identifier.equals(k.identifier) && path.equals(k.path);
        }

        @Override
        public int hashCode() {
            return (identifier.hashCode() * 31 + line) * 31 + path.hashCode();
        }
    }
}

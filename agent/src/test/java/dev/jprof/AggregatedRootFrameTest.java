package dev.jprof;

import dev.jprof.tree.Frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.renderers.ConsoleRenderer;
import dev.jprof.renderers.FrameRenderer;
import dev.jprof.sampling.ThreadState;
import dev.jprof.testing.Sessions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Renderers that aggregate build the tree from merged runs (Session.aggregatedRootFrame): after the
 * processors it must be the very tree the time-linear one becomes, lines, groups and thread states included.
 * (Times are compared to the nanosecond and siblings by name: summing nanoseconds before converting is
 * more exact than summing seconds, which can reorder siblings of equal time.)
 */
class AggregatedRootFrameTest {
    private static final String[][] STACKS = {
        {"com.acme.Main.main:10", "com.acme.Server.loop:20", "com.acme.Handler.handle:30", "com.acme.Handler.parse:41"},
        {"com.acme.Main.main:10", "com.acme.Server.loop:20", "com.acme.Handler.handle:31", "com.acme.Handler.parse:42"},
        {"com.acme.Main.main:10", "com.acme.Server.loop:21", "java.util.HashMap.put:600", "java.util.HashMap.hash:338"},
        {"com.acme.Main.main:10", "com.acme.Server.loop:22", "jdk.internal.reflect.Method.invoke:5",
            "com.acme.Handler.handle:32", "org.lib.Json.write:7", "org.lib.Json.escape:9"},
        {"com.acme.Main.main:10", "com.acme.Server.loop:23", "java.lang.Object.wait:1"},
        {"com.acme.Main.main:10", "com.acme.Server.idle:50"},
    };

    @Test
    void aggregatingRenderersGetTheSameTreeFromFarFewerFrames() {
        Sessions rec = new Sessions();
        Random random = new Random(3);
        for (int tick = 0; tick < 3000; tick++) {
            for (long thread = 1; thread <= 3; thread++) {
                int s = random.nextInt(STACKS.length);
                byte state = s == 4 ? ThreadState.WAITING : ThreadState.RUNNABLE;
                rec.source.set(thread, "worker-" + thread, state, STACKS[s]);
            }
            rec.tick(1 + random.nextInt(9), 1);
        }
        Session session = rec.recorder.snapshot();
        FrameRenderer renderer = new ConsoleRenderer();
        String fromTimeline = dump(renderer.preprocess(session.rootFrame()));
        String fromMerged = dump(renderer.preprocess(session.aggregatedRootFrame()));
        assertEquals(fromTimeline, fromMerged);
        assertTrue(count(session.aggregatedRootFrame()) * 20 < count(session.rootFrame()),
                count(session.aggregatedRootFrame()) + " vs " + count(session.rootFrame()) + " frames");
    }

    private static int count(Frame f) {
        int n = 1;
        for (Frame c : f.children()) {
            n += count(c);
        }
        return n;
    }

    private static String dump(Frame root) {
        StringBuilder out = new StringBuilder();
        dump(root, 0, out);
        return out.toString();
    }

    private static void dump(Frame f, int depth, StringBuilder out) {
        out.append("  ".repeat(depth)).append(f.identifier()).append(' ')
                .append(String.format(Locale.ROOT, "%.9f/%.9f", f.time(), f.absorbedTime())).append(" line ").append(f.line())
                .append(' ').append(rounded(f.lineTimes())).append(" group ")
                .append(f.group() == null ? "-" : f.group().frames().size() + "@" + f.group().root().identifier())
                .append(' ').append(states(f)).append('\n');
        List<Frame> children = new ArrayList<>(f.children());
        children.sort(Comparator.comparing(Frame::identifier));
        for (Frame c : children) {
            dump(c, depth + 1, out);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> states(Frame f) {
        Map<String, String> out = new TreeMap<>();
        Object states = f.attributes().get("thread_states");
        if (states != null) {
            ((Map<String, Double>) states).forEach((k, v) -> out.put(k, String.format(Locale.ROOT, "%.9f", v)));
        }
        return out;
    }

    private static Map<Integer, String> rounded(Map<Integer, Double> lineTimes) {
        Map<Integer, String> out = new TreeMap<>();
        lineTimes.forEach((line, t) -> out.put(line, String.format(Locale.ROOT, "%.9f", t)));
        return out;
    }
}

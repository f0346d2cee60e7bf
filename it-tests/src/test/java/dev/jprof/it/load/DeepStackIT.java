package dev.jprof.it.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.tree.Frame;
import dev.jprof.Session;
import dev.jprof.it.programs.DeepRecursion;
import dev.jprof.it.support.Jvm;
import dev.jprof.it.support.Trees;
import dev.jprof.renderers.RenderOptions;
import dev.jprof.renderers.Renderers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real JVM whose thread recurses 10,000 calls deep and spins at the bottom. jprof keeps the innermost
 * 2,048 frames of a stack; the report must still be right: the recursion dominates, times add up, every
 * renderer copes, nothing in jprof overflows its stack, and the program's exit code is kept.
 */
class DeepStackIT {
    private static final int DEPTH = 10_000;
    private static final long SPIN_MILLIS = 1500;

    @TempDir
    Path tmp;

    @Test
    void aStackTenThousandFramesDeepIsProfiledAndRenderedCorrectly() throws Exception {
        Path out = tmp.resolve("deep.jprof");
        Path html = tmp.resolve("deep.html");
        Jvm.Result r = Jvm.run(Jvm.current().command("-javaagent:" + Jvm.agentJar() + "=outfile=" + out, "-cp",
                Jvm.testClasses(), DeepRecursion.class.getName(), Integer.toString(DEPTH), Long.toString(SPIN_MILLIS),
                "7"), tmp, 120);
        assertEquals(7, r.exitCode, "the program's exit code is kept: " + r);
        assertFalse(r.stderr.contains("StackOverflowError") || r.stderr.contains("\tat "), r.toString());
        double spun = Long.parseLong(r.stdout.replaceAll("(?s).*SPIN ns=(\\d+).*", "$1")) / 1e9;

        Session session = Session.load(out);
        Frame root = Trees.aggregated(session);
        Frame deep = Trees.thread(root, "deep");
        double inRecursion = Trees.timeIn(deep, "DeepRecursion.descend");
        assertTrue(inRecursion > 0.9 * deep.time(), "the recursion dominates: " + inRecursion + " of " + deep.time());
        assertTrue(deep.time() > 0.8 * spun && deep.time() < spun + 0.5,
                "the thread's time matches the spin it did: " + deep.time() + " s, spun " + spun + " s");

        double sumOfThreads = 0;
        for (Frame t : root.children()) {
            sumOfThreads += t.time();
        }
        assertEquals(root.time(), sumOfThreads, 1e-6, "the root's time is its threads' time");
        // Down the heaviest path: each frame holds at least its children's time, and the path reaches the spin.
        int depth = 0;
        boolean reachedSpin = false;
        for (Frame f = deep; !f.children().isEmpty(); depth++) {
            double children = 0;
            Frame heaviest = f.children().get(0);
            for (Frame c : f.children()) {
                children += c.time();
                heaviest = c.time() > heaviest.time() ? c : heaviest;
            }
            assertTrue(children <= f.time() + 1e-6, "children within their parent at depth " + depth);
            f = heaviest;
            reachedSpin |= f.displayName().equals("DeepRecursion.spin");
        }
        System.err.println("DeepStackIT: spun " + spun + " s; thread time " + deep.time() + " s, in the recursion "
                + inRecursion + " s; tree depth " + depth + "; " + session.sampleCount() + " samples");
        assertTrue(reachedSpin, "the heaviest path ends in the spin");
        assertTrue(depth >= 2_000, "the innermost 2,048 frames kept of each stack are in the tree: depth " + depth);
        assertTrue(deep.children().stream().anyMatch(c -> c.methodName().startsWith("[stack cut: innermost 2047 frames kept]")),
                "a cut stack says so where the thread's tree starts: " + deep.children());
        Frame spin = Trees.find(deep, "DeepRecursion.spin");
        assertNotNull(spin, "the spin at the bottom is in the report");
        assertTrue(spin.time() > 0.8 * deep.time(), "the spin is where the time went: " + spin.time());

        // Every report format renders the deep session (renderers walk it on a big-stack thread).
        RenderOptions options = new RenderOptions();
        String text = Renderers.create("text", options, false).render(session);
        assertTrue(text.contains("DeepRecursion.spin") && text.contains("[thread] deep"), text.substring(0, 400));
        String json = Renderers.create("json", options, false).render(session);
        assertTrue(json.contains("\"DeepRecursion\"") || json.contains("DeepRecursion"), "json has the frames");
        Files.writeString(html, Renderers.create("html", options, false).render(session));
        assertTrue(Files.readString(html).contains("</html>"));
    }
}

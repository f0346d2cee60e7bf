package dev.jprof.it.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.tree.Frame;
import dev.jprof.Session;
import dev.jprof.it.programs.OutOfHeap;
import dev.jprof.it.support.Jvm;
import dev.jprof.it.support.Trees;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application runs out of heap (-Xmx32m) in a real JVM: the report is still written, profiling goes on. */
class OutOfHeapIT {
    @TempDir
    Path tmp;

    private Jvm.Result run(Path out, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("-Xmx32m",
                // No thread-local allocation buffers, and the serial collector (G1 sometimes finds the sampler
                // a few bytes): when the program has filled the heap, the sampler's allocations fail too.
                "-XX:-UseTLAB", "-XX:+UseSerialGC",
                "-javaagent:" + Jvm.agentJar() + "=outfile=" + out, "-cp", Jvm.testClasses(), OutOfHeap.class.getName()));
        cmd.addAll(List.of(args));
        Jvm.Result r = Jvm.run(Jvm.current().command(cmd.toArray(new String[0])), tmp, 120);
        System.err.println("OutOfHeapIT " + String.join(" ", args) + ": exit " + r.exitCode + "; jprof said: "
                + r.stderr.lines().filter(l -> l.startsWith("jprof:")).reduce((a, b) -> a + " | " + b).orElse("-"));
        assertFalse(r.stderr.contains("sampling stopped"), "the sampler survives the full heap: " + r);
        return r;
    }

    @Test
    void anOutOfMemoryErrorThrownOutOfMainKeepsExitCodeOneAndTheReportIsWritten() throws Exception {
        Path out = tmp.resolve("oom-main.jprof");
        Jvm.Result r = run(out, "main");

        assertEquals(1, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("Exception in thread \"main\" java.lang.OutOfMemoryError"), r.toString());
        assertTrue(r.stderr.contains("jprof: report written to " + out), r.toString());
        Frame main = Trees.thread(Trees.aggregated(Session.load(out)), "main");
        assertNotNull(Trees.find(main, "OutOfHeap.work"), "the work before is in the report");
        assertNotNull(Trees.find(main, "OutOfHeap.fillTheHeap"), "the filling of the heap is in the report");
    }

    @Test
    void profilingGoesOnAfterTheProgramCatchesOutOfMemoryErrors() throws Exception {
        Path out = tmp.resolve("oom-worker.jprof");
        Jvm.Result r = run(out, "worker", "3");

        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("caught 3 OutOfMemoryErrors") && r.stdout.contains("survived"), r.toString());
        // Whether the sampler itself hits the full heap depends on timing (usually it does, with no TLABs);
        // when it does it says so once (SamplerOutOfMemoryTest checks that deterministically).
        assertTrue(r.stderr.lines().filter(l -> l.equals("jprof: out of memory during a sample; that sample is"
                + " dropped and sampling goes on (later drops are not reported)")).count() <= 1,
                "said at most once: " + r);
        Session s = Session.load(out);
        Frame root = Trees.aggregated(s);
        assertNotNull(Trees.find(Trees.thread(root, "filler"), "OutOfHeap.exhaustTheHeap"), "the filler is profiled");
        double after = Trees.timeIn(Trees.thread(root, "main"), "OutOfHeap.afterOutOfMemory");
        double wall = Long.parseLong(r.stdout.replaceAll("(?s).*AFTER ns=(\\d+).*", "$1")) / 1e9;
        // Upper bound: at most one 300 ms heap-full hold may land on the first sample after it (a tick the
        // governor stretched while collections made ticks slow weighs its whole gap).
        assertTrue(after > 0.8 * wall && after < wall + 0.35,
                "the second after the heap ran out is profiled: " + after + " s of " + wall + " s");
    }
}

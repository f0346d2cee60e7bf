package dev.jprof.it.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.tree.Frame;
import dev.jprof.Session;
import dev.jprof.it.programs.GroundTruth;
import dev.jprof.it.support.Jvm;
import dev.jprof.it.support.Trees;
import dev.jprof.renderers.PprofRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A ground-truth program's profile in pprof and JFR, read by the formats' reference readers: Go's
 * {@code go tool pprof}, npm's {@code pprof-format}, and the JDK's own {@code jfr} on JDK 17 and 25.
 */
class PprofAndJfrReadersIT {
    private static final String HOT = GroundTruth.class.getName() + ".cpuWork";

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jprof.it.support.Jvm#names")
    void pprofReadersSeeTheHotMethodWithJprofsShare(String jdk) throws Exception {
        FleetTools.requireGo();
        Jvm jvm = Jvm.named(jdk);
        Path session = tmp.resolve("gt.jprof");
        Jvm.Result r = Jvm.run(jvm.command("-javaagent:" + Jvm.agentJar() + "=outfile=" + session,
                "-cp", Jvm.testClasses(), GroundTruth.class.getName(), "4"), tmp, 120);
        assertEquals(0, r.exitCode, r.toString());
        Session s = Session.load(session);
        Frame root = Trees.aggregated(s);
        double jprofShare = Trees.timeIn(root, "GroundTruth.cpuWork") / root.time();

        Path pprof = tmp.resolve("gt.pb.gz");
        Files.write(pprof, new PprofRenderer().renderBytes(s));
        String top = FleetTools.pprofTop(pprof, tmp);
        double goShare = FleetTools.cumPercent(top, HOT) / 100;
        long[] npm = FleetTools.pprofFormatShare(pprof, HOT, tmp);
        double npmShare = npm[1] / (double) npm[0];
        String shares = String.format(Locale.ROOT, "%s: jprof %.4f, go tool pprof %.4f, pprof-format %.4f", jdk,
                jprofShare, goShare, npmShare);
        System.out.println(shares);
        assertTrue(jprofShare > 0.1, shares); // the hot method is hot (the share is of all threads' time)
        assertEquals(jprofShare, goShare, 0.02, shares + "\n" + top);
        assertEquals(jprofShare, npmShare, 0.02, shares);
        // On top: no method of the program has more of the time than the hot one, bar its callers.
        for (String other : new String[] {"sleepWork", "waitWork"}) {
            assertTrue(FleetTools.cumPercent(top, GroundTruth.class.getName() + "." + other) / 100 < goShare, top);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jprof.it.support.Jvm#names")
    void theAgentsJfrIsReadByTheJdksJfrTool(String jdk) throws Exception {
        Jvm jvm = Jvm.named(jdk);
        Path jfr = tmp.resolve("gt.jfr");
        Jvm.Result r = Jvm.run(jvm.command("-javaagent:" + Jvm.agentJar() + "=outfile=" + jfr,
                "-cp", Jvm.testClasses(), GroundTruth.class.getName(), "2"), tmp, 120);
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("jprof: report written to " + jfr), r.toString());
        String tool = jvm.home().resolve("bin/jfr").toString();

        Jvm.Result summary = Jvm.run(java.util.List.of(tool, "summary", jfr.toString()), tmp, 120);
        assertEquals(0, summary.exitCode, summary.toString());
        assertTrue(summary.stdout.matches("(?s).*jdk\\.ExecutionSample\\s+[1-9]\\d*.*"), summary.stdout);
        assertTrue(summary.stdout.matches("(?s).*profiler\\.WallClockSample\\s+[1-9]\\d*.*"), summary.stdout);

        Jvm.Result samples = Jvm.run(java.util.List.of(tool, "print", "--events", "jdk.ExecutionSample",
                "--stack-depth", "64", jfr.toString()), tmp, 120);
        assertEquals(0, samples.exitCode, samples.toString());
        assertTrue(samples.stdout.contains("sampledThread = \"main\""), samples.stdout);
        assertTrue(samples.stdout.contains(HOT + "()"), samples.stdout);
        assertTrue(samples.stdout.contains(GroundTruth.class.getName() + ".main()"), samples.stdout);

        Jvm.Result wall = Jvm.run(java.util.List.of(tool, "print", "--events", "profiler.WallClockSample",
                jfr.toString()), tmp, 120);
        assertEquals(0, wall.exitCode, wall.toString());
        assertTrue(wall.stdout.contains("timeSpan = ") && wall.stdout.contains("samples = "), wall.stdout);
        assertTrue(wall.stdout.contains("sleepWork()"), "waits are wall-clock samples too:\n" + wall.stdout);
    }
}

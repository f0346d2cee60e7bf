package dev.jprof.it.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jprof.tree.Frame;
import dev.jprof.Session;
import dev.jprof.it.support.Jvm;
import dev.jprof.it.support.Trees;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JMH itself ({@code org.openjdk.jmh.Main}, one fork) runs {@link SplitBenchmark} with
 * {@code -prof dev.jprof.jmh.JprofProfiler:...} and nothing of jprof on the class path but
 * {@code jmh/target/jprof-jmh.jar}, as the README tells users to.
 */
class JmhProfilerIT {
    @TempDir
    Path work;

    @Test
    void profilesTheMeasurementIterationsOfTheBenchmarkThreads() throws Exception {
        Path jar = Paths.get(System.getProperty("jprof.jmh.jar", "../jmh/target/jprof-jmh.jar")).toAbsolutePath();
        assumeTrue(Files.isRegularFile(jar), "jprof-jmh.jar is not built (" + jar + "): run mvn verify from the root");
        List<String> classPath = new ArrayList<>();
        classPath.add(Jvm.testClasses());
        for (String lib : new String[] {"jmh-core", "jopt-simple", "commons-math3"}) {
            classPath.addAll(Jvm.classPathEntries(lib));
        }
        classPath.add(jar.toString());
        Path truth = work.resolve("truth.txt");
        Path dir = work.resolve("profiles");
        Jvm.Result run = Jvm.run(Jvm.current().command("-cp", String.join(File.pathSeparator, classPath),
                "org.openjdk.jmh.Main", SplitBenchmark.class.getName() + ".split",
                "-f", "1", "-wi", "2", "-w", "1s", "-i", "3", "-r", "2s", "-t", "1",
                "-jvmArgsAppend", "-Djprof.truth=" + truth,
                "-prof", "dev.jprof.jmh.JprofProfiler:interval=5ms;dir=" + dir), work, 240);
        assertEquals(0, run.exitCode, run.toString());

        String[] t = Files.readString(truth).trim().split(" ");
        assertTrue(Long.parseLong(t[0]) > 0, "the warm-up-only method ran in warm-up iterations");
        double threeQuarters = Long.parseLong(t[1]);
        double oneQuarter = Long.parseLong(t[2]);
        double truthShare = threeQuarters / (threeQuarters + oneQuarter);
        assertEquals(0.75, truthShare, 0.05, "the benchmark's own phase timing: 3:1 by construction");

        String name = SplitBenchmark.class.getName() + ".split-thrpt";
        Path session = dir.resolve(name + ".jprof");
        assertTrue(Files.isRegularFile(dir.resolve(name + ".html")), run.stdout);
        Frame root = Trees.aggregated(Session.load(session));
        double a = Trees.timeIn(root, "SplitBenchmark.threeQuarters");
        double b = Trees.timeIn(root, "SplitBenchmark.oneQuarter");
        double profiledShare = a / (a + b);
        assertEquals(truthShare, profiledShare, 0.10, "profile " + a + " s : " + b + " s against the phases' own timing");
        assertEquals(0, Trees.timeIn(root, "SplitBenchmark.warmUpOnly"), "warm-up iterations are not profiled");
        for (Frame thread : root.children()) {
            assertTrue(thread.methodName().contains("-jmh-worker-"), "only benchmark threads: " + thread.methodName());
        }
        // About 3 x 2 s of measurement, not the 2 s of warm-up too.
        double total = root.time();
        assertTrue(total > 4.5 && total < 7.5, "profiled time " + total + " s");

        // The call tree is the benchmark's JMH result.
        String out = run.stdout;
        assertTrue(out.contains("split:jprof"), out);
        assertTrue(out.contains("SplitBenchmark.threeQuarters"), out);
        assertTrue(out.contains("jprof session: " + session), out);
        assertFalse(out.contains("warmUpOnly"), out);
    }
}

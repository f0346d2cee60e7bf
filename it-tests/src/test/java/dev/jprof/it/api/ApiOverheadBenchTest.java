package dev.jprof.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a timed test: the wall-time (and process CPU) overhead of a {@code Profiler} of the calling thread at 1 ms on a
 * CPU-bound loop ({@link OverheadTarget}), JVMs with and without the profiler alternating, median of each, on
 * JDK 17 and JDK 25. Prints a markdown table for docs/PERFORMANCE.md ("Java API: calling-thread overhead") and
 * writes it to target/artifacts/api-overhead.md. Run with
 * {@code mvn -B -Pbench -pl it-tests -am verify -Dtest=ApiOverheadBenchTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class ApiOverheadBenchTest {
    private static final int RUNS = Integer.getInteger("jprof.bench.runs", 11);
    private static final Pattern RESULT = Pattern.compile("elapsed_ns=(\\d+) cpu_ns=(-?\\d+) samples=(-?\\d+) main_cpu_ns=(-?\\d+)");

    @Test
    void callingThreadOverheadAtOneMillisecond() throws Exception {
        StringBuilder table = new StringBuilder();
        table.append("| JDK | runs | wall without (s) | wall with Profiler (s) | wall ratio | process CPU without (s)"
                + " | process CPU with (s) | process CPU ratio | main-thread CPU ratio | samples |\n");
        table.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Jvm.Jdk jdk : Jvm.Jdk.values()) {
            List<Double> plain = new ArrayList<>();
            List<Double> profiled = new ArrayList<>();
            List<Double> samples = new ArrayList<>();
            List<Double> plainCpu = new ArrayList<>();
            List<Double> profiledCpu = new ArrayList<>();
            List<Double> plainMain = new ArrayList<>();
            List<Double> profiledMain = new ArrayList<>();
            run(jdk, "plain"); // warm the file system caches; not counted
            for (int i = 0; i < RUNS; i++) {
                double[] q = run(jdk, "plain");
                plain.add(q[0]);
                plainCpu.add(q[2]);
                plainMain.add(q[3]);
                double[] p = run(jdk, "profiled");
                profiled.add(p[0]);
                profiledCpu.add(p[2]);
                profiledMain.add(p[3]);
                samples.add(p[1]);
                assertTrue(p[1] > 0, "the profiled run recorded samples");
            }
            double without = median(plain);
            double with = median(profiled);
            double ratio = with / without;
            String row = String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.0f |%n",
                    jdk == Jvm.Jdk.JDK17 ? "17 (" + System.getProperty("java.version") + ")" : "25",
                    RUNS, without, with, ratio, median(plainCpu), median(profiledCpu),
                    median(profiledCpu) / median(plainCpu), median(profiledMain) / median(plainMain),
                    median(samples));
            table.append(row);
            System.out.println("jprof bench " + jdk + " plain=" + plain + " profiled=" + profiled + " plainCpu="
                    + plainCpu + " profiledCpu=" + profiledCpu + " plainMain=" + plainMain + " profiledMain=" + profiledMain);
        }
        System.out.print(table);
        Path artifacts = Path.of(System.getProperty("jprof.artifacts", "target/artifacts"));
        Files.createDirectories(artifacts);
        Files.writeString(artifacts.resolve("api-overhead.md"), table.toString());
    }

    /** One JVM: {elapsed seconds, samples, process CPU seconds, main thread CPU seconds}. */
    private static double[] run(Jvm.Jdk jdk, String mode) throws Exception {
        Jvm.Result r = Jvm.run(jdk, OverheadTarget.class, mode);
        assertEquals(0, r.exitCode(), r.stderr());
        Matcher m = RESULT.matcher(r.stdout());
        assertTrue(m.find(), r.stdout());
        return new double[] {Long.parseLong(m.group(1)) / 1e9, Long.parseLong(m.group(3)), Long.parseLong(m.group(2)) / 1e9,
            Long.parseLong(m.group(4)) / 1e9};
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}

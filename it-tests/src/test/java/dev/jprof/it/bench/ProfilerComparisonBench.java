package dev.jprof.it.bench;

import dev.jprof.it.support.Jvm;
import dev.jprof.it.support.PerformanceDoc;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overhead of jprof side by side with JFR and async-profiler on fixed-work programs (issue 7): median of
 * 5 alternating runs of each configuration, as a ratio to the same program without a profiler, measured
 * after a warm-up (steady state, as on a canary) and over the whole run (start-up included), and the
 * samples each profiler collected. Attribution is {@link GroundTruthBench}'s; the targets' closer look is
 * {@link OverheadTargetBench}'s. Writes docs/PERFORMANCE.md; asserts nothing about speed.
 */
@Tag("bench")
class ProfilerComparisonBench {
    private static final int RUNS = 5;
    /**
     * Untimed work per thread before the timed 600 units: about 6.5 s. jprof's sampler is compiled by C2
     * during its first ~5 s at 100 ticks a second (that cost shows in the whole-run column); canaries run
     * for hours, so the timed work measures the steady state.
     */
    static final int WARM_UP_UNITS = Integer.getInteger("jprof.bench.warmup", 2000);

    @TempDir
    Path tmp;

    @Test
    void compareProfilers() throws Exception {
        ProfiledRuns runs = new ProfiledRuns(tmp);
        StringBuilder table = new StringBuilder();
        table.append("| JDK | workload | profiler | timed work ms (median) | wall ratio | CPU ratio | whole run ratio | samples |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (String jdk : List.of("jdk17", "jdk25")) {
            Jvm jvm = Jvm.named(jdk);
            for (String workload : List.of("cpu4", "pool", "threads1000", "deep")) {
                Map<String, List<String>> configs = runs.configurations(ProfiledRuns.NONE, ProfiledRuns.JPROF,
                        ProfiledRuns.JPROF_1MS, ProfiledRuns.JFR, ProfiledRuns.ASYNC_PROFILER);
                Map<String, List<double[]>> results = runs.alternate(jvm, configs, workload, WARM_UP_UNITS, RUNS);
                double baseWall = median(results.get(ProfiledRuns.NONE), 0);
                double baseCpu = median(results.get(ProfiledRuns.NONE), 1);
                double baseTotal = median(results.get(ProfiledRuns.NONE), 2);
                for (Map.Entry<String, List<double[]>> r : results.entrySet()) {
                    double wall = median(r.getValue(), 0);
                    double cpu = median(r.getValue(), 1);
                    double total = median(r.getValue(), 2);
                    double samples = median(r.getValue(), 3);
                    String row = String.format("| %s | %s | %s | %.0f | %.3f | %.3f | %.3f | %s |%n", jdk.substring(3),
                            workload, r.getKey(), wall, wall / baseWall, cpu / baseCpu, total / baseTotal,
                            samples < 0 ? "" : String.format("%.0f", samples));
                    System.out.print(row);
                    table.append(row);
                }
            }
        }
        table.append("\nEach workload does fixed work: 4 threads × " + WARM_UP_UNITS + " units of untimed warm-up (about "
                + Math.round(WARM_UP_UNITS / 300.0) + " s on 2 cores), then 4 × 600 timed units (about 2 s) of computation (pool: plus 200 idle pool"
                + " threads; threads1000: plus 1,000 parked threads; deep: the 4 threads compute 2,000 frames deep)."
                + " Runs alternate between configurations; the medians of " + RUNS + " runs are compared. Wall and CPU"
                + " ratios are of the timed work (steady state); the whole-run ratio is JVM uptime at exit, start-up"
                + " and warm-up included. Samples: jprof's sample count, async-profiler's collapsed total, JFR's"
                + " `jdk.ExecutionSample` events.\n"
                + (runs.asyncProfiler() == null ? "async-profiler was not found on the test class path.\n" : "")
                + "\nReproduce: `mvn -B -Pbench verify -Dtest=ProfilerComparisonBench -Dsurefire.failIfNoSpecifiedTests=false`\n");
        PerformanceDoc.replaceSection("Overhead against JFR and async-profiler", table.toString());
    }

    private static double median(List<double[]> values, int column) {
        return ProfiledRuns.median(values, column);
    }
}

package dev.jprof.it.bench;

import dev.jprof.it.support.Jvm;
import dev.jprof.it.support.PerformanceDoc;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's overhead targets, looked at closely enough to decide them: jprof at defaults ≤ 1% on the
 * CPU-bound and the idle-pool workloads, and no worse than async-profiler's wall mode at the same interval
 * + 0.5 percentage points. Only those configurations, many alternating runs (default 15, property
 * {@code jprof.bench.targetRuns}), and a bootstrap interval around each ratio, so that run-to-run noise
 * (2-4 points with 5 runs on 2 cores) is shown rather than read as a result. Writes docs/PERFORMANCE.md.
 */
@Tag("bench")
class OverheadTargetBench {
    private static final int RUNS = Integer.getInteger("jprof.bench.targetRuns", 15);
    private static final int RESAMPLES = 10_000;
    private static final double TARGET = 1.01;
    private static final double MARGIN_PP = 0.5;

    @TempDir
    Path tmp;

    @Test
    void overheadTargets() throws Exception {
        ProfiledRuns runs = new ProfiledRuns(tmp);
        Map<String, List<String>> configs = runs.configurations(ProfiledRuns.NONE, ProfiledRuns.JPROF,
                ProfiledRuns.ASYNC_PROFILER);
        StringBuilder table = new StringBuilder("| JDK | workload | measure | jprof ratio [90% interval] | async-profiler ratio"
                + " [90% interval] | jprof - async-profiler, pp [90% interval] | ≤ 1% | ≤ async-profiler + 0.5 pp | jprof samples |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        for (String jdk : List.of("jdk17", "jdk25")) {
            Jvm jvm = Jvm.named(jdk);
            for (String workload : List.of("cpu4", "pool")) {
                Map<String, List<double[]>> r = runs.alternate(jvm, configs, workload,
                        ProfilerComparisonBench.WARM_UP_UNITS, RUNS);
                for (int column = 0; column < 2; column++) {
                    String row = row(jdk, workload, column == 0 ? "wall" : "CPU", r, column);
                    System.out.print(row);
                    table.append(row);
                }
            }
        }
        PerformanceDoc.replaceSection("Overhead targets", table + "\nWorkloads and warm-up as in the comparison above"
                + " (steady state: timed work after about 6.5 s of warm-up); " + RUNS + " runs of each configuration,"
                + " alternating. A ratio is median (profiled) / median (no profiler); its interval is the 5th-95th"
                + " percentile of the same ratio over " + RESAMPLES + " bootstrap resamples of the runs. A target is"
                + " \"met\" when the whole interval is on its side, \"missed\" when the whole interval is on the other side,"
                + " and \"undecided\" when the runs cannot tell.\n"
                + (runs.asyncProfiler() == null ? "async-profiler was not found on the test class path.\n" : "")
                + "\nReproduce: `mvn -B -Pbench verify -Dtest=OverheadTargetBench -Dsurefire.failIfNoSpecifiedTests=false`"
                + " (about 30 minutes; `-Djprof.bench.targetRuns=N` for more or fewer runs)\n");
    }

    private static String row(String jdk, String workload, String measure, Map<String, List<double[]>> r, int column) {
        double[] none = column(r.get(ProfiledRuns.NONE), column);
        double[] jprof = column(r.get(ProfiledRuns.JPROF), column);
        double[] asprof = r.containsKey(ProfiledRuns.ASYNC_PROFILER) ? column(r.get(ProfiledRuns.ASYNC_PROFILER), column) : null;
        SplittableRandom random = new SplittableRandom(42);
        double[] jprofRatios = new double[RESAMPLES];
        double[] asprofRatios = new double[RESAMPLES];
        double[] differences = new double[RESAMPLES];
        for (int i = 0; i < RESAMPLES; i++) {
            double base = median(resample(none, random));
            jprofRatios[i] = median(resample(jprof, random)) / base;
            if (asprof != null) {
                asprofRatios[i] = median(resample(asprof, random)) / base;
                differences[i] = (jprofRatios[i] - asprofRatios[i]) * 100;
            }
        }
        double jprofRatio = median(jprof) / median(none);
        double samples = median(column(r.get(ProfiledRuns.JPROF), 3));
        String target = verdict(percentile(jprofRatios, 0.05), percentile(jprofRatios, 0.95), TARGET);
        if (asprof == null) {
            return String.format("| %s | %s | %s | %.3f [%.3f, %.3f] | | | %s | | %.0f |%n", jdk.substring(3), workload, measure,
                    jprofRatio, percentile(jprofRatios, 0.05), percentile(jprofRatios, 0.95), target, samples);
        }
        double asprofRatio = median(asprof) / median(none);
        return String.format("| %s | %s | %s | %.3f [%.3f, %.3f] | %.3f [%.3f, %.3f] | %+.1f [%+.1f, %+.1f] | %s | %s | %.0f |%n",
                jdk.substring(3), workload, measure,
                jprofRatio, percentile(jprofRatios, 0.05), percentile(jprofRatios, 0.95),
                asprofRatio, percentile(asprofRatios, 0.05), percentile(asprofRatios, 0.95),
                (jprofRatio - asprofRatio) * 100, percentile(differences, 0.05), percentile(differences, 0.95),
                target, verdict(percentile(differences, 0.05), percentile(differences, 0.95), MARGIN_PP), samples);
    }

    /** "met" when the interval lies at or under the limit, "missed" when above it, else "undecided". */
    static String verdict(double low, double high, double limit) {
        return high <= limit ? "met" : low > limit ? "missed" : "undecided";
    }

    private static double[] column(List<double[]> runs, int column) {
        return runs.stream().mapToDouble(d -> d[column]).toArray();
    }

    private static double[] resample(double[] values, SplittableRandom random) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[random.nextInt(values.length)];
        }
        return out;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    static double percentile(double[] values, double p) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[(int) Math.min(v.length - 1, Math.floor(p * v.length))];
    }
}

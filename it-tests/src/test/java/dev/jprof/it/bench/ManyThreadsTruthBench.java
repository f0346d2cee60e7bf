package dev.jprof.it.bench;

import dev.jprof.it.support.Jvm;
import dev.jprof.it.support.PerformanceDoc;
import dev.jprof.it.support.TaskPhasesTruth;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The truth table of issue 13: each {@code ManyThreadsTruthIT} case's largest error against the tasks' own
 * measurement, for this build, for an older build ({@code -Djprof.truth.before.jar=...}, e.g. main before
 * issue 13) and for async-profiler wall; writes docs/PERFORMANCE.md.
 */
@Tag("bench")
class ManyThreadsTruthBench {
    private static final int RUNS = Integer.getInteger("jprof.truth.runs", 3);

    @TempDir
    Path tmp;

    private record Case(String name, boolean virtual, List<String> jvmOptions, String... args) {
    }

    @Test
    void truthTable() throws Exception {
        List<Case> cases = List.of(
                new Case("2 virtual tasks in flight", true, List.of(), "virtual", "2", "2000", "500", "5000", "3000"),
                new Case("32 virtual tasks on 2 carriers", true, List.of("-Djdk.virtualThreadScheduler.parallelism=2"),
                        "virtual", "32", "1000", "500", "5000", "3000"),
                new Case("200 virtual threads, mostly sleeping", true, List.of(),
                        "virtual", "200", "2000", "200", "1000", "200000"),
                new Case("32 platform threads, JDK 17", false, List.of(),
                        "platform", "32", "8000", "500", "3000", "3000"),
                new Case("32 platform threads, JDK 25", false, List.of(),
                        "platform", "32", "8000", "500", "3000", "3000"));
        String before = System.getProperty("jprof.truth.before.jar");
        Path asyncProfiler = new ProfiledRuns(tmp).asyncProfiler();
        StringBuilder rows = new StringBuilder();
        for (Case c : cases) {
            Jvm jvm = c.name.endsWith("JDK 17") ? Jvm.current() : Jvm.jdk25();
            List<TaskPhasesTruth> after = new ArrayList<>();
            List<TaskPhasesTruth> old = new ArrayList<>();
            List<TaskPhasesTruth> ap = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                after.add(TaskPhasesTruth.runWith(jvm, tmp, c.jvmOptions, Jvm.agentJar(), c.args));
                if (before != null) {
                    old.add(orNull(() -> TaskPhasesTruth.runWith(jvm, tmp, c.jvmOptions, before, c.args)));
                }
                if (asyncProfiler != null) {
                    ap.add(TaskPhasesTruth.runAsyncProfiler(jvm, tmp, c.jvmOptions, asyncProfiler, c.args));
                }
            }
            rows.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", c.name, errors(old, c.virtual),
                    errors(after, c.virtual), errors(ap, c.virtual), shares(after.get(0))));
            System.out.println(c.name + ": after " + after + " before " + old + " async-profiler " + ap);
        }
        String body = String.format(Locale.ROOT, "%d runs per cell; the largest error of the phases' shares"
                        + " of task time against the tasks' own measurement, in points (pp), per run.%n%n"
                        + "| case | before issue 13 | jprof now | async-profiler wall 10 ms | now: profile / measured"
                        + " (start, short, long, sleep) |%n|---|---|---|---|---|%n%s%n"
                        + "Reproduce: `mvn -B -Pbench verify -Dtest=ManyThreadsTruthBench -Dsurefire.failIfNoSpecifiedTests=false"
                        + " -Djprof.truth.before.jar=/path/to/old/jprof.jar` (program `it-tests/.../programs/TaskPhases.java`;"
                        + " the cases of `ManyThreadsTruthIT`). \"start\" is a virtual task's wait to start (for a carrier);"
                        + " async-profiler cannot see unmounted virtual threads, so it shows neither that nor their sleeps.%n",
                RUNS, rows);
        PerformanceDoc.replaceSection("Truth with many threads", body);
    }

    private static String errors(List<TaskPhasesTruth> runs, boolean virtual) {
        if (runs.isEmpty()) {
            return "not run";
        }
        List<String> e = new ArrayList<>();
        for (TaskPhasesTruth r : runs) {
            e.add(r == null ? "no report" : String.format(Locale.ROOT, "%.1f", r.worstPoints()));
        }
        return String.join(" / ", e);
    }

    private interface Run {
        TaskPhasesTruth run() throws Exception;
    }

    /** An older build may not write its report in time (e.g. at exit with thousands of threads): said, not fatal. */
    private static TaskPhasesTruth orNull(Run run) throws Exception {
        try {
            return run.run();
        } catch (java.io.IOException | AssertionError e) {
            System.err.println("no report: " + e.getMessage());
            return null;
        }
    }

    private static String shares(TaskPhasesTruth r) {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            s.add(String.format(Locale.ROOT, "%.3f/%.3f", r.profiled[i], r.measured[i]));
        }
        return String.join(", ", s);
    }
}

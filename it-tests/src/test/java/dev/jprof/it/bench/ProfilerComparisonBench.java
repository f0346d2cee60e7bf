package dev.jprof.it.bench;

import dev.jprof.Frame;
import dev.jprof.Session;
import dev.jprof.it.programs.GroundTruth;
import dev.jprof.it.programs.Workload;
import dev.jprof.it.support.Trees;
import dev.jprof.it.support.GroundTruthOutput;
import dev.jprof.it.support.Jvm;
import dev.jprof.it.support.PerformanceDoc;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overhead of jprof side by side with JFR and async-profiler on fixed-work programs (issue 7): median of
 * 5 alternating runs of each configuration, as a ratio to the same program without a profiler, measured
 * after a warm-up (steady state, as on a canary) and over the whole run (start-up included); samples each
 * profiler collected; and, on the ground-truth program, how far each wall-clock profiler's attribution is
 * from what the program measured. Writes docs/PERFORMANCE.md; asserts nothing about speed.
 */
@Tag("bench")
class ProfilerComparisonBench {
    private static final int RUNS = 5;
    /**
     * Untimed work per thread before the timed 600 units: about 6.5 s. jprof's sampler is compiled by C2
     * during its first ~5 s at 100 ticks a second (that cost shows in the whole-run column); canaries run
     * for hours, so the timed work measures the steady state.
     */
    private static final int WARM_UP_UNITS = Integer.getInteger("jprof.bench.warmup", 2000);
    /** Ground-truth rounds: 400 ms each, 10 s in all, so a 10 ms profiler takes about 1,000 samples. */
    private static final int TRUTH_ROUNDS = 25;

    @TempDir
    Path tmp;

    @Test
    void compareProfilers() throws Exception {
        Path asprof = extractAsyncProfiler();
        StringBuilder table = new StringBuilder();
        table.append("| JDK | workload | profiler | timed work ms (median) | wall ratio | CPU ratio | whole run ratio | samples |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        StringBuilder truthTable = new StringBuilder("| JDK | profiler | samples | cpu / sleep / wait (profile) | "
                + "measured by the program | largest error (pp) |\n|---|---|---|---|---|---|\n");
        for (String jdk : List.of("jdk17", "jdk25")) {
            Jvm jvm = Jvm.named(jdk);
            for (String workload : List.of("cpu4", "pool", "threads1000", "deep")) {
                Map<String, List<String>> configs = new LinkedHashMap<>();
                configs.put("none", List.of());
                configs.put("jprof defaults (10 ms)", List.of("-javaagent:" + Jvm.agentJar() + "=outfile="
                        + tmp.resolve("j.jprof")));
                configs.put("jprof 1 ms", List.of("-javaagent:" + Jvm.agentJar() + "=interval=1ms,max_overhead=0,outfile="
                        + tmp.resolve("j1.jprof")));
                configs.put("JFR profile", List.of("-XX:StartFlightRecording=settings=profile,filename="
                        + tmp.resolve("r.jfr")));
                if (asprof != null) {
                    configs.put("async-profiler wall 10 ms", List.of("-agentpath:" + asprof
                            + "=start,event=wall,interval=10ms,file=" + tmp.resolve("a.collapsed") + ",collapsed"));
                }
                Map<String, List<double[]>> results = new LinkedHashMap<>();
                for (int run = 0; run < RUNS; run++) {
                    for (Map.Entry<String, List<String>> c : configs.entrySet()) {
                        results.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(run(jvm, c.getKey(), c.getValue(), workload));
                    }
                }
                double baseWall = median(results.get("none"), 0);
                double baseCpu = median(results.get("none"), 1);
                double baseTotal = median(results.get("none"), 2);
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
            groundTruth(jvm, jdk, asprof, truthTable);
        }
        table.append("\nEach workload does fixed work: 4 threads × " + WARM_UP_UNITS + " units of untimed warm-up (about "
                + Math.round(WARM_UP_UNITS / 300.0) + " s on 2 cores), then 4 × 600 timed units (about 2 s) of computation (pool: plus 200 idle pool"
                + " threads; threads1000: plus 1,000 parked threads; deep: the 4 threads compute 2,000 frames deep)."
                + " Runs alternate between configurations; the medians of " + RUNS + " runs are compared. Wall and CPU"
                + " ratios are of the timed work (steady state); the whole-run ratio is JVM uptime at exit, start-up"
                + " and warm-up included. Samples: jprof's sample count, async-profiler's collapsed total, JFR's"
                + " `jdk.ExecutionSample` events.\n"
                + "\nAttribution on the ground-truth program (`GroundTruth " + TRUTH_ROUNDS + "`: the main thread computes"
                + " 50%, sleeps 25% and waits on a CompletableFuture 25% in 400 ms rounds, and measures each phase"
                + " itself); shares are of the main thread's time in the three phase methods:\n\n" + truthTable
                + (asprof == null ? "async-profiler was not found on the test class path.\n" : "")
                + "\nReproduce: `mvn -B -Pbench verify -Dtest=ProfilerComparisonBench -Dsurefire.failIfNoSpecifiedTests=false`\n");
        PerformanceDoc.replaceSection("Overhead against JFR and async-profiler", table.toString());
    }

    /** {timed wall ms, timed CPU ms, JVM uptime ms, samples or -1}. */
    private double[] run(Jvm jvm, String config, List<String> profilerArgs, String workload) throws Exception {
        Files.deleteIfExists(tmp.resolve("j.jprof"));
        Files.deleteIfExists(tmp.resolve("j1.jprof"));
        Files.deleteIfExists(tmp.resolve("r.jfr"));
        Files.deleteIfExists(tmp.resolve("a.collapsed"));
        List<String> args = new ArrayList<>(profilerArgs);
        args.add("-cp");
        args.add(Jvm.testClasses());
        args.add(Workload.class.getName());
        args.add(workload);
        args.add(Integer.toString(WARM_UP_UNITS));
        args.add("600");
        Jvm.Result r = Jvm.run(jvm.command(args.toArray(new String[0])), tmp, 300);
        String line = r.stdout.lines().filter(l -> l.startsWith("RESULT")).findFirst()
                .orElseThrow(() -> new AssertionError(r.toString()));
        Map<String, Double> v = new LinkedHashMap<>();
        for (String part : line.substring(7).split(" ")) {
            v.put(part.substring(0, part.indexOf('=')), Double.parseDouble(part.substring(part.indexOf('=') + 1)));
        }
        return new double[] {v.get("work_ms"), v.get("cpu_ms"), v.get("total_ms"), samples(jvm, config)};
    }

    private double samples(Jvm jvm, String config) throws Exception {
        if (config.startsWith("jprof")) {
            Path file = tmp.resolve(config.contains("1 ms") ? "j1.jprof" : "j.jprof");
            return Files.exists(file) ? Session.load(file).sampleCount() : -1;
        }
        if (config.startsWith("async-profiler")) {
            Path file = tmp.resolve("a.collapsed");
            return Files.exists(file) ? Files.readAllLines(file).stream()
                    .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1).trim())).sum() : -1;
        }
        if (config.startsWith("JFR")) {
            Path jfr = jvm.home().resolve("bin/jfr");
            Path file = tmp.resolve("r.jfr");
            if (!Files.exists(jfr) || !Files.exists(file)) {
                return -1;
            }
            Jvm.Result r = Jvm.run(List.of(jfr.toString(), "summary", file.toString()), tmp, 120);
            return r.stdout.lines().map(String::trim).filter(l -> l.startsWith("jdk.ExecutionSample "))
                    .mapToDouble(l -> Double.parseDouble(l.split("\\s+")[1])).findFirst().orElse(-1);
        }
        return -1;
    }

    /** Attribution of jprof (defaults) and async-profiler (wall, 10 ms) against the program's own timing. */
    private void groundTruth(Jvm jvm, String jdk, Path asprof, StringBuilder table) throws Exception {
        String[] phases = {"GroundTruth.cpuWork", "GroundTruth.sleepWork", "GroundTruth.waitWork"};
        Path session = tmp.resolve("gt.jprof");
        Jvm.Result r = Jvm.run(jvm.command("-javaagent:" + Jvm.agentJar() + "=outfile=" + session, "-cp",
                Jvm.testClasses(), GroundTruth.class.getName(), Integer.toString(TRUTH_ROUNDS)), tmp, 300);
        double[] truth = GroundTruthOutput.shares(r.stdout);
        Session s = Session.load(session);
        Frame main = Trees.thread(Trees.aggregated(s), "main");
        double[] shares = new double[3];
        for (int i = 0; i < 3; i++) {
            shares[i] = Trees.timeIn(main, phases[i]);
        }
        truthRow(table, jdk, "jprof defaults (10 ms)", s.sampleCount(), shares, truth);
        if (asprof == null) {
            return;
        }
        Path collapsed = tmp.resolve("gt.collapsed");
        r = Jvm.run(jvm.command("-agentpath:" + asprof + "=start,event=wall,interval=10ms,threads,collapsed,file="
                + collapsed, "-cp", Jvm.testClasses(), GroundTruth.class.getName(), Integer.toString(TRUTH_ROUNDS)), tmp, 300);
        truth = GroundTruthOutput.shares(r.stdout);
        Arrays.fill(shares, 0);
        long samples = 0;
        for (String line : Files.readAllLines(collapsed)) {
            long n = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1).trim());
            samples += n;
            // The main thread is called DestroyJavaVM by the time async-profiler writes its output.
            if (!line.startsWith("[main ") && !line.startsWith("[DestroyJavaVM ")) {
                continue;
            }
            for (int i = 0; i < 3; i++) {
                if (line.contains(phases[i])) {
                    shares[i] += n;
                    break;
                }
            }
        }
        truthRow(table, jdk, "async-profiler wall 10 ms", samples, shares, truth);
    }

    private static void truthRow(StringBuilder table, String jdk, String profiler, long samples, double[] time,
                                 double[] truth) {
        double sum = time[0] + time[1] + time[2];
        double worst = 0;
        for (int i = 0; i < 3; i++) {
            worst = Math.max(worst, Math.abs(time[i] / sum - truth[i]) * 100);
        }
        String row = String.format("| %s | %s | %d | %.3f / %.3f / %.3f | %.3f / %.3f / %.3f | %.1f |%n", jdk.substring(3),
                profiler, samples, time[0] / sum, time[1] / sum, time[2] / sum, truth[0], truth[1], truth[2], worst);
        System.out.print(row);
        table.append(row);
    }

    private Path extractAsyncProfiler() throws Exception {
        List<String> jars = Jvm.classPathEntries("async-profiler");
        if (jars.isEmpty()) {
            System.err.println("SKIPPED async-profiler: not on the test class path");
            return null;
        }
        Path so = tmp.resolve("libasyncProfiler.so");
        try (ZipFile zip = new ZipFile(jars.get(0)); InputStream in = zip.getInputStream(zip.getEntry("linux-x64/libasyncProfiler.so"))) {
            Files.copy(in, so, StandardCopyOption.REPLACE_EXISTING);
        }
        return so;
    }

    private static double median(List<double[]> values, int column) {
        List<Double> v = new ArrayList<>();
        for (double[] d : values) {
            v.add(d[column]);
        }
        Collections.sort(v);
        return v.get(v.size() / 2);
    }

    static Path root() {
        return Paths.get(System.getProperty("jprof.root", ".."));
    }
}

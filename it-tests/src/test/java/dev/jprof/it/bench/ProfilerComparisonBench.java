package dev.jprof.it.bench;

import dev.jprof.it.programs.Workload;
import dev.jprof.it.support.Jvm;
import dev.jprof.it.support.PerformanceDoc;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
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
 * 5 alternating runs of each configuration, as a ratio to the same program without a profiler. Writes
 * docs/PERFORMANCE.md; asserts nothing about speed.
 */
@Tag("bench")
class ProfilerComparisonBench {
    private static final int RUNS = 5;

    @TempDir
    Path tmp;

    @Test
    void compareProfilers() throws Exception {
        Path asprof = extractAsyncProfiler();
        StringBuilder table = new StringBuilder();
        table.append("| JDK | workload | profiler | work ms (median) | wall ratio | CPU ratio |\n|---|---|---|---|---|---|\n");
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
                        results.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(run(jvm, c.getValue(), workload));
                    }
                }
                double baseWall = median(results.get("none"), 0);
                double baseCpu = median(results.get("none"), 1);
                for (Map.Entry<String, List<double[]>> r : results.entrySet()) {
                    double wall = median(r.getValue(), 0);
                    double cpu = median(r.getValue(), 1);
                    String row = String.format("| %s | %s | %s | %.0f | %.3f | %.3f |%n", jdk.substring(3), workload,
                            r.getKey(), wall, wall / baseWall, cpu / baseCpu);
                    System.out.print(row);
                    table.append(row);
                }
            }
        }
        table.append("\nEach workload does fixed work: 4 threads × 600 units (about 2 s on 2 cores) of computation (pool: plus 200 idle pool"
                + " threads; threads1000: plus 1,000 parked threads; deep: the 4 threads compute 2,000 frames deep)."
                + " Runs alternate between configurations; the medians of " + RUNS + " runs are compared.\n"
                + (asprof == null ? "async-profiler was not found on the test class path.\n" : "")
                + "\nReproduce: `mvn -B -Pbench verify -Dtest=ProfilerComparisonBench -Dsurefire.failIfNoSpecifiedTests=false`\n");
        PerformanceDoc.replaceSection("Overhead against JFR and async-profiler", table.toString());
    }

    private double[] run(Jvm jvm, List<String> profilerArgs, String workload) throws Exception {
        List<String> args = new ArrayList<>(profilerArgs);
        args.add("-cp");
        args.add(Jvm.testClasses());
        args.add(Workload.class.getName());
        args.add(workload);
        Jvm.Result r = Jvm.run(jvm.command(args.toArray(new String[0])), tmp, 300);
        String line = r.stdout.lines().filter(l -> l.startsWith("RESULT")).findFirst()
                .orElseThrow(() -> new AssertionError(r.toString()));
        String[] parts = line.split(" ");
        return new double[] {Double.parseDouble(parts[1].substring(8)), Double.parseDouble(parts[2].substring(7))};
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

package dev.jprof.it.bench;

import dev.jprof.Session;
import dev.jprof.it.programs.Spin;
import dev.jprof.it.support.Jvm;
import dev.jprof.it.support.PerformanceDoc;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engine 2 (issue 16) side by side, alternating runs, medians: jprof with stack_source=walk and =jfr against
 * async-profiler's wall mode at 10 ms, on JDK 17 and 25. Density (one busy thread's samples a second), whole-run
 * overhead of a fixed-work program, and the time a profiler adds to a hello world from start to exit. Writes
 * the "Engine 2" section of docs/PERFORMANCE.md.
 */
@Tag("bench")
class Engine2Bench {
    private static final int RUNS = Integer.getInteger("engine2.runs", 5);

    @TempDir
    Path tmp;

    @Test
    void densityOverheadAndStartUp() throws Exception {
        ProfiledRuns runs = new ProfiledRuns(tmp);
        StringBuilder doc = new StringBuilder();
        doc.append(String.format(Locale.ROOT, "Load average %.1f at the start, %d alternating runs each, medians.%n%n",
                load(), RUNS));
        doc.append("| JDK | configuration | one busy thread: samples/s at 10 ms | fixed work (cpu4): whole run vs none"
                + " | hello world: added s to exit |\n|---|---|---|---|---|\n");
        for (String jdk : List.of("jdk17", "jdk25")) {
            Jvm jvm = Jvm.named(jdk);
            Map<String, List<String>> configs = runs.configurations(ProfiledRuns.NONE, ProfiledRuns.JPROF_WALK,
                    ProfiledRuns.JPROF_JFR, ProfiledRuns.ASYNC_PROFILER);
            Map<String, List<Double>> density = new LinkedHashMap<>();
            Map<String, List<Double>> hello = new LinkedHashMap<>();
            for (int run = 0; run < RUNS; run++) {
                for (Map.Entry<String, List<String>> c : configs.entrySet()) {
                    density.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(spinDensity(jvm, c.getKey(), c.getValue()));
                    hello.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(helloSeconds(jvm, c.getValue()));
                }
            }
            Map<String, List<double[]>> work = runs.alternate(jvm, configs, "cpu4", 0, RUNS);
            double none = ProfiledRuns.median(work.get(ProfiledRuns.NONE), 2);
            double helloNone = median(hello.get(ProfiledRuns.NONE));
            for (String config : configs.keySet()) {
                if (config.equals(ProfiledRuns.NONE)) {
                    continue;
                }
                String row = String.format(Locale.ROOT, "| %s | %s | %.0f | %+.1f%% | %+.3f |%n", jdk, config,
                        median(density.get(config)), (ProfiledRuns.median(work.get(config), 2) / none - 1) * 100,
                        median(hello.get(config)) - helloNone);
                System.out.print(row);
                doc.append(row);
            }
            doc.append(String.format(Locale.ROOT, "| %s | none | | %.0f ms | %.3f s |%n", jdk, none, helloNone));
        }
        doc.append(String.format(Locale.ROOT, "%nLoad average at the end %.1f. Reproduce: `mvn -B -Pbench -pl agent,attach-cli,"
                + "junit,jmh,it-tests verify -Dtest=Engine2Bench -Dsurefire.failIfNoSpecifiedTests=false"
                + " [-Dengine2.runs=5]`.%n", load()));
        if (runs.asyncProfiler() == null) {
            doc.append("async-profiler was not found on the test class path.\n");
        }
        PerformanceDoc.replaceSection("Engine 2 measurements", doc.toString());
    }

    /** Samples a second of a 5 s single-thread spin (for async-profiler: its collapsed stacks' counts). */
    private double spinDensity(Jvm jvm, String config, List<String> profilerArgs) throws Exception {
        Files.deleteIfExists(tmp.resolve("j.jprof"));
        Files.deleteIfExists(tmp.resolve("a.collapsed"));
        List<String> args = new ArrayList<>(profilerArgs);
        args.addAll(List.of("-cp", Jvm.testClasses(), Spin.class.getName(), "5000"));
        Jvm.Result r = Jvm.run(jvm.command(args.toArray(new String[0])), tmp, 120);
        if (!r.stdout.contains("spin done")) {
            throw new AssertionError(r.toString());
        }
        if (config.startsWith("jprof")) {
            Session s = Session.load(tmp.resolve("j.jprof"));
            return s.sampleCount() / s.duration();
        }
        if (config.equals(ProfiledRuns.ASYNC_PROFILER)) {
            // Wall mode samples every thread; the spinning main thread's lines carry its name's frame.
            long n = Files.readAllLines(tmp.resolve("a.collapsed")).stream().filter(l -> l.contains("Spin.main"))
                    .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1).trim())).sum();
            return n / 5.0;
        }
        return 0;
    }

    /** Seconds from starting a hello world to its exit, report written. */
    private double helloSeconds(Jvm jvm, List<String> profilerArgs) throws Exception {
        List<String> args = new ArrayList<>(profilerArgs);
        args.addAll(List.of("-cp", Jvm.testClasses(), Spin.class.getName(), "0"));
        long t0 = System.nanoTime();
        Jvm.Result r = Jvm.run(jvm.command(args.toArray(new String[0])), tmp, 120);
        long t1 = System.nanoTime();
        if (r.exitCode != 0) {
            throw new AssertionError(r.toString());
        }
        return (t1 - t0) / 1e9;
    }

    private static double median(List<Double> v) {
        List<Double> sorted = new ArrayList<>(v);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}

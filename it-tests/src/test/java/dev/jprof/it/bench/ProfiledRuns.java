package dev.jprof.it.bench;

import dev.jprof.Session;
import dev.jprof.it.programs.Workload;
import dev.jprof.it.support.Jvm;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * Runs the {@link Workload} programs in fresh JVMs under a named profiler configuration and reads what
 * they report: timed wall and CPU time, JVM uptime, and how many samples the profiler took.
 */
final class ProfiledRuns {
    static final String NONE = "none";
    static final String JPROF = "jprof defaults (10 ms)";
    static final String JPROF_1MS = "jprof 1 ms";
    static final String JPROF_WALK = "jprof stack_source=walk";
    static final String JPROF_JFR = "jprof stack_source=jfr";
    static final String JFR = "JFR profile";
    static final String ASYNC_PROFILER = "async-profiler wall 10 ms";

    private final Path tmp;
    private final Path asyncProfiler;

    ProfiledRuns(Path tmp) throws Exception {
        this.tmp = tmp;
        this.asyncProfiler = extractAsyncProfiler(tmp);
    }

    /** The extracted libasyncProfiler.so, or null when the jar is not on the class path (said on stderr). */
    Path asyncProfiler() {
        return asyncProfiler;
    }

    /** The JVM options of each named configuration, in the order runs alternate. */
    Map<String, List<String>> configurations(String... names) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        all.put(NONE, List.of());
        all.put(JPROF, List.of("-javaagent:" + Jvm.agentJar() + "=outfile=" + tmp.resolve("j.jprof")));
        all.put(JPROF_1MS, List.of("-javaagent:" + Jvm.agentJar() + "=interval=1ms,max_overhead=0,outfile="
                + tmp.resolve("j1.jprof")));
        all.put(JPROF_WALK, List.of("-javaagent:" + Jvm.agentJar() + "=stack_source=walk,outfile=" + tmp.resolve("j.jprof")));
        all.put(JPROF_JFR, List.of("-javaagent:" + Jvm.agentJar() + "=stack_source=jfr,outfile=" + tmp.resolve("j.jprof")));
        all.put(JFR, List.of("-XX:StartFlightRecording=settings=profile,filename=" + tmp.resolve("r.jfr")));
        if (asyncProfiler != null) {
            all.put(ASYNC_PROFILER, List.of("-agentpath:" + asyncProfiler
                    + "=start,event=wall,interval=10ms,file=" + tmp.resolve("a.collapsed") + ",collapsed"));
        }
        Map<String, List<String>> chosen = new LinkedHashMap<>();
        for (String name : names) {
            if (all.containsKey(name)) {
                chosen.put(name, all.get(name));
            }
        }
        return chosen;
    }

    /**
     * Runs {@code Workload workload warmUpUnits 600} once per configuration, {@code runs} times, alternating.
     * Returns each configuration's runs as {timed wall ms, timed CPU ms, JVM uptime ms, samples or -1}.
     */
    Map<String, List<double[]>> alternate(Jvm jvm, Map<String, List<String>> configs, String workload,
                                          int warmUpUnits, int runs) throws Exception {
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        for (int run = 0; run < runs; run++) {
            for (Map.Entry<String, List<String>> c : configs.entrySet()) {
                results.computeIfAbsent(c.getKey(), k -> new ArrayList<>())
                        .add(run(jvm, c.getKey(), c.getValue(), workload, warmUpUnits));
            }
        }
        return results;
    }

    private double[] run(Jvm jvm, String config, List<String> profilerArgs, String workload, int warmUpUnits)
            throws Exception {
        for (String f : List.of("j.jprof", "j1.jprof", "r.jfr", "a.collapsed")) {
            Files.deleteIfExists(tmp.resolve(f));
        }
        List<String> args = new ArrayList<>(profilerArgs);
        args.addAll(List.of("-cp", Jvm.testClasses(), Workload.class.getName(), workload,
                Integer.toString(warmUpUnits), "600"));
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
            Path file = tmp.resolve(config.equals(JPROF_1MS) ? "j1.jprof" : "j.jprof");
            return Files.exists(file) ? Session.load(file).sampleCount() : -1;
        }
        if (config.equals(ASYNC_PROFILER)) {
            Path file = tmp.resolve("a.collapsed");
            return Files.exists(file) ? Files.readAllLines(file).stream()
                    .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1).trim())).sum() : -1;
        }
        if (config.equals(JFR)) {
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

    private static Path extractAsyncProfiler(Path tmp) throws Exception {
        List<String> jars = Jvm.classPathEntries("async-profiler");
        if (jars.isEmpty()) {
            System.err.println("SKIPPED async-profiler: not on the test class path");
            return null;
        }
        Path so = tmp.resolve("libasyncProfiler.so");
        try (ZipFile zip = new ZipFile(jars.get(0));
             InputStream in = zip.getInputStream(zip.getEntry("linux-x64/libasyncProfiler.so"))) {
            Files.copy(in, so, StandardCopyOption.REPLACE_EXISTING);
        }
        return so;
    }

    /** The median of one column of a configuration's runs. */
    static double median(List<double[]> runs, int column) {
        List<Double> v = new ArrayList<>();
        for (double[] d : runs) {
            v.add(d[column]);
        }
        Collections.sort(v);
        return v.get(v.size() / 2);
    }
}

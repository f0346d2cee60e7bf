package dev.jprof.it.bench;

import dev.jprof.Session;
import dev.jprof.it.support.Jvm;
import dev.jprof.it.support.PerformanceDoc;
import dev.jprof.tree.Frame;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Safepoint bias on a real library (issue 16): {@link H2Script} (one busy thread in an in-memory H2 database)
 * under {@code jprof} run mode on JDK 25 with stack_source=walk and =jfr, and under async-profiler's cpu mode,
 * alternating runs. Compares the self-time distributions over leaf methods of the busy thread by total variation
 * distance: each jprof source against async-profiler, and every configuration against itself (the noise floor).
 * Writes the "Engine 2 leaf distance" section of docs/PERFORMANCE.md.
 */
@Tag("bench")
class H2LeafDistanceBench {
    private static final int RUNS = Integer.getInteger("h2.runs", 2);
    private static final String MILLIS = System.getProperty("h2.millis", "10000");
    private static final String WALK = "jprof run mode, stack_source=walk";
    private static final String JFR = "jprof run mode, stack_source=jfr";
    private static final String ASYNC = "async-profiler cpu 10 ms";

    @TempDir
    Path tmp;

    @Test
    void leafSelfTimeDistance() throws Exception {
        Jvm jvm = Jvm.named("jdk25");
        List<String> h2 = Jvm.classPathEntries("h2-");
        Assumptions.assumeFalse(h2.isEmpty(), "H2 is not on the test class path");
        Path asyncProfiler = new ProfiledRuns(tmp).asyncProfiler();
        Assumptions.assumeTrue(asyncProfiler != null, "async-profiler is not on the test class path (mvn -Pbench)");
        String classPath = Jvm.testClasses() + File.pathSeparator + h2.get(0);
        double loadStart = load();
        Map<String, List<Map<String, Double>>> leaves = new LinkedHashMap<>();
        for (int run = 0; run < RUNS; run++) {
            for (String config : List.of(WALK, JFR, ASYNC)) {
                leaves.computeIfAbsent(config, k -> new ArrayList<>()).add(profile(jvm, config, classPath, asyncProfiler, run));
            }
        }
        StringBuilder doc = new StringBuilder(String.format(Locale.ROOT,
                "H2Script %s ms on JDK 25, %d alternating runs each; load average %.1f at the start, %.1f at the end."
                        + " Total variation distance of the busy thread's self time over leaf methods (pp; range over"
                        + " run pairs):%n%n| pair | distance |%n|---|---|%n", MILLIS, RUNS, loadStart, load()));
        for (String a : leaves.keySet()) {
            doc.append(row(a + " vs itself", leaves.get(a), leaves.get(a), true));
        }
        doc.append(row(WALK + " vs " + ASYNC, leaves.get(WALK), leaves.get(ASYNC), false));
        doc.append(row(JFR + " vs " + ASYNC, leaves.get(JFR), leaves.get(ASYNC), false));
        doc.append("\nTop leaves (first run, % of the busy thread's self time):\n\n");
        for (String config : leaves.keySet()) {
            doc.append("- ").append(config).append(": ").append(top(leaves.get(config).get(0), 6)).append('\n');
        }
        doc.append("\nReproduce: `mvn -B -Pbench -pl agent,attach-cli,junit,jmh,it-tests verify -Dtest=H2LeafDistanceBench"
                + " -Dsurefire.failIfNoSpecifiedTests=false`.\n");
        System.out.print(doc);
        PerformanceDoc.replaceSection("Engine 2 leaf distance", doc.toString());
    }

    private Map<String, Double> profile(Jvm jvm, String config, String classPath, Path asyncProfiler, int run)
            throws Exception {
        List<String> target = List.of("-cp", classPath, H2Script.class.getName(), MILLIS);
        List<String> command = new ArrayList<>();
        Path out;
        if (config.equals(ASYNC)) {
            out = tmp.resolve("a" + run + ".collapsed");
            command.add(jvm.java());
            command.add("-agentpath:" + asyncProfiler + "=start,event=cpu,interval=10ms,file=" + out + ",collapsed");
        } else {
            out = tmp.resolve((config.equals(WALK) ? "walk" : "jfr") + run + ".jprof");
            command.addAll(List.of(jvm.java(), "-Djprof.agent.jar=" + Jvm.agentJar(), "-cp", cliJar() + File.pathSeparator
                    + Jvm.agentJar(), "dev.jprof.cli.Main", "--java", jvm.home().toString(), "-o", out.toString(),
                    "--stack-source", config.equals(WALK) ? "walk" : "jfr", "--"));
        }
        command.addAll(target);
        Jvm.Result r = Jvm.run(command, tmp, 300);
        if (r.exitCode != 0 || !r.stdout.contains("h2 done")) {
            throw new AssertionError(r.toString());
        }
        return config.equals(ASYNC) ? collapsedLeaves(out) : jprofLeaves(Session.load(out));
    }

    /** Self time of each method of the main thread, by class.method. */
    static Map<String, Double> jprofLeaves(Session session) {
        Map<String, Double> leaves = new HashMap<>();
        for (Frame thread : session.rootFrame().children()) {
            if (thread.kind() == Frame.Kind.THREAD && thread.methodName().equals("main")) {
                addSelf(thread, leaves);
            }
        }
        return leaves;
    }

    private static void addSelf(Frame frame, Map<String, Double> leaves) {
        for (Frame c : frame.children()) {
            if (c.kind() == Frame.Kind.METHOD) {
                double self = c.selfTime();
                if (self > 0) {
                    leaves.merge(c.className() + "." + c.methodName(), self, Double::sum);
                }
                addSelf(c, leaves);
            }
        }
    }

    /** The innermost Java frame of each of the program's stacks, by class.method, with its sample count. */
    static Map<String, Double> collapsedLeaves(Path collapsed) throws Exception {
        Map<String, Double> leaves = new HashMap<>();
        for (String line : Files.readAllLines(collapsed)) {
            if (!line.contains("H2Script.main")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String[] frames = line.substring(0, space).split(";");
            for (int i = frames.length - 1; i >= 0; i--) {
                String f = frames[i];
                if (f.contains("/") && !f.contains("::") && !f.endsWith(".so") && !f.startsWith("[")) {
                    String name = f.replace('/', '.').replaceAll("_\\[[a-z0-9]\\]$", "");
                    leaves.merge(name, Double.parseDouble(line.substring(space + 1).trim()), Double::sum);
                    break;
                }
            }
        }
        return leaves;
    }

    /** Total variation distance in percentage points: half the sum of the shares' absolute differences. */
    static double distance(Map<String, Double> a, Map<String, Double> b) {
        double ta = a.values().stream().mapToDouble(Double::doubleValue).sum();
        double tb = b.values().stream().mapToDouble(Double::doubleValue).sum();
        Set<String> keys = new HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        double d = 0;
        for (String k : keys) {
            d += Math.abs(a.getOrDefault(k, 0.0) / ta - b.getOrDefault(k, 0.0) / tb);
        }
        return d / 2 * 100;
    }

    private static String row(String name, List<Map<String, Double>> a, List<Map<String, Double>> b, boolean self) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            for (int j = self ? i + 1 : 0; j < b.size(); j++) {
                double d = distance(a.get(i), b.get(j));
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
        }
        return String.format(Locale.ROOT, "| %s | %.0f-%.0f |%n", name, min, max);
    }

    private static String top(Map<String, Double> leaves, int n) {
        double total = leaves.values().stream().mapToDouble(Double::doubleValue).sum();
        List<String> out = new ArrayList<>();
        leaves.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(n)
                .forEach(e -> out.add(String.format(Locale.ROOT, "`%s` %.0f%%",
                        e.getKey().substring(e.getKey().lastIndexOf('.', e.getKey().lastIndexOf('.') - 1) + 1),
                        e.getValue() / total * 100)));
        return String.join(", ", out);
    }

    private static String cliJar() {
        return Paths.get(System.getProperty("jprof.cli.jar")).toAbsolutePath().normalize().toString();
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}

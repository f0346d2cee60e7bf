package dev.jprof.it.bench;

import dev.jprof.it.programs.ManyVirtualThreads;
import dev.jprof.it.support.Jvm;
import dev.jprof.it.support.PerformanceDoc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Overhead of the agent with 10,000 live virtual threads on JDK 25 (issue 6); writes docs/PERFORMANCE.md. */
@Tag("bench")
class VirtualThreadOverheadBench {
    @TempDir
    Path tmp;

    @Test
    void overheadWithTenThousandVirtualThreads() throws Exception {
        Jvm jdk = Jvm.jdk25();
        List<Double> base = new ArrayList<>();
        List<Double> profiled = new ArrayList<>();
        // -Djprof.truth.before.jar=...: an older build side by side (e.g. before issue 13's sampling).
        String before = System.getProperty("jprof.truth.before.jar");
        List<Double> old = new ArrayList<>();
        for (int run = 0; run < 5; run++) {
            base.add(work(jdk, null, null));
            profiled.add(work(jdk, Jvm.agentJar(), "=outfile=" + tmp.resolve("v.jprof")));
            if (before != null) {
                old.add(work(jdk, before, "=outfile=" + tmp.resolve("v0.jprof")));
            }
        }
        double b = median(base);
        double p = median(profiled);
        String body = String.format("| workload | no profiler (median ms) | jprof defaults (median ms) | ratio |%n"
                        + "|---|---|---|---|%n| 10,000 parked virtual threads + 2 computing (JDK 25) | %.0f | %.0f | %.3f |%n%n"
                        + "Runs alternate, 5 each; runs without / with: %s / %s.%n"
                        + "Reproduce: `mvn -B -Pbench verify -Dtest=VirtualThreadOverheadBench -Dsurefire.failIfNoSpecifiedTests=false`"
                        + " (program `ManyVirtualThreads 10000 2 300`; each 10 ms tick the agent walks the mounted virtual"
                        + " threads and 8 others chosen at random).%n", b, p, p / b, base, profiled);
        if (before != null) {
            body += String.format("%nThe build before issue 13 (round robin, gap weighting): median %.0f ms, ratio %.3f;"
                    + " runs %s.%n", median(old), median(old) / b, old);
        }
        System.out.println(body);
        PerformanceDoc.replaceSection("Overhead with 10,000 virtual threads", body);
    }

    private static double work(Jvm jdk, String agentJar, String agentArgs) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (agentArgs != null) {
            cmd.add("-javaagent:" + agentJar + agentArgs);
        }
        cmd.add("-cp");
        cmd.add(Jvm.testClasses());
        cmd.add(ManyVirtualThreads.class.getName());
        cmd.add("10000");
        cmd.add("2");
        cmd.add("300");
        Jvm.Result r = Jvm.run(jdk.command(cmd.toArray(new String[0])), Path.of("."), 300);
        String line = r.stdout.lines().filter(l -> l.startsWith("WORK_MS")).findFirst()
                .orElseThrow(() -> new AssertionError(r.toString()));
        return Double.parseDouble(line.substring(8).trim());
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}

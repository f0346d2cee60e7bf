package dev.jprof.it.bench;

import dev.jprof.it.programs.TickCost;
import dev.jprof.it.support.Jvm;
import dev.jprof.it.support.PerformanceDoc;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sampler's cost per tick for 10 and 100 threads on JDK 17 and 25 (mvn -Pbench verify). Writes the
 * table into docs/PERFORMANCE.md; asserts nothing about speed.
 */
@Tag("bench")
class TickCostBench {
    @TempDir
    Path tmp;

    @Test
    void measureTickCost() throws Exception {
        List<String> rows = new ArrayList<>();
        rows.add("| JDK | threads (busy) | mechanism | median µs/tick | p99 µs/tick | sampler CPU µs/tick | of which waking up | stacks walked/tick | stacks reused/tick | bytes allocated/tick |");
        rows.add("|---|---|---|---|---|---|---|---|---|---|");
        String cp = Jvm.testClasses() + File.pathSeparator + Jvm.agentJar();
        for (String jdk : List.of("jdk17", "jdk25")) {
            Jvm jvm = Jvm.named(jdk);
            for (int[] shape : new int[][] {{10, 2}, {100, 2}, {10, 10}}) {
                for (String mechanism : List.of("false", "true", "auto")) {
                    Jvm.Result r = Jvm.run(jvm.command("-cp", cp, TickCost.class.getName(), Integer.toString(shape[0]),
                            Integer.toString(shape[1]), mechanism, "500", "10"), tmp, 120);
                    String line = r.stdout.lines().filter(l -> l.startsWith("RESULT")).findFirst()
                            .orElseThrow(() -> new AssertionError(r.toString()));
                    System.out.println(line);
                    rows.add(String.format("| %s | %d (%d) | %s | %s | %s | %s | %s | %s | %s | %s |", jdk.substring(3), shape[0],
                            shape[1], field(line, "mechanism"), field(line, "median_us"),
                            field(line, "p99_us"), field(line, "cpu_us_per_tick"), field(line, "wake_cpu_us_per_tick"),
                            field(line, "walks_per_tick"),
                            field(line, "reused_per_tick"), field(line, "bytes_per_tick")));
                }
            }
        }
        PerformanceDoc.replaceSection("Sampler cost per tick", String.join("\n", rows) + "\n\n"
                + "Reproduce: `mvn -B -Pbench verify -Dtest=TickCostBench -Dsurefire.failIfNoSpecifiedTests=false`"
                + " (program `it-tests/.../programs/TickCost.java`: threads ~20 frames deep; busy threads compute, the"
                + " others park, sleep or wait on a monitor; 500 ticks at 10 ms after 20 warm-up ticks). \"median µs/tick\""
                + " is the tick's wall time, which on 2 cores with busy threads is mostly waiting for a CPU; the sampler's"
                + " cost is its CPU column, which includes the CPU its thread used between two ticks: waking from its"
                + " timed park (\"of which waking up\"; the governor counts it too). \"auto\" (the agent's default) uses handshakes on JDK 21+ unless more than"
                + " twice as many threads as CPUs need a walk. \"bytes allocated/tick\" is everything the tick allocated:"
                + " the stacks the JDK returns (`StackTraceElement[]`, and `ThreadInfo` for a safepoint walk), its thread"
                + " listing, and on JDK 17 the two 1-element arrays of each thread CPU read (often removed by C2);"
                + " jprof's own code allocates nothing per tick (`HotPathAllocationTest`).\n");
    }

    private static String field(String line, String name) {
        for (String part : line.split(" ")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        return "?";
    }
}

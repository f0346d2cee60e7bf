package dev.jprof.it.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.jprof.it.support.PerformanceDoc;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Issue 17: what the JUnit extension costs a fast test. The Jupiter engine runs 5,000 trivial tests
 * in-process with the extension (registered by autodetection; every test is profiled and stays under the
 * 1 s threshold, so no report is written) and without it, alternating, 15 rounds each after 2 warm-up
 * rounds; the difference of the medians per test is the extension's cost, in wall time and in the CPU time
 * of the thread that runs the tests (which the other processes of a shared machine disturb less).
 */
@Tag("bench")
class JunitExtensionOverheadBench {
    static final int TESTS = 5_000;
    static final String GUARD = "jprof.bench.junit.examples";

    /** Run only by this bench's engine test kit, never found by surefire on its own. */
    @EnabledIfSystemProperty(named = GUARD, matches = "true")
    static class TrivialTests {
        static long sink;

        @RepeatedTest(TESTS)
        void trivial() {
            sink++;
        }
    }

    @Test
    void perTestCostOfAFastTest() throws Exception {
        System.setProperty(GUARD, "true");
        List<Double> with = new ArrayList<>();
        List<Double> without = new ArrayList<>();
        List<Double> withCpu = new ArrayList<>();
        List<Double> withoutCpu = new ArrayList<>();
        try {
            for (int round = 0; round < 17; round++) {
                // Which goes first alternates too: the garbage of one run is collected in the next.
                boolean onFirst = round % 2 == 1;
                double[] on = onFirst ? runMillis(true) : null;
                double[] off = runMillis(false);
                on = onFirst ? on : runMillis(true);
                if (round >= 2) {
                    without.add(off[0]);
                    with.add(on[0]);
                    withoutCpu.add(off[1]);
                    withCpu.add(on[1]);
                }
            }
        } finally {
            System.clearProperty(GUARD);
        }
        double withMs = median(with);
        double withoutMs = median(without);
        double perTestUs = (withMs - withoutMs) * 1000 / TESTS;
        double withCpuMs = median(withCpu);
        double withoutCpuMs = median(withoutCpu);
        double perTestCpuUs = (withCpuMs - withoutCpuMs) * 1000 / TESTS;
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String line = String.format(Locale.ROOT, "JunitExtensionOverheadBench (load %.1f): %d trivial tests: wall %.0f ms without,"
                + " %.0f ms with the extension (%.1f us per test); CPU %.0f ms without, %.0f ms with (%.1f us per test)",
                load, TESTS, withoutMs, withMs, perTestUs, withoutCpuMs, withCpuMs, perTestCpuUs);
        System.out.println(line);
        PerformanceDoc.replaceSection("JUnit extension: cost of a fast test", String.join("\n",
                "The Jupiter engine runs " + String.format(Locale.ROOT, "%,d", TESTS) + " trivial tests (`sink++`)"
                        + " in-process through the engine test kit, with the extension registered by autodetection and"
                        + " without it, alternating, median of 15 rounds after 2 warm-up rounds; wall time and the CPU time"
                        + " of the thread running the tests. With it, each test lists the live threads (to tell the threads it starts) and"
                        + " schedules its profiler's start 50 ms later (a twentieth of the 1 s threshold); the test ends"
                        + " first and the start is cancelled, so no sampler thread is started and nothing is written."
                        + String.format(Locale.ROOT, " Load average at the end: %.1f on 2 cores (wall times on a"
                        + " loaded machine are noise at this scale; the CPU time is the measure).", load),
                "",
                "| | wall, whole run | wall per test | CPU, whole run | CPU per test |",
                "|---|---|---|---|---|",
                String.format(Locale.ROOT, "| without the extension | %.0f ms | %.1f us | %.0f ms | %.1f us |",
                        withoutMs, withoutMs * 1000 / TESTS, withoutCpuMs, withoutCpuMs * 1000 / TESTS),
                String.format(Locale.ROOT, "| with the extension | %.0f ms | %.1f us | %.0f ms | %.1f us |",
                        withMs, withMs * 1000 / TESTS, withCpuMs, withCpuMs * 1000 / TESTS),
                String.format(Locale.ROOT, "| **extension's cost** | | **%.1f us** | | **%.1f us** |", perTestUs, perTestCpuUs),
                "",
                perTestUs < 0 ? "The wall-time difference is negative: noise of the loaded machine, not a gain (three runs at"
                        + " load 20-50 gave -75 to -123 us, and a CPU cost of 6 to 26 us per test, process or thread)." : "",
                "",
                "Before the grace period, each test started and stopped a profiler with its own sampler thread:"
                        + " measured 2,248 us per test on a loaded machine (load average 19 on 2 cores; thread start,"
                        + " `/proc` scan for the VM thread, process CPU reads). Finding the VM thread once per JVM took"
                        + " a profiler's start from 1,360 to 440 us there; the rest is the thread's start and join.",
                "",
                "Reproduce: `mvn -B -Pbench verify -pl agent,attach-cli,junit,jmh,it-tests"
                        + " -Dtest=JunitExtensionOverheadBench -Dsurefire.failIfNoSpecifiedTests=false`",
                ""));
    }

    /** Wall and CPU milliseconds of one run; the engine test kit runs the tests on the calling thread. */
    private static double[] runMillis(boolean extension) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(TrivialTests.class))
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", Boolean.toString(extension))
                .execute().testEvents().assertStatistics(s -> s.succeeded(TESTS));
        return new double[] {(System.nanoTime() - start) / 1e6, (threads.getCurrentThreadCpuTime() - cpu) / 1e6};
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}

package dev.jprof.it.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.jprof.it.support.PerformanceDoc;
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
 * 1 s threshold, so no report is written) and without it, alternating, 7 rounds each after 2 warm-up
 * rounds; the difference of the medians per test is the extension's cost.
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
        try {
            for (int round = 0; round < 9; round++) {
                double off = runMillis(false);
                double on = runMillis(true);
                if (round >= 2) {
                    without.add(off);
                    with.add(on);
                }
            }
        } finally {
            System.clearProperty(GUARD);
        }
        double withMs = median(with);
        double withoutMs = median(without);
        double perTestUs = (withMs - withoutMs) * 1000 / TESTS;
        String line = String.format(Locale.ROOT, "JunitExtensionOverheadBench: %d trivial tests: %.0f ms without, %.0f ms"
                + " with the extension: %.1f us per test (%.1f us without, %.1f us with)", TESTS, withoutMs, withMs,
                perTestUs, withoutMs * 1000 / TESTS, withMs * 1000 / TESTS);
        System.out.println(line);
        PerformanceDoc.replaceSection("JUnit extension: cost of a fast test", String.join("\n",
                "The Jupiter engine runs " + String.format(Locale.ROOT, "%,d", TESTS) + " trivial tests (`sink++`)"
                        + " in-process through the engine test kit, with the extension registered by autodetection and"
                        + " without it, alternating, median of 7 rounds after 2 warm-up rounds. With it, each test starts a"
                        + " profiler (its own sampler thread, 10 ms interval, the test's thread and the threads it starts)"
                        + " and stops it; no test reaches the 1 s threshold, so nothing is rendered or written.",
                "",
                "| | whole run | per test |",
                "|---|---|---|",
                String.format(Locale.ROOT, "| without the extension | %.0f ms | %.1f us |", withoutMs, withoutMs * 1000 / TESTS),
                String.format(Locale.ROOT, "| with the extension | %.0f ms | %.1f us |", withMs, withMs * 1000 / TESTS),
                String.format(Locale.ROOT, "| **extension's cost** | | **%.1f us** |", perTestUs),
                "",
                "Reproduce: `mvn -B -Pbench verify -pl agent,attach-cli,junit,jmh,it-tests"
                        + " -Dtest=JunitExtensionOverheadBench -Dsurefire.failIfNoSpecifiedTests=false`",
                ""));
    }

    private static double runMillis(boolean extension) {
        long start = System.nanoTime();
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(TrivialTests.class))
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", Boolean.toString(extension))
                .execute().testEvents().assertStatistics(s -> s.succeeded(TESTS));
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}

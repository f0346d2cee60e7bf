package dev.jprof.it.async;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jprof.it.support.Jvm;
import dev.jprof.it.support.TaskPhasesTruth;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13: with more threads than walks per tick, each phase's share of task time is within 3 points of
 * what the tasks measured, and the wait for a carrier within 5, with the agent at defaults.
 *
 * <p>Opt-in ({@code mvn -B -Ptruth verify}), not in the default run: on the sixth session's final sampler every case
 * held three {@code -Ptruth} runs in a row on this project's 2-core machines, but with thin margins (worst 2.5 pp of
 * 3), and earlier sequences failed one run in three; a CI that fails on sampling noise would block every change
 * (issue 13, docs/PERFORMANCE.md "Truth with many threads").
 * The platform cases run 8,000 tasks (~12 s): with 32 runnable threads on 2 CPUs a batched walk takes 50-75 ms
 * to reach its safepoint, which bounds the ticks (~60 in 6 s, governor or not: 77-86 with {@code max_overhead=0}),
 * and with 4,000 tasks they failed one run in two (long under and sleep over by 3-5 pp; 8,000: worst 0.4-2.1 pp in
 * six runs). The 32-on-2-carriers case runs 4,000 tasks (~12 s): its running phases are exact since the sixth session
 * (each carrier read just before its walk); what is left is sampling noise. Its tasks come in waves (the share of
 * them waiting to start swings with a ~90 ms cycle) and, all CPUs busy, the 1% budget stretches its ticks to ~55 ms
 * (~18 a second), so a 6 s run gets ~100 instants of a quantity whose spread is a third of the crowd: start and sleep
 * moved together by up to 4-5 pp in 2,000-task runs, in either direction. See docs/PERFORMANCE.md for the last runs.
 */
@Tag("truth")
class ManyThreadsTruthIT {
    @TempDir
    Path tmp;

    @Test
    void twoVirtualTasksInFlight() throws Exception {
        check(TaskPhasesTruth.run(Jvm.jdk25(), tmp, List.of(), "virtual", "2", "2000", "500", "5000", "3000"));
    }

    @Test
    void thirtyTwoVirtualTasksOnTwoCarriers() throws Exception {
        check(TaskPhasesTruth.run(Jvm.jdk25(), tmp, List.of("-Djdk.virtualThreadScheduler.parallelism=2"),
                "virtual", "32", "4000", "500", "5000", "3000"));
    }

    @Test
    void twoHundredVirtualThreadsThatMostlySleep() throws Exception {
        check(TaskPhasesTruth.run(Jvm.jdk25(), tmp, List.of(), "virtual", "200", "2000", "200", "1000", "200000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jprof.it.support.Jvm#names")
    void thirtyTwoPlatformThreads(String jdk) throws Exception {
        check(TaskPhasesTruth.run(Jvm.named(jdk), tmp, List.of(), "platform", "32", "8000", "500", "3000", "3000"));
    }

    private static void check(TaskPhasesTruth run) {
        System.out.println(run + " | " + run.header);
        assertEquals(run.measured[0], run.profiled[0], 0.05, "carrier wait: " + run);
        for (int i = 1; i < 4; i++) {
            assertEquals(run.measured[i], run.profiled[i], 0.03, TaskPhasesTruth.PHASES.get(i) + ": " + run);
        }
    }
}

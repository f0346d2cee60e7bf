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
 * <p>Opt-in ({@code mvn -B -Ptruth verify}), not in the default run yet: on this project's 2-core machines
 * these bounds do not hold three runs in a row (issue 13, docs/PERFORMANCE.md "Truth with many threads").
 * In the last three runs (fifth session, final sampler) every virtual case passed, within 2 pp; the platform
 * cases failed one run in two (JDK 17 once, JDK 25 twice: long under and sleep over by 3-5 pp). With 32
 * runnable threads on 2 CPUs the sampler wakes ~16 ms late and a batched walk takes ~60 ms to reach its
 * safepoint, so a 6 s run has ~60 ticks, and the sampler gets a CPU more readily when a thread has just gone
 * to sleep, which the interval before that sample is then counted as.
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
                "virtual", "32", "1000", "500", "5000", "3000"));
    }

    @Test
    void twoHundredVirtualThreadsThatMostlySleep() throws Exception {
        check(TaskPhasesTruth.run(Jvm.jdk25(), tmp, List.of(), "virtual", "200", "2000", "200", "1000", "200000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jprof.it.support.Jvm#names")
    void thirtyTwoPlatformThreads(String jdk) throws Exception {
        check(TaskPhasesTruth.run(Jvm.named(jdk), tmp, List.of(), "platform", "32", "4000", "500", "3000", "3000"));
    }

    private static void check(TaskPhasesTruth run) {
        System.out.println(run + " | " + run.header);
        assertEquals(run.measured[0], run.profiled[0], 0.05, "carrier wait: " + run);
        for (int i = 1; i < 4; i++) {
            assertEquals(run.measured[i], run.profiled[i], 0.03, TaskPhasesTruth.PHASES.get(i) + ": " + run);
        }
    }
}

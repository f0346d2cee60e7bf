package dev.jprof.it.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.tree.Frame;
import dev.jprof.Session;
import dev.jprof.it.programs.YieldingVirtualThreads;
import dev.jprof.it.support.Jvm;
import dev.jprof.it.support.Trees;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Virtual threads ready but waiting for the only carrier show as [carrier wait], in strict and enabled mode
 * alike (issue 13; issue 6 called it [out-of-context] in strict mode).
 */
class StrictModeIT {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"strict", "enabled"})
    void readyVirtualThreadsWithoutACarrierWaitForACarrierInEveryMode(String mode) throws Exception {
        Path out = tmp.resolve("strict.jprof");
        Jvm.Result r = Jvm.run(Jvm.jdk25().command("-Djdk.virtualThreadScheduler.parallelism=1",
                "-javaagent:" + Jvm.agentJar() + "=outfile=" + out + ",async_mode=" + mode,
                "-cp", Jvm.testClasses(), YieldingVirtualThreads.class.getName()), tmp, 60);
        assertEquals(0, r.exitCode, r.toString());
        Frame root = Trees.aggregated(Session.load(out));
        double carrierWait = 0;
        double outOfContext = 0;
        double burning = 0;
        for (Frame t : root.children()) {
            if (t.isVirtualThread() && t.methodName().startsWith("yielder-")) {
                carrierWait += total(t, Frame.CARRIER_WAIT);
                outOfContext += total(t, Frame.OUT_OF_CONTEXT);
                burning += Trees.timeIn(t, "VirtualServer.burnCpu");
            }
        }
        assertTrue(burning > 0, "the work is profiled");
        // Four threads share one carrier: each waits about three times as long as it runs.
        assertTrue(carrierWait > burning, "carrier wait " + carrierWait + " vs running " + burning);
        assertEquals(0, outOfContext, 1e-9, "a wait for a carrier is not [out-of-context]");
    }

    private static double total(Frame f, String identifier) {
        double t = 0;
        for (Frame c : f.children()) {
            t += c.identifier().equals(identifier) ? c.time() : total(c, identifier);
        }
        return t;
    }
}

package dev.jprof.sampling;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class VmThreadCpuTest {
    @Test
    void readsTheVmThreadsCpuTimeWhichGrowsWithSafepointWork() {
        boolean linux = Files.isDirectory(Paths.get("/proc/self/task"));
        if (!linux) {
            System.err.println("SKIPPED VmThreadCpuTest: no /proc (not Linux)");
        }
        assumeTrue(linux, "needs Linux /proc");
        VmThreadCpu vm = VmThreadCpu.find();
        assertNotNull(vm, "HotSpot's VM Thread is found among this JVM's tasks");
        long before = vm.nanos();
        assertTrue(before >= 0);
        for (int i = 0; i < 20; i++) {
            System.gc(); // a safepoint operation each, run by the VM thread
        }
        assertTrue(vm.nanos() > before, "the VM thread worked for the collections");
    }
}

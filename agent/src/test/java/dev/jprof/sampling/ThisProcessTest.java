package dev.jprof.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class ThisProcessTest {
    @Test
    void thePidIsTheJdksPid() {
        assertEquals(ProcessHandle.current().pid(), ThisProcess.pid());
    }

    @Test
    void cpuTimeAgreesWithTheJdksWithinItsTicks() {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long before = os.getProcessCpuTime();
        long ours = ThisProcess.cpuNanos();
        long after = os.getProcessCpuTime();
        // Both count in 10 ms ticks; other threads of this JVM run between the reads.
        assertTrue(ours >= before - 20_000_000L && ours <= after + 20_000_000L, before + " <= " + ours + " <= " + after);
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String line = "4242 (my (odd) name) R 1 2 3 4 5 6 7 8 9 10 150 25 0 0 20 0 1 0";
        String[] f = ThisProcess.split(line);
        assertEquals(4242, ThisProcess.parsePid(f[0]));
        assertEquals(175, ThisProcess.cpuTicks(f[1]));
    }

    @Test
    void aDamagedLineReadsAsUnknown() {
        assertNull(ThisProcess.split("4242 no command"));
        assertEquals(-1, ThisProcess.cpuTicks("R 1 2"));
        assertEquals(-1, ThisProcess.parsePid("x"));
    }
}

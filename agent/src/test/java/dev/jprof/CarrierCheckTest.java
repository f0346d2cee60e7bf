package dev.jprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.renderers.ConsoleRenderer;
import dev.jprof.sampling.ThreadState;
import dev.jprof.testing.Sessions;
import org.junit.jupiter.api.Test;

class CarrierCheckTest {
    private static final String[] RUNNING = {"java.lang.VirtualThread.run:1", "com.acme.Worker.work:2"};
    private static final String[] PARKED = {"java.lang.VirtualThread.run:1", "com.acme.Worker.work:2",
            "java.lang.VirtualThread.park:3"};

    /** One virtual thread runs 1 s (100 ticks of 10 ms), another is parked; carriers as given. */
    private static Session recording(long carrierCpuMillis, long carrierWallMillis) {
        Sessions s = new Sessions();
        s.source.virtual(100, "runner", ThreadState.RUNNABLE, RUNNING);
        s.source.virtual(101, "parker", ThreadState.WAITING, PARKED);
        s.source.carriers(carrierCpuMillis * 1_000_000L, carrierWallMillis * 1_000_000L).virtualThreadsSeen(5);
        s.tick(10, 100);
        return s.recorder.snapshot();
    }

    @Test
    void runningTimeIsTheRunnableVirtualSamplesThatNeitherAwaitNorWaitForACarrier() {
        assertEquals(1.0, CarrierCheck.virtualRunningTime(recording(900, 2000)), 1e-9);
    }

    @Test
    void holdsBetweenTheCarriersCpuAndWallTime() {
        assertNull(CarrierCheck.problem(recording(950, 2000)));
    }

    @Test
    void aProfileWithLessRunningTimeThanTheCarriersCpuSaysRunningThreadsWereMissed() {
        Session session = recording(3000, 4000);
        assertTrue(CarrierCheck.problem(session).contains("running virtual threads were missed"));
        String header = new ConsoleRenderer().render(session);
        assertTrue(header.contains("Note: virtual threads ran 1.000 s in this profile, less than the 3.000 s"), header);
    }

    @Test
    void aProfileWithMoreRunningTimeThanTheCarriersExistedSaysSo() {
        assertTrue(CarrierCheck.problem(recording(500, 500)).contains("counted twice"));
    }

    @Test
    void theHeaderCountsVirtualThreadsSeenAndSampled() {
        String header = new ConsoleRenderer().render(recording(950, 2000));
        assertTrue(header.contains("+ 5 virtual (2 sampled)"), header);
        assertTrue(!header.contains("Note: virtual"), header);
    }
}

package dev.jprof.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.Recorder;
import dev.jprof.Session;
import dev.jprof.testing.BusyThreadsStackSource;
import dev.jprof.testing.FakeClock;
import dev.jprof.testing.Sessions;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Four minutes of 50 busy threads at 10 ms (24,000 ticks, 1.2M samples) at the default memory bound: the
 * store's estimate stays under the bound, the heap it really retains is measured, and no time is lost.
 * The full hour runs as it-tests' MemoryHourBench.
 */
class RecordingMemoryTest {
    static final int THREADS = 50;

    @Test
    void fourMinutesOfFiftyBusyThreadsStayUnderTheDefaultBound() {
        long heapBefore = retainedHeap();
        FakeClock clock = new FakeClock();
        Recorder recorder = new Recorder(new BusyThreadsStackSource(THREADS, 400, 0.5), clock, Duration.ofMillis(10),
                Sessions.LOCATOR, "four minutes", Integer.MAX_VALUE);
        recorder.startManual();
        int ticks = 24_000;
        for (int i = 0; i < ticks; i++) {
            clock.advance(Duration.ofMillis(10), 0.5);
            recorder.tick();
        }
        recorder.stop();
        long heapAfter = retainedHeap();
        long retained = heapAfter - heapBefore;
        Session session = recorder.snapshot();
        long estimate = recorder.memoryEstimate();
        System.err.printf(Locale.ROOT, "RecordingMemoryTest: estimate %,d bytes, retained heap %,d bytes, %s%n",
                estimate, retained, session.memoryNotice());
        assertTrue(estimate <= SampleStore.DEFAULT_MAX_BYTES, "estimate " + estimate);
        assertTrue(retained < 64L << 20, "retained heap " + retained);
        assertEquals((long) ticks * THREADS, session.sampleCount());
        assertTrue(session.timelineAggregated(), "a 50-thread timeline of four minutes does not fit in 32 MB");
        assertEquals(0, session.droppedSamples());
        // Every thread's time is all there: 36,000 ticks x 10 ms.
        assertEquals(ticks * 0.010 * THREADS, session.rootFrame().time(), 1e-6);
    }

    /** Used heap after a full collection, as a rough measure of what is reachable. */
    static long retainedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

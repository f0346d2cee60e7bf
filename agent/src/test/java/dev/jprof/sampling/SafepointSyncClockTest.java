package dev.jprof.sampling;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

/**
 * Runs twice in the build: in the default test JVM, where the management internals are not exported (the
 * Java API without the agent), and in the hot-path-allocation JVM, which exports them as the agent does.
 */
class SafepointSyncClockTest {

    private static boolean exported() {
        Module management = ManagementFactory.class.getModule();
        Module self = SafepointSyncClockTest.class.getModule();
        return management.isExported("sun.management", self) && management.isExported("sun.management.counter", self);
    }

    @Test
    void readsTheTimeSpentReachingSafepointsWhereTheInternalsAreExported() {
        SafepointSyncClock clock = SafepointSyncClock.find();
        if (!exported()) {
            assertNull(clock, "without the exports there is nothing to read, and no error");
            return;
        }
        assertNotNull(clock, "HotSpot with perf data: the counter can be read");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] ids = {Thread.currentThread().getId()};
        long before = clock.nanos();
        for (int i = 0; i < 50; i++) {
            mx.getThreadInfo(ids, 10); // a safepoint each on JDK 17-20, a handshake or safepoint later
        }
        long after = clock.nanos();
        assertTrue(before >= 0 && after >= before, before + " -> " + after);
    }

    @Test
    void aBatchedWalkCountsTheSyncTimeWhenItCan() {
        PlatformStackSource source = new PlatformStackSource(ThreadSelector.only(Thread.currentThread()), false, 64);
        assertTrue(source.countsSafepointSync() == exported());
    }
}

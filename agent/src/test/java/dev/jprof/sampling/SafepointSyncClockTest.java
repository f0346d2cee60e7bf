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
        return Object.class.getModule().isExported("jdk.internal.perf", SafepointSyncClockTest.class.getModule());
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
        assertTrue(clock.atSafepointNanos() >= 0, "sun.rt.safepointTime is found as well");
    }

    @Test
    void findsACounterInPerfDataLaidOutAsHotSpotDoes() {
        // A prologue and two entries, little-endian: a long vector (skipped) and the scalar long wanted.
        java.nio.ByteBuffer memory = java.nio.ByteBuffer.allocate(256).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        memory.put(4, (byte) 1).putInt(24, 32).putInt(28, 2);
        entry(memory, 32, "sun.rt.safepointSyncTime", 3, 0);
        entry(memory, 96, "sun.rt.safepointSyncTime", 0, 12345);
        assertTrue(SafepointSyncClock.offsetOf(memory, "sun.rt.safepointSyncTime") == 96 + 48);
        assertTrue(memory.getLong(SafepointSyncClock.offsetOf(memory, "sun.rt.safepointSyncTime")) == 12345);
        assertTrue(SafepointSyncClock.offsetOf(memory, "sun.rt.safepointSync") == -1, "a prefix is not the name");
    }

    /** A PerfDataEntry of 64 bytes at {@code at}: header, name at +20, the long at +48. */
    private static void entry(java.nio.ByteBuffer m, int at, String name, int vectorLength, long value) {
        m.putInt(at, 64).putInt(at + 4, 20).putInt(at + 8, vectorLength).put(at + 12, (byte) 'J').putInt(at + 16, 48);
        byte[] b = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i < b.length; i++) {
            m.put(at + 20 + i, b[i]);
        }
        m.put(at + 20 + b.length, (byte) 0);
        m.putLong(at + 48, value);
    }

    @Test
    void aBatchedWalkCountsTheSyncTimeWhenItCan() {
        PlatformStackSource source = new PlatformStackSource(ThreadSelector.only(Thread.currentThread()), false, 64);
        assertTrue(source.countsSafepointSync() == exported());
    }
}

package dev.jprof.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SafepointPauseTest {
    private static final long MS = 1_000_000L;

    @Test
    void timeAtTheSafepointIsBoundedByTheVmThreadsCpuForTheWalk() {
        // JDK 17, 32 busy threads on 2 CPUs: 45 ms "at safepoint" for a dump the VM thread did in 0.2 ms; the
        // rest it waited for a CPU, after it had woken the program's threads.
        SafepointPause.Readings r = readings(MS / 2, 45 * MS, MS / 5);
        assertEquals(MS / 5 + (MS / 2) * 31 / 32, SafepointPause.estimated().of(50 * MS, r, 500, 32));
    }

    @Test
    void withoutTheVmThreadsCpuTheCountersAreTakenAsTheyAre() {
        SafepointPause.Readings r = readings(MS / 2, 3 * MS, -1);
        assertEquals(3 * MS + MS / 4, SafepointPause.estimated().of(50 * MS, r, 500, 2));
    }

    @Test
    void aVmThreadThatRanLongerThanTheSafepointDoesNotRaiseIt() {
        SafepointPause.Readings r = readings(0, MS, 5 * MS);
        assertEquals(MS, SafepointPause.estimated().of(50 * MS, r, 500, 1));
    }

    /** Readings with the given sync, at-safepoint and VM-thread deltas (vm -1: unreadable). */
    private static SafepointPause.Readings readings(long sync, long at, long vm) {
        SafepointPause.Readings r = new SafepointPause.Readings();
        r.syncBefore = 1_000 * MS;
        r.syncAfter = r.syncBefore + sync;
        r.atBefore = 2_000 * MS;
        r.atAfter = r.atBefore + at;
        if (vm >= 0) {
            r.vmBefore = 3_000 * MS;
            r.vmAfter = r.vmBefore + vm;
        }
        return r;
    }
}

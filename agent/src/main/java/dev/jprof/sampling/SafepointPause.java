package dev.jprof.sampling;

/**
 * How long one batched safepoint walk of {@link PlatformStackSource} stopped the program: the VM thread's
 * CPU time for the walk when it can be read, else an estimate from the frames walked, plus the time
 * threads waited for each other to reach the safepoint when HotSpot's counters are readable.
 */
final class SafepointPause {
    /** The fixed part of a safepoint (reaching it, leaving it), counted as this many frames. */
    private static final int FIXED_WALK_FRAMES = 16;

    private final VmThreadCpu vmThread;
    private final SafepointSyncClock syncClock;
    /** Recent safepoint walk times per frame walked, in 1/1024 ns. */
    private final RecentMinimum pausePerFrame = new RecentMinimum(8);

    /** Reads the VM thread's CPU and HotSpot's safepoint counters where it can. */
    SafepointPause() {
        this(VmThreadCpu.find(), SafepointSyncClock.find());
    }

    private SafepointPause(VmThreadCpu vmThread, SafepointSyncClock syncClock) {
        this.vmThread = vmThread;
        this.syncClock = syncClock;
    }

    /**
     * Estimates from the frames walked only. For a source's first walk (the sampler's unrecorded priming
     * sample): finding the clocks costs ~20 ms, which a program that ends at once would wait for at exit.
     */
    static SafepointPause estimated() {
        return new SafepointPause(null, null);
    }

    /** Whether the time spent reaching safepoints is counted. */
    boolean countsSafepointSync() {
        return syncClock != null;
    }

    /** HotSpot's safepoint synchronisation time so far, or -1 when it cannot be read. */
    long syncNanos() {
        return syncClock != null ? syncClock.nanos() : -1;
    }

    /** HotSpot's time at safepoints so far, or -1 when it cannot be read. */
    long atSafepointNanos() {
        return syncClock != null ? syncClock.atSafepointNanos() : -1;
    }

    /** The VM thread's CPU time so far, or -1 when it cannot be read. */
    long vmThreadNanos() {
        return vmThread != null ? vmThread.nanos() : -1;
    }

    /** The readings around one walk; -1 for any that could not be read. */
    static final class Readings {
        long vmBefore = -1;
        long vmAfter = -1;
        long syncBefore = -1;
        long syncAfter = -1;
        long atBefore = -1;
        long atAfter = -1;
    }

    /** Reads the clocks before a walk. */
    void before(Readings r) {
        r.syncBefore = syncNanos();
        r.atBefore = r.syncBefore >= 0 ? atSafepointNanos() : -1;
        r.vmBefore = vmThreadNanos();
    }

    /** Reads the clocks after a walk, those that could be read before. */
    void after(Readings r) {
        r.vmAfter = r.vmBefore >= 0 ? vmThreadNanos() : -1;
        r.syncAfter = r.syncBefore >= 0 ? syncNanos() : -1;
        r.atAfter = r.atBefore >= 0 ? atSafepointNanos() : -1;
    }

    /** The VM thread's CPU time for the walk, from the readings (0 when unreadable). */
    static long vmThreadCpu(Readings r) {
        return Math.max(0, delta(r.vmBefore, r.vmAfter));
    }

    /** How much a clock advanced between two readings, or -1 when either could not be read. */
    private static long delta(long before, long after) {
        return after >= before && before >= 0 ? after - before : -1;
    }

    /**
     * How long one walk stopped the program, from the readings around it (-1 when unreadable).
     *
     * <p>Where HotSpot's counters are read, that is the time at the safepoint (every thread stopped), plus the
     * time threads that stopped early waited for the last one: of {@code running} threads, on average all but
     * one wait through part of the synchronisation, so (running - 1) / running of it. A lone busy thread keeps
     * running until it reaches the safepoint and waits for no one. Otherwise: the VM thread's CPU for the walk
     * or an estimate from the frames walked, plus the whole synchronisation where it is known.
     *
     * @param wall    the walk call's wall time
     * @param frames  the frames of the stacks walked
     * @param running the threads walked that were running (RUNNABLE)
     */
    long of(long wall, Readings r, long frames, int running) {
        long sync = delta(r.syncBefore, r.syncAfter);
        long at = delta(r.atBefore, r.atAfter);
        long vm = delta(r.vmBefore, r.vmAfter);
        if (sync >= 0 && at >= 0) {
            // HotSpot counts "at safepoint" until its VM thread has ended the safepoint; JDK 17 wakes the stopped
            // threads first, and with more runnable threads than CPUs the VM thread then waits tens of ms for a
            // CPU while the program runs again (32 busy threads on 2 CPUs: 30-50 ms "at safepoint" for a 0.1 ms
            // thread dump, 55 ms for a dump of one thread; JDK 25: 0.4 ms). The VM thread's CPU for the walk is
            // the work the program waited for, so it bounds that time where it is read.
            if (vm >= 0) {
                at = Math.min(at, vm);
            }
            long waited = running > 1 ? sync * (running - 1) / running : 0;
            return Math.min(wall, at + waited);
        }
        long pause;
        frames += FIXED_WALK_FRAMES;
        if (vm >= 0) {
            // The safepoint work itself (see VmThreadCpu), bounded by the call's wall time.
            pause = Math.min(wall, vm);
        } else {
            // A walk's pause grows with the frames walked (4 stacks 2,000 deep: 6-16 ms at the safepoint on
            // JDK 17): the smallest recent cost per frame, times this walk's frames.
            pause = pausePerFrame.add(wall * 1024 / frames) * frames / 1024;
        }
        if (sync >= 0) {
            // The threads stopped first wait for the last to arrive (see SafepointSyncClock).
            pause = Math.min(wall, pause + sync);
        }
        return pause;
    }
}

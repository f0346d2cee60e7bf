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

    /** The VM thread's CPU time so far, or -1 when it cannot be read. */
    long vmThreadNanos() {
        return vmThread != null ? vmThread.nanos() : -1;
    }

    /**
     * The pause of one walk, from the readings before and after it (-1 when unreadable).
     *
     * @param wall   the walk call's wall time
     * @param frames the frames of the stacks walked
     */
    long of(long wall, long vmBefore, long vmAfter, long syncBefore, long syncAfter, long frames) {
        long pause;
        frames += FIXED_WALK_FRAMES;
        if (vmAfter >= vmBefore && vmBefore >= 0) {
            // The safepoint work itself (see VmThreadCpu), bounded by the call's wall time.
            pause = Math.min(wall, vmAfter - vmBefore);
        } else {
            // A walk's pause grows with the frames walked (4 stacks 2,000 deep: 6-16 ms at the safepoint on
            // JDK 17): the smallest recent cost per frame, times this walk's frames.
            pause = pausePerFrame.add(wall * 1024 / frames) * frames / 1024;
        }
        if (syncAfter >= syncBefore && syncBefore >= 0) {
            // The threads stopped first wait for the last to arrive (see SafepointSyncClock).
            pause = Math.min(wall, pause + syncAfter - syncBefore);
        }
        return pause;
    }
}

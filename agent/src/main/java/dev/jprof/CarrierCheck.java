package dev.jprof;

import dev.jprof.sampling.ThreadState;
import java.util.Locale;

/**
 * The self-check of virtual-thread sampling (issue 13): a carrier runs at most one virtual thread at a time
 * and uses CPU only while it runs one, so the running time a profile gives virtual threads must be at least
 * about the carriers' CPU time and at most their wall time. jprof walks every mounted virtual thread each
 * tick, so this holds by construction; a recording that breaks it says so in its header.
 */
public final class CarrierCheck {
    /** Below the carriers' CPU time by more than this share (and {@link #SLACK_INTERVALS}) breaks the check. */
    static final double CPU_TOLERANCE = 0.10;
    /** Intervals of slack per carrier: the first tick and the last partial one are not sampled alike. */
    static final int SLACK_INTERVALS = 5;

    private CarrierCheck() {
    }

    /**
     * Running (non-waiting) time given to virtual threads, in seconds: samples in a running state that are
     * neither [await] nor [carrier wait].
     */
    public static double virtualRunningTime(Session session) {
        SessionTables t = session.tables();
        AwaitRules rules = new AwaitRules(t, session.asyncMode() == AsyncMode.DISABLED ? AsyncMode.ENABLED
                : session.asyncMode());
        long nanos = 0;
        for (int r = 0; r < t.runCount(); r++) {
            int th = t.runThread[r];
            if (!t.threadVirtual[th] || t.runState[r] != ThreadState.RUNNABLE) {
                continue;
            }
            if (rules.classify(t.framesOf(t.runStack[r]), t.runState[r], true).kind() == AwaitRules.Kind.NONE) {
                nanos += t.runWeight[r];
            }
        }
        return nanos / 1e9;
    }

    /** One line for the report header when the check fails, or null when it holds or cannot be made. */
    public static String problem(Session session) {
        double cpu = session.carrierCpuTime();
        double wall = session.carrierWallTime();
        if (cpu < 0 || wall < 0) {
            return null;
        }
        double running = virtualRunningTime(session);
        double slack = SLACK_INTERVALS * session.interval() * Math.max(1, wall / Math.max(session.duration(), 1e-9));
        if (running < cpu * (1 - CPU_TOLERANCE) - slack) {
            return String.format(Locale.ROOT, "virtual threads ran %.3f s in this profile, less than the %.3f s of CPU"
                    + " their carriers used: running virtual threads were missed", running, cpu);
        }
        if (running > wall + slack) {
            return String.format(Locale.ROOT, "virtual threads ran %.3f s in this profile, more than the %.3f s their"
                    + " carriers existed: running time was counted twice", running, wall);
        }
        return null;
    }
}

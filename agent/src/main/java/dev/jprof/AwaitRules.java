package dev.jprof;

import dev.jprof.sampling.ThreadState;

/**
 * Where a sample's stack stops being the program's own work and becomes waiting, per async mode:
 * a thread parked in {@code CompletableFuture.join/get}, {@code Future.get} or {@code ForkJoinTask.join}
 * awaits under the caller of that method; an unmounted virtual thread awaits under its innermost
 * non-JDK frame (its parking internals are folded away); a virtual thread ready to run but without a carrier
 * (not started yet, or woken and not mounted yet) waits for a carrier there, in every async mode: nobody
 * awaited that time. Carrier threads that run a virtual thread are not counted twice.
 */
final class AwaitRules {
    /** What a sample's tail becomes. */
    enum Kind { NONE, AWAIT, CARRIER_WAIT, OUT_OF_CONTEXT, SKIP }

    private final SessionTables t;
    private final AsyncMode mode;

    AwaitRules(SessionTables tables, AsyncMode mode) {
        this.t = tables;
        this.mode = mode;
    }

    /**
     * @param frames outermost first
     * @return the kind; {@link #depth} then tells how many frames to keep
     */
    Kind classify(int[] frames, byte state, boolean virtual, int[] depth) {
        depth[0] = frames.length;
        if (mode == AsyncMode.DISABLED) {
            return Kind.NONE;
        }
        if (!virtual && runsVirtualThread(frames)) {
            return Kind.SKIP;
        }
        if (virtual && state == ThreadState.READY) {
            // Seen unmounted though runnable: it waits for a carrier where it stopped (its parking internals
            // folded away), at the top if it never ran.
            depth[0] = frames.length > 0 && isVirtualThreadInternal(frames[frames.length - 1])
                    ? belowJdkFrames(frames, frames.length - 1) : frames.length;
            return Kind.CARRIER_WAIT;
        }
        boolean waiting = ThreadState.isWaiting(state);
        if (waiting) {
            for (int i = 0; i < frames.length; i++) {
                if (isFutureWait(frames[i])) {
                    depth[0] = i;
                    return Kind.AWAIT;
                }
            }
        }
        if (virtual && frames.length == 0 && !waiting) {
            // Started but never mounted yet: ready, waiting for a carrier.
            depth[0] = 0;
            return Kind.CARRIER_WAIT;
        }
        if (virtual && frames.length > 0 && isVirtualThreadInternal(frames[frames.length - 1])) {
            depth[0] = belowJdkFrames(frames, frames.length - 1);
            return waiting ? Kind.AWAIT : Kind.CARRIER_WAIT;
        }
        if (virtual) {
            // Still mounted on its way to park or sleep (arming the wake-up timer, say): the innermost frame
            // is then not the VirtualThread's own, but the parking below the program's frame is still waiting.
            for (int p = frames.length - 1; p >= 0; p--) {
                if (isVirtualThreadPark(frames[p])) {
                    depth[0] = belowJdkFrames(frames, p);
                    return Kind.AWAIT;
                }
            }
        }
        return Kind.NONE;
    }

    /** How many frames stay when the JDK frames from {@code innermost} outwards are folded away. */
    private int belowJdkFrames(int[] frames, int innermost) {
        int i = innermost;
        while (i >= 0 && isJdk(frames[i])) {
            i--;
        }
        return i + 1;
    }

    private boolean isVirtualThreadPark(int f) {
        if (!t.strings[t.frameClass[f]].equals("java.lang.VirtualThread")) {
            return false;
        }
        String m = t.strings[t.frameMethod[f]];
        return m.startsWith("park") || m.equals("yieldContinuation") || m.equals("sleepNanos") || m.equals("doSleepNanos");
    }

    private boolean runsVirtualThread(int[] frames) {
        for (int f : frames) {
            if (is(f, "jdk.internal.vm.Continuation", "run")) {
                return true;
            }
        }
        return false;
    }

    private boolean isFutureWait(int f) {
        String c = t.strings[t.frameClass[f]];
        String m = t.strings[t.frameMethod[f]];
        switch (c) {
            case "java.util.concurrent.CompletableFuture":
                return m.equals("join") || m.equals("get") || m.equals("waitingGet") || m.equals("timedGet");
            case "java.util.concurrent.FutureTask":
                return m.equals("get") || m.equals("awaitDone");
            case "java.util.concurrent.ForkJoinTask":
                return m.equals("join") || m.equals("get") || m.equals("awaitDone");
            default:
                return false;
        }
    }

    private boolean isVirtualThreadInternal(int f) {
        String c = t.strings[t.frameClass[f]];
        return c.equals("java.lang.VirtualThread") || c.equals("jdk.internal.vm.Continuation");
    }

    private boolean isJdk(int f) {
        String c = t.strings[t.frameClass[f]];
        return c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.");
    }

    private boolean is(int f, String cls, String method) {
        return t.strings[t.frameClass[f]].equals(cls) && t.strings[t.frameMethod[f]].equals(method);
    }
}

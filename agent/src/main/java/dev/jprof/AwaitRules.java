package dev.jprof;

import dev.jprof.sampling.ThreadState;

/**
 * Where a sample's stack stops being the program's own work and becomes waiting, per async mode:
 * a thread parked in {@code CompletableFuture.join/get}, {@code Future.get} or {@code ForkJoinTask.join}
 * awaits under the caller of that method; an unmounted virtual thread awaits under its innermost
 * non-JDK frame (its parking internals are folded away); a virtual thread ready to run but without a carrier
 * (not started yet, or woken and not mounted yet) waits for a carrier there, in every async mode: nobody
 * awaited that time. Carrier threads that run a virtual thread are not counted twice. A platform thread
 * waiting for work ({@link IdleRules}) is {@code [idle]} there, in every async mode.
 */
final class AwaitRules {
    /** What a sample's tail becomes. */
    enum Kind { NONE, AWAIT, CARRIER_WAIT, OUT_OF_CONTEXT, IDLE, SKIP }

    /**
     * What a sample's tail becomes and how many of its frames (outermost first) stay above it.
     *
     * @param kind what the tail becomes
     * @param keep how many frames stay; the rest fold into the tail
     */
    record Tail(Kind kind, int keep) {
    }

    private final SessionTables t;
    private final AsyncMode mode;
    private final IdleRules idle;

    AwaitRules(SessionTables tables, AsyncMode mode) {
        this.t = tables;
        this.mode = mode;
        this.idle = new IdleRules(tables);
    }

    /**
     * @param frames outermost first
     * @return the kind, and how many frames to keep
     */
    Tail classify(int[] frames, byte state, boolean virtual) {
        Tail tail = mode == AsyncMode.DISABLED ? null : asyncTail(frames, state, virtual);
        if (tail != null) {
            return tail;
        }
        int wait = virtual ? -1 : idle.waitAt(frames);
        return new Tail(wait >= 0 ? Kind.IDLE : Kind.NONE, wait >= 0 ? wait : frames.length);
    }

    /** The async mode's decision, or null when it has none. */
    private Tail asyncTail(int[] frames, byte state, boolean virtual) {
        if (!virtual && runsVirtualThread(frames)) {
            return new Tail(Kind.SKIP, frames.length);
        }
        if (virtual && state == ThreadState.READY) {
            // Seen unmounted though runnable: it waits for a carrier where it stopped (its parking internals
            // folded away), at the top if it never ran.
            return new Tail(Kind.CARRIER_WAIT, frames.length > 0 && isVirtualThreadInternal(frames[frames.length - 1])
                    ? belowJdkFrames(frames, frames.length - 1) : frames.length);
        }
        boolean waiting = ThreadState.isWaiting(state);
        if (waiting) {
            for (int i = 0; i < frames.length; i++) {
                if (isFutureWait(frames[i])) {
                    return new Tail(Kind.AWAIT, i);
                }
            }
        }
        if (virtual && frames.length == 0 && !waiting) {
            // Started but never mounted yet: ready, waiting for a carrier.
            return new Tail(Kind.CARRIER_WAIT, 0);
        }
        if (virtual && frames.length > 0 && isVirtualThreadInternal(frames[frames.length - 1])) {
            return new Tail(waiting ? Kind.AWAIT : Kind.CARRIER_WAIT, belowJdkFrames(frames, frames.length - 1));
        }
        if (virtual) {
            // Still mounted on its way to park or sleep (arming the wake-up timer, say): the innermost frame
            // is then not the VirtualThread's own, but the parking below the program's frame is still waiting.
            for (int p = frames.length - 1; p >= 0; p--) {
                if (isVirtualThreadPark(frames[p])) {
                    return new Tail(Kind.AWAIT, belowJdkFrames(frames, p));
                }
            }
        }
        return null;
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

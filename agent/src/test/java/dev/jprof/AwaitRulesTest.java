package dev.jprof;

import dev.jprof.tree.ProcessorOptions;

import dev.jprof.tree.Processors;

import dev.jprof.tree.Frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.sampling.ThreadState;
import dev.jprof.testing.Sessions;
import java.util.List;
import org.junit.jupiter.api.Test;

class AwaitRulesTest {
    private static final String[] JOINING = {"com.acme.Main.main:1", "com.acme.Main.waitWork:2",
            "java.util.concurrent.CompletableFuture.join:3", "java.util.concurrent.CompletableFuture.waitingGet:4",
            "java.util.concurrent.locks.LockSupport.park:5"};
    private static final String[] VIRTUAL_SLEEP = {"java.lang.VirtualThread.run:1", "com.acme.Handler.handle:2",
            "java.lang.Thread.sleep:3", "java.lang.VirtualThread.sleepNanos:4", "java.lang.VirtualThread.parkNanos:5"};
    private static final String[] CARRIER = {"java.lang.Thread.run:1", "java.util.concurrent.ForkJoinWorkerThread.run:2",
            "jdk.internal.vm.Continuation.run:3"};

    private static Frame tree(AsyncMode mode, java.util.function.Consumer<Sessions> script) {
        Sessions s = new Sessions();
        s.recorder.asyncMode(mode);
        script.accept(s);
        Session session = s.recorder.snapshot();
        assertEquals(mode, session.asyncMode());
        return session.rootFrame();
    }

    private static Frame find(Frame f, String displayName) {
        for (Frame c : f.children()) {
            if (c.displayName().equals(displayName)) {
                return c;
            }
            Frame found = find(c, displayName);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    @Test
    void aFutureWaitBecomesAwaitUnderTheJoiningMethod() {
        Frame root = tree(AsyncMode.ENABLED, s -> {
            s.source.set(1, "main", ThreadState.WAITING, JOINING);
            s.tick(10, 5);
        });
        Frame wait = find(root, "Main.waitWork");
        assertEquals(List.of(Frame.AWAIT), wait.children().stream().map(Frame::identifier).toList());
        assertEquals(0.05, wait.children().get(0).time(), 1e-9);
        assertNull(find(root, "CompletableFuture.join"));
    }

    @Test
    void disabledKeepsRawStacks() {
        Frame root = tree(AsyncMode.DISABLED, s -> {
            s.source.set(1, "main", ThreadState.WAITING, JOINING);
            s.tick(10, 5);
        });
        assertNotNull(find(root, "LockSupport.park"));
        assertNull(find(root, Frame.AWAIT));
    }

    @Test
    void aRunnableThreadInsideJoinIsWorkingNotAwaiting() {
        Frame root = tree(AsyncMode.ENABLED, s -> {
            s.source.set(1, "main", ThreadState.RUNNABLE, JOINING);
            s.tick(10, 5);
        });
        assertNotNull(find(root, "LockSupport.park"));
    }

    @Test
    void aParkedVirtualThreadAwaitsUnderItsOwnCodeAndVirtualThreadsGroupByName() {
        Frame root = tree(AsyncMode.ENABLED, s -> {
            s.source.virtual(100, "ThreadPerTaskExecutor", ThreadState.TIMED_WAITING, VIRTUAL_SLEEP);
            s.source.virtual(101, "ThreadPerTaskExecutor", ThreadState.TIMED_WAITING, VIRTUAL_SLEEP);
            s.tick(10, 3);
        });
        Processors.aggregateRepeatedCalls(root, new ProcessorOptions());
        assertEquals(1, root.children().size(), "one group for both virtual threads");
        Frame group = root.children().get(0);
        assertTrue(group.isVirtualThread());
        Frame handle = find(group, "Handler.handle");
        assertEquals(Frame.AWAIT, handle.children().get(0).identifier());
        assertEquals(0.06, handle.time(), 1e-9);
        assertNull(find(root, "Thread.sleep"), "parking internals are folded away");
    }

    @Test
    void aVirtualThreadCaughtArmingItsWakeUpTimerAlreadyAwaits() {
        String[] arming = {"java.lang.VirtualThread.run:1", "com.acme.Handler.handle:2", "java.lang.Thread.sleep:3",
                "java.lang.VirtualThread.sleepNanos:4", "java.lang.VirtualThread.parkNanos:5",
                "java.lang.VirtualThread.scheduleUnpark:6", "java.util.concurrent.ScheduledThreadPoolExecutor.schedule:7"};
        for (AsyncMode mode : List.of(AsyncMode.ENABLED, AsyncMode.STRICT)) {
            Frame root = tree(mode, s -> {
                s.source.virtual(100, "w", ThreadState.RUNNABLE, arming);
                s.tick(10, 2);
            });
            Frame handle = find(root, "Handler.handle");
            assertEquals(List.of(Frame.AWAIT), handle.children().stream().map(Frame::identifier).toList(), mode.toString());
            assertNull(find(root, "VirtualThread.parkNanos"), "parking internals are folded away");
        }
    }

    @Test
    void aReadyVirtualThreadWithoutCarrierWaitsForACarrierWhereItStoppedInEveryMode() {
        String[] yielded = {"java.lang.VirtualThread.run:1", "com.acme.Worker.work:2", "java.lang.Thread.yield:3",
                "java.lang.VirtualThread.tryYield:4", "jdk.internal.vm.Continuation.yield:5"};
        Frame strict = tree(AsyncMode.STRICT, s -> {
            s.source.virtual(100, "w", ThreadState.RUNNABLE, yielded);
            s.tick(10, 2);
        });
        assertEquals(Frame.CARRIER_WAIT, find(strict, "Worker.work").children().get(0).identifier());
        Frame enabled = tree(AsyncMode.ENABLED, s -> {
            s.source.virtual(100, "w", ThreadState.RUNNABLE, yielded);
            s.tick(10, 2);
        });
        assertEquals(Frame.CARRIER_WAIT, find(enabled, "Worker.work").children().get(0).identifier());
    }

    @Test
    void aVirtualThreadWokenFromAMonitorButUnmountedWaitsForACarrierInsideTheSynchronizedCode() {
        Frame root = tree(AsyncMode.ENABLED, s -> {
            s.source.virtual(100, "w", ThreadState.READY, "java.lang.VirtualThread.run:1", "com.acme.Worker.work:2",
                    "com.acme.Registry.lookup:3");
            s.tick(10, 2);
        });
        assertEquals(List.of(Frame.CARRIER_WAIT),
                find(root, "Registry.lookup").children().stream().map(Frame::identifier).toList());
    }

    @Test
    void aVirtualThreadNotStartedYetWaitsForACarrierAtItsTop() {
        for (AsyncMode mode : List.of(AsyncMode.ENABLED, AsyncMode.STRICT)) {
            Frame root = tree(mode, s -> {
                s.source.virtual(100, "w", ThreadState.RUNNABLE);
                s.tick(10, 2);
            });
            Frame thread = root.children().get(0);
            assertEquals(List.of(Frame.CARRIER_WAIT), thread.children().stream().map(Frame::identifier).toList(),
                    mode.toString());
        }
    }

    @Test
    void carriersRunningVirtualThreadsAreNotCountedTwice() {
        Frame root = tree(AsyncMode.ENABLED, s -> {
            s.source.running(5, "ForkJoinPool-1-worker-1", CARRIER);
            s.source.running(1, "main", "com.acme.Main.main:1");
            s.tick(10, 3);
        });
        assertEquals(1, root.children().size());
        assertEquals("main", root.children().get(0).methodName());
        Frame raw = tree(AsyncMode.DISABLED, s -> {
            s.source.running(5, "ForkJoinPool-1-worker-1", CARRIER);
            s.tick(10, 3);
        });
        assertNotNull(find(raw, "Continuation.run"));
    }

    @Test
    void theAsyncModeSurvivesSaveAndLoad() throws Exception {
        Sessions s = new Sessions();
        s.recorder.asyncMode(AsyncMode.STRICT);
        s.source.running(1, "main", "com.acme.Main.main:1");
        s.tick(10, 1);
        assertEquals(AsyncMode.STRICT, Session.fromJson(s.recorder.snapshot().toJson()).asyncMode());
    }
}

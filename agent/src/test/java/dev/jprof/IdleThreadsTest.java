package dev.jprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.renderers.ConsoleRenderer;
import dev.jprof.renderers.HtmlRenderer;
import dev.jprof.renderers.RenderOptions;
import dev.jprof.sampling.ThreadState;
import dev.jprof.testing.Sessions;
import dev.jprof.tree.Frame;
import dev.jprof.tree.ThreadArrangement;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code [idle]} (IdleRules), and the threads a report shows (ThreadArrangement): pools, idle and service threads. */
class IdleThreadsTest {
    private static final String[] WORKER = {"java.lang.Thread.run:1", "java.util.concurrent.ThreadPoolExecutor$Worker.run:2",
            "java.util.concurrent.ThreadPoolExecutor.runWorker:3"};
    private static final String[] GET_TASK = {"java.util.concurrent.ThreadPoolExecutor.getTask:4",
            "java.util.concurrent.LinkedBlockingQueue.take:5", "java.util.concurrent.locks.LockSupport.park:6",
            "jdk.internal.misc.Unsafe.park:7"};
    private static final String[] TASK = {"java.util.concurrent.FutureTask.run:8", "com.acme.Handler.handle:10",
            "com.acme.Handler.burn:11"};

    private static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
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

    private static List<String> childIds(Frame f) {
        return f.children().stream().map(Frame::identifier).collect(Collectors.toList());
    }

    private static String text(Session session, RenderOptions options) {
        return new ConsoleRenderer(false, false, ConsoleRenderer.TimeFormat.SECONDS, options.showAll(), false,
                options.processorOptions(), ZoneOffset.UTC).splitPools(options.splitPools()).render(session);
    }

    @Test
    void aPoolWorkerWaitingForATaskIsIdleUnderRunWorkerAndItsTaskIsWork() {
        Sessions s = new Sessions();
        s.source.set(1, "pool-1-thread-1", ThreadState.WAITING, concat(WORKER, GET_TASK));
        s.tick(10, 30);
        s.source.set(1, "pool-1-thread-1", ThreadState.RUNNABLE, concat(WORKER, TASK));
        s.tick(10, 10);
        Session session = s.recorder.snapshot();
        Frame root = session.aggregatedRootFrame();
        Frame runWorker = find(root, "ThreadPoolExecutor.runWorker");
        assertTrue(childIds(runWorker).contains(Frame.IDLE), childIds(runWorker).toString());
        assertEquals(0.3, find(runWorker, Frame.IDLE).time(), 1e-9);
        assertNull(find(root, "ThreadPoolExecutor.getTask"), "the waiting internals fold into [idle]");
        assertNull(find(root, "LinkedBlockingQueue.take"));
        assertEquals(0.1, find(root, "Handler.handle").time(), 1e-9);
        assertEquals(0.3, session.idleTime(), 1e-9);
    }

    @Test
    void idleIsDecidedInEveryAsyncModeAndInAnyThreadState() {
        Sessions s = new Sessions();
        s.recorder.asyncMode(AsyncMode.DISABLED);
        // An accept loop's selector wait is RUNNABLE in native code.
        s.source.set(1, "HTTP-Dispatcher", ThreadState.RUNNABLE, "java.lang.Thread.run:1",
                "sun.net.httpserver.ServerImpl$Dispatcher.run:2", "sun.nio.ch.SelectorImpl.select:3",
                "sun.nio.ch.SelectorImpl.lockAndDoSelect:4", "sun.nio.ch.EPollSelectorImpl.doSelect:5",
                "sun.nio.ch.EPoll.wait:6");
        s.tick(10, 10);
        Frame root = s.recorder.snapshot().aggregatedRootFrame();
        assertEquals(List.of(Frame.IDLE), childIds(find(root, "ServerImpl$Dispatcher.run")));
    }

    @Test
    void aTimerRunningItsTaskIsNotIdleButWaitingForItIs() {
        Sessions s = new Sessions();
        s.source.set(1, "timer", ThreadState.TIMED_WAITING, "java.util.TimerThread.run:1", "java.util.TimerThread.mainLoop:2",
                "java.lang.Object.wait:3");
        s.tick(10, 5);
        s.source.set(1, "timer", ThreadState.RUNNABLE, "java.util.TimerThread.run:1", "java.util.TimerThread.mainLoop:4",
                "com.acme.Tick.run:5");
        s.tick(10, 5);
        Frame root = s.recorder.snapshot().aggregatedRootFrame();
        Frame loop = find(root, "TimerThread.mainLoop");
        assertEquals(0.05, loop.time(), 1e-9, "the task runs in mainLoop");
        assertEquals(0.05, find(root, "Tick.run").time(), 1e-9);
        assertEquals(0.05, find(find(root, "TimerThread.run"), Frame.IDLE).time(), 1e-9);
    }

    @Test
    void aFutureWaitInsideAPoolTaskStaysAwait() {
        Sessions s = new Sessions();
        s.source.set(1, "pool-1-thread-1", ThreadState.WAITING, concat(WORKER, new String[] {
            "java.util.concurrent.FutureTask.run:8", "com.acme.Handler.handle:10",
            "java.util.concurrent.CompletableFuture.join:3", "java.util.concurrent.locks.LockSupport.park:6"}));
        s.tick(10, 5);
        Frame root = s.recorder.snapshot().aggregatedRootFrame();
        assertEquals(List.of(Frame.AWAIT), childIds(find(root, "Handler.handle")));
    }

    @Test
    void poolNamesAreTheNameWithoutItsNumber() {
        assertEquals("pool-1-thread", ThreadArrangement.poolOf("pool-1-thread-12"));
        assertEquals("http-nio-8080-exec", ThreadArrangement.poolOf("http-nio-8080-exec-3"));
        assertEquals("ForkJoinPool.commonPool-worker", ThreadArrangement.poolOf("ForkJoinPool.commonPool-worker-1"));
        assertEquals("qtp1234567", ThreadArrangement.poolOf("qtp1234567-19"));
        assertEquals("Catalina-utility", ThreadArrangement.poolOf("Catalina-utility-2"));
        assertNull(ThreadArrangement.poolOf("main"));
        assertNull(ThreadArrangement.poolOf("Thread-3"), "unnamed threads are no pool");
        assertNull(ThreadArrangement.poolOf("42"));
    }

    /** Four request threads, each busy half of the time; main busy throughout; two JDK service threads; a timer. */
    private static Session server() {
        Sessions s = new Sessions();
        s.source.running(1, "main", "com.acme.Main.main:1", "com.acme.Main.crunch:2");
        s.source.set(2, "Signal Dispatcher", ThreadState.RUNNABLE);
        s.source.set(3, "Reference Handler", ThreadState.WAITING, "java.lang.ref.Reference$ReferenceHandler.run:1",
                "java.lang.ref.Reference.waitForReferencePendingList:2");
        s.source.set(4, "idle-timeout-task", ThreadState.TIMED_WAITING, "java.util.TimerThread.run:1",
                "java.util.TimerThread.mainLoop:2", "java.lang.Object.wait:3");
        for (int tick = 0; tick < 100; tick++) {
            for (int w = 0; w < 4; w++) {
                boolean busy = (tick + w) % 2 == 0;
                s.source.set(10 + w, "http-exec-" + w, busy ? ThreadState.RUNNABLE : ThreadState.WAITING,
                        concat(WORKER, busy ? TASK : GET_TASK));
            }
            s.tick(10, 1);
        }
        return s.recorder.snapshot();
    }

    @Test
    void aPoolIsOneRowRankedByItsWorkAndSplitsOnRequest() {
        Session session = server();
        String text = text(session, new RenderOptions());
        assertTrue(text.contains("[pool] http-exec  4 threads"), text);
        assertFalse(text.contains("[thread] http-exec-0"), text);
        assertTrue(text.indexOf("[pool] http-exec") < text.indexOf("[thread] main"),
                "the pool's summed work (4 x 0.5 s) ranks above main's 1 s: " + text);
        String split = text(session, new RenderOptions().splitPools(true));
        for (int w = 0; w < 4; w++) {
            assertTrue(split.contains("[thread] http-exec-" + w), split);
        }
        assertTrue(split.indexOf("[thread] main") < split.indexOf("[thread] http-exec-0"),
                "main (busy all along) ranks above a request thread busy half of the time: " + split);
        assertFalse(split.contains("[pool]"), split);
    }

    @Test
    void idleThreadsFoldIntoOneLineAndServiceThreadsShowOnlyWithShowAll() {
        Session session = server();
        String text = text(session, new RenderOptions());
        assertTrue(text.contains("[1 idle thread]  idle-timeout-task"), text);
        assertFalse(text.contains("Signal Dispatcher"), text);
        assertFalse(text.contains("Reference Handler"), text);
        assertTrue(text.indexOf("[1 idle thread]") > text.indexOf("[thread] main"), "idle threads come last: " + text);
        assertTrue(text.matches("(?s).*Threads: +8, idle 3\\.0 s .*"), "idle time apart in the header "
                + "(1 s of the timer, 4 x 0.5 s of the pool): " + text);
        String all = text(session, new RenderOptions().showAll(true));
        assertTrue(all.contains("[thread] Signal Dispatcher"), all);
        assertTrue(all.contains("[thread] Reference Handler"), all);
        assertTrue(all.contains("[thread] idle-timeout-task"), all);
        assertFalse(all.contains("idle thread]"), all);
    }

    @Test
    void serviceThreadsAreNeverAPoolAndTheIdleLineNamesThreadsByActiveTime() {
        Sessions s = new Sessions();
        for (int tick = 0; tick < 100; tick++) {
            for (int c = 0; c < 2; c++) {
                s.source.set(1 + c, "Cleaner-" + c, ThreadState.TIMED_WAITING, "java.lang.Thread.run:1",
                        "jdk.internal.ref.CleanerImpl.run:2", "java.lang.ref.ReferenceQueue.remove:3");
            }
            s.source.set(3, "alpha", ThreadState.WAITING, concat(WORKER, GET_TASK));
            boolean working = tick < 3;
            s.source.set(4, "beta", working ? ThreadState.RUNNABLE : ThreadState.WAITING, concat(WORKER, working ? TASK : GET_TASK));
            s.source.set(5, "main", ThreadState.RUNNABLE, "com.acme.Main.main:1");
            s.tick(10, 1);
        }
        Session session = s.recorder.snapshot();
        String text = text(session, new RenderOptions());
        assertTrue(text.contains("[2 idle threads]  beta, alpha"), "beta worked a little, so it comes first: " + text);
        assertFalse(text.contains("Cleaner"), text);
        String all = text(session, new RenderOptions().showAll(true));
        assertTrue(all.contains("[thread] Cleaner-0") && all.contains("[thread] Cleaner-1"), all);
        assertFalse(all.contains("[pool] Cleaner"), "JDK service threads are rows of their own: " + all);
    }

    @Test
    void theHtmlPageGetsTheSameThreads() {
        Session session = server();
        String html = new HtmlRenderer(new RenderOptions()).render(session);
        assertTrue(html.contains("[pool] http-exec  4 threads"), "the pool row reaches the page");
        assertTrue(html.contains("[1 idle thread]  idle-timeout-task"));
    }

    @Test
    void theIdleLineSetsNoBaseForTheThresholdBelowOtherThreads() {
        Sessions s = new Sessions();
        for (int tick = 0; tick < 100; tick++) {
            for (int p = 0; p < 150; p++) {
                s.source.set(100 + p, "pool-" + p, ThreadState.WAITING, concat(WORKER, GET_TASK));
            }
            boolean parked = tick % 10 < 7;
            s.source.set(2, "worker", parked ? ThreadState.WAITING : ThreadState.RUNNABLE, parked
                    ? new String[] {"java.lang.Thread.run:1", "com.acme.Worker.loop:70", "java.util.concurrent.locks.LockSupport.park:2"}
                    : new String[] {"java.lang.Thread.run:1", "com.acme.Worker.loop:71", "com.acme.Worker.compute:80"});
            s.tick(10, 1);
        }
        String text = text(s.recorder.snapshot(), new RenderOptions());
        assertTrue(text.contains("[150 idle threads]  pool (150)"), text);
        // 0.7 s parked is 0.5% of all 151 s, but 70% of the worker's: it stays.
        assertTrue(text.contains("LockSupport.park"), text);
        assertTrue(text.contains("Worker.compute"), text);
    }

    @Test
    void theWaitsOfCommonServersArePoolWaits() {
        String[][] waits = {
            {"java.util.concurrent.ForkJoinPool", "awaitWork"},
            {"java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue", "take"},
            {"sun.nio.ch.EPollSelectorImpl", "doSelect"},
            {"sun.nio.ch.KQueueSelectorImpl", "doSelect"},
            {"java.net.ServerSocket", "accept"},
            {"sun.nio.ch.ServerSocketChannelImpl", "accept"},
            {"org.apache.tomcat.util.threads.TaskQueue", "take"},
            {"org.eclipse.jetty.util.thread.QueuedThreadPool$Runner", "idleJobPoll"},
            {"io.netty.channel.epoll.EpollEventLoop", "epollWait"},
            {"io.netty.util.concurrent.SingleThreadEventExecutor", "takeTask"},
        };
        for (String[] w : waits) {
            assertTrue(IdleRules.matches(w[0], w[1]), w[0] + "." + w[1]);
        }
        assertFalse(IdleRules.matches("java.util.concurrent.LinkedBlockingQueue", "take"),
                "a queue the program reads itself is its own wait, not a pool's");
        assertFalse(IdleRules.matches("sun.nio.ch.SelectorImpl", "selectNow"));
        assertFalse(IdleRules.matches("java.util.concurrent.ThreadPoolExecutor", "runWorker"));
    }
}

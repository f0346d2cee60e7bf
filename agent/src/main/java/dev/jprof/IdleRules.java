package dev.jprof;

/**
 * Where a thread waits for work: a pool worker waiting for a task, a timer waiting for its next task, an
 * accept or event loop waiting in its selector. The wait becomes {@code [idle]} under the caller of the
 * waiting method, its internals folded in, as {@code [await]} is for a future: a pool of ten threads that
 * mostly wait then shows the waiting as one node, not as ten copies of {@code LinkedBlockingQueue.take}.
 * A waiting method counts only while no application frame runs inside it ({@code TimerThread.mainLoop}
 * also runs the timer's tasks), so the work a pool does is never taken for idling. Recognised by frame,
 * in any thread state: a selector wait is {@code RUNNABLE} in native code.
 */
final class IdleRules {
    /** Class, then the methods of it where a thread waits for work. Classes ending in {@code *} match by prefix. */
    private static final String[][] WAITS = {
        {"java.util.concurrent.ThreadPoolExecutor", "getTask"},
        {"java.util.concurrent.ForkJoinPool", "awaitWork"},
        {"java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue", "take", "poll"},
        {"java.util.TimerThread", "mainLoop"},
        {"sun.nio.ch.*SelectorImpl", "select", "doSelect"},
        {"java.net.ServerSocket", "accept"},
        {"sun.nio.ch.ServerSocketChannelImpl", "accept"},
        // Tomcat's copy of ThreadPoolExecutor and its queue; Jetty's pool; Netty's event loops.
        {"org.apache.tomcat.util.threads.ThreadPoolExecutor", "getTask"},
        {"org.apache.tomcat.util.threads.TaskQueue", "take", "poll"},
        {"org.eclipse.jetty.util.thread.QueuedThreadPool$Runner", "idleJobPoll"},
        {"org.eclipse.jetty.util.thread.ReservedThreadExecutor$ReservedThread", "reservedWait"},
        {"io.netty.util.concurrent.SingleThreadEventExecutor", "takeTask"},
        {"io.netty.util.concurrent.GlobalEventExecutor", "takeTask"},
        {"io.netty.channel.epoll.EpollEventLoop", "epollWait", "epollWaitNoTimerChange"},
        {"io.netty.channel.kqueue.KQueueEventLoop", "kqueueWait"},
    };

    private final SessionTables t;
    /** Per frame: 1 a waiting method, 0 not, -1 not looked at yet. */
    private final byte[] waits;

    IdleRules(SessionTables tables) {
        this.t = tables;
        this.waits = new byte[tables.frameCount()];
        java.util.Arrays.fill(waits, (byte) -1);
    }

    /**
     * @param frames outermost first
     * @return the index of the outermost method waiting for work with no application frame inside it
     *         (the frames kept are those before it), or -1 when the thread is not waiting for work
     */
    int waitAt(int[] frames) {
        int at = -1;
        for (int i = frames.length - 1; i >= 0; i--) {
            int f = frames[i];
            if (t.frameApp[f]) {
                break;
            }
            if (isWait(f)) {
                at = i;
            }
        }
        return at;
    }

    private boolean isWait(int f) {
        if (waits[f] < 0) {
            waits[f] = (byte) (matches(t.strings[t.frameClass[f]], t.strings[t.frameMethod[f]]) ? 1 : 0);
        }
        return waits[f] == 1;
    }

    static boolean matches(String cls, String method) {
        for (String[] rule : WAITS) {
            String c = rule[0];
            int star = c.indexOf('*');
            boolean classMatches = star < 0 ? c.equals(cls)
                    : cls.startsWith(c.substring(0, star)) && cls.endsWith(c.substring(star + 1));
            if (classMatches) {
                for (int m = 1; m < rule.length; m++) {
                    if (rule[m].equals(method)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}

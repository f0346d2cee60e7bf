package dev.jprof.it.programs;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ground truth with many threads (issue 13): tasks that time their own phases and how long they waited to
 * start. Arguments: {@code virtual|platform inFlight tasks shortMicros longMicros sleepMicros}. Each task
 * burns CPU for {@code shortMicros} ({@link #shortCpu}), for {@code longMicros} ({@link #longCpu}), then
 * sleeps {@code sleepMicros} ({@link #sleepPhase}); at most {@code inFlight} run at once: virtual threads
 * one per task, or that many platform threads. Prints {@code TRUTH start=NS short=NS long=NS sleep=NS}:
 * the sums over all tasks, {@code start} being the time from submission to the task's first line.
 */
public final class TaskPhases {
    private static final AtomicLong START = new AtomicLong();
    private static final AtomicLong SHORT = new AtomicLong();
    private static final AtomicLong LONG = new AtomicLong();
    private static final AtomicLong SLEEP = new AtomicLong();
    private static volatile long sink;

    private TaskPhases() {
    }

    public static void main(String[] args) throws Exception {
        boolean virtual = args[0].equals("virtual");
        int inFlight = Integer.parseInt(args[1]);
        int tasks = Integer.parseInt(args[2]);
        long shortNanos = Long.parseLong(args[3]) * 1000;
        long longNanos = Long.parseLong(args[4]) * 1000;
        long sleepNanos = Long.parseLong(args[5]) * 1000;
        ExecutorService pool = virtual ? virtualThreadPerTask() : Executors.newFixedThreadPool(inFlight);
        Semaphore slots = new Semaphore(virtual ? inFlight : Integer.MAX_VALUE);
        for (int i = 0; i < tasks; i++) {
            slots.acquire();
            long submitted = virtual ? System.nanoTime() : -1;
            pool.execute(() -> {
                try {
                    task(submitted, shortNanos, longNanos, sleepNanos);
                } finally {
                    slots.release();
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("tasks did not end");
        }
        System.out.println("TRUTH start=" + START + " short=" + SHORT + " long=" + LONG + " sleep=" + SLEEP);
        System.out.println("task phases done " + (sink == 42 ? "!" : "."));
    }

    /** {@code submitted} -1: a platform pool's queue wait is the pool's, not the task thread's: not counted. */
    static void task(long submitted, long shortNanos, long longNanos, long sleepNanos) {
        long t0 = System.nanoTime();
        sink += shortCpu(shortNanos);
        long t1 = System.nanoTime();
        sink += longCpu(longNanos);
        long t2 = System.nanoTime();
        sleepPhase(sleepNanos);
        long t3 = System.nanoTime();
        START.addAndGet(submitted < 0 ? 0 : t0 - submitted);
        SHORT.addAndGet(t1 - t0);
        LONG.addAndGet(t2 - t1);
        SLEEP.addAndGet(t3 - t2);
    }

    static long shortCpu(long nanos) {
        return burn(nanos);
    }

    static long longCpu(long nanos) {
        return burn(nanos);
    }

    static void sleepPhase(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A data-dependent recurrence (xorshift) the JIT cannot fold, until {@code nanos} of wall time passed. */
    static long burn(long nanos) {
        long end = System.nanoTime() + nanos;
        long x = 88172645463325252L;
        do {
            for (int i = 0; i < 200; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
        } while (System.nanoTime() < end);
        return x;
    }

    private static ExecutorService virtualThreadPerTask() throws Exception {
        Method m = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
        return (ExecutorService) m.invoke(null);
    }
}

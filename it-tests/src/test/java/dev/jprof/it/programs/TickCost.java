package dev.jprof.it.programs;

import dev.jprof.sampling.PlatformStackSource;
import dev.jprof.sampling.StackSource;
import dev.jprof.sampling.ThreadSelector;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures the sampler's cost per tick: THREADS application threads (BUSY of them computing, the rest
 * parked, sleeping or blocked in a monitor wait, each ~20 frames deep), sampled every INTERVAL_MS for
 * TICKS ticks. Prints one result line.
 * Args: threads busy handshakes(true|false) ticks intervalMs
 */
public final class TickCost {
    private static final AtomicBoolean STOP = new AtomicBoolean();
    private static volatile long sink;

    private TickCost() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int busy = Integer.parseInt(args[1]);
        boolean auto = args[2].equals("auto");
        boolean handshakes = Boolean.parseBoolean(args[2]);
        int ticks = Integer.parseInt(args[3]);
        long intervalNanos = Long.parseLong(args[4]) * 1_000_000L;
        CountDownLatch started = new CountDownLatch(threads);
        Object monitor = new Object();
        List<Thread> all = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int kind = i < busy ? 0 : 1 + i % 3;
            Thread t = new Thread(() -> deep(20, kind, started, monitor), "worker-" + i);
            t.setDaemon(true);
            t.start();
            all.add(t);
        }
        started.await();
        PlatformStackSource source = auto
                ? PlatformStackSource.adaptive(ThreadSelector.allApplicationThreads(), PlatformStackSource.DEFAULT_MAX_DEPTH)
                : new PlatformStackSource(ThreadSelector.allApplicationThreads(), handshakes,
                        PlatformStackSource.DEFAULT_MAX_DEPTH);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] cost = new long[ticks];
        int[] seen = new int[1];
        StackSource.StackConsumer count = (id, name, virtual, state, stack) -> seen[0]++;
        for (int i = 0; i < 20; i++) {
            source.sample(count); // warm up
        }
        long allocatedBefore = allocatedBytes(mx);
        long cpuBefore = mx.getCurrentThreadCpuTime();
        long walksBefore = source.walks();
        long reusedBefore = source.reused();
        long next = System.nanoTime();
        long inSample = 0;
        for (int i = 0; i < ticks; i++) {
            next += intervalNanos;
            long wait;
            while ((wait = next - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            source.sample(count);
            cost[i] = System.nanoTime() - t0;
            inSample += mx.getCurrentThreadCpuTime() - c0;
        }
        long cpu = mx.getCurrentThreadCpuTime() - cpuBefore;
        long allocated = allocatedBytes(mx) - allocatedBefore;
        STOP.set(true);
        Arrays.sort(cost);
        System.out.printf("RESULT jdk=%d threads=%d busy=%d mechanism=%s ticks=%d median_us=%.1f p99_us=%.1f "
                        + "cpu_us_per_tick=%.1f wake_cpu_us_per_tick=%.1f walks_per_tick=%.2f reused_per_tick=%.2f bytes_per_tick=%.0f%n",
                Runtime.version().feature(), threads, busy, auto ? "auto" : handshakes ? "handshake" : "safepoint", ticks,
                cost[ticks / 2] / 1e3, cost[(int) (ticks * 0.99)] / 1e3, cpu / 1e3 / ticks,
                (cpu - inSample) / 1e3 / ticks,
                (source.walks() - walksBefore) / (double) ticks, (source.reused() - reusedBefore) / (double) ticks,
                allocated / (double) ticks);
        for (Thread t : all) {
            t.interrupt();
        }
    }

    /** Bytes this thread allocated so far (the JDK's stack and thread calls, and jprof's own: none), or 0. */
    private static long allocatedBytes(ThreadMXBean mx) {
        return mx instanceof com.sun.management.ThreadMXBean
                ? ((com.sun.management.ThreadMXBean) mx).getThreadAllocatedBytes(Thread.currentThread().getId()) : 0;
    }

    private static void deep(int depth, int kind, CountDownLatch started, Object monitor) {
        if (depth > 0) {
            deep(depth - 1, kind, started, monitor);
            return;
        }
        started.countDown();
        try {
            while (!STOP.get()) {
                switch (kind) {
                    case 0:
                        long x = 0;
                        for (int i = 0; i < 100_000; i++) {
                            x += i * 31L ^ x;
                        }
                        sink = x;
                        break;
                    case 1:
                        LockSupport.park();
                        break;
                    case 2:
                        Thread.sleep(60_000);
                        break;
                    default:
                        synchronized (monitor) {
                            monitor.wait();
                        }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

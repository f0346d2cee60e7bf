package dev.jprof.it.programs;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Fixed-work programs for overhead benchmarks. Each does the same amount of computation whatever the
 * profiler: first an untimed warm-up (the JIT, and a profiler's own start-up), then the timed work, and
 * prints {@code RESULT work_ms=.. cpu_ms=.. total_ms=..} (wall time and process CPU time of the timed
 * work; JVM uptime at the end). Modes: cpu4 (4 busy threads), pool (200 idle pool threads + 4 busy),
 * threads1000 (1,000 parked threads + 4 busy), threads10000 (10,000 parked threads + 4 busy), deep (4 busy threads 2,000 frames deep).
 * Args: mode [warm-up units per thread, default 0] [timed units per thread, default 600].
 */
public final class Workload {
    private static volatile long sink;

    private Workload() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int idle = mode.equals("pool") ? 200 : mode.equals("threads1000") ? 1000 : mode.equals("threads10000") ? 10_000 : 0;
        int depth = mode.equals("deep") ? 2000 : 0;
        CountDownLatch idleStarted = new CountDownLatch(idle);
        Object lock = new Object();
        for (int i = 0; i < idle; i++) {
            Thread t = new Thread(() -> {
                idleStarted.countDown();
                synchronized (lock) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }, (mode.equals("pool") ? "pool-worker-" : "parked-") + i);
            t.setDaemon(true);
            t.start();
        }
        idleStarted.await();
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        int units = args.length > 2 ? Integer.parseInt(args[2]) : 600;
        if (warmUp > 0) {
            busy(depth, warmUp);
        }
        long cpu0 = processCpu();
        long t0 = System.nanoTime();
        busy(depth, units);
        System.out.printf("RESULT work_ms=%.1f cpu_ms=%.1f total_ms=%d%n", (System.nanoTime() - t0) / 1e6,
                (processCpu() - cpu0) / 1e6, ManagementFactory.getRuntimeMXBean().getUptime());
        System.exit(0);
    }

    private static void busy(int depth, int units) throws InterruptedException {
        List<Thread> busy = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> nested(depth, units), "busy-" + i);
            t.start();
            busy.add(t);
        }
        for (Thread t : busy) {
            t.join();
        }
    }

    static void nested(int depth, int units) {
        if (depth > 0) {
            nested(depth - 1, units);
            return;
        }
        for (int u = 0; u < units; u++) {
            sink += unit();
        }
    }

    static long unit() {
        long x = 0;
        for (int i = 0; i < 1_000_000; i++) {
            x += (x ^ i) * 31 + i;
        }
        return x;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}

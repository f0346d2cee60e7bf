package dev.jprof.it.api;

import dev.jprof.Profiler;
import dev.jprof.Session;

/**
 * The benchmark's workload: {@code OverheadTarget plain|profiled}. A fixed CPU-bound loop (recursive calls, so
 * stacks are a few dozen frames deep) runs on the main thread, with or without a {@link Profiler} of the calling
 * thread at its default 1 ms interval; prints the wall time and the process CPU time (all threads, the sampler
 * included) and the main thread's CPU time from before start() to after stop().
 */
public final class OverheadTarget {
    static final int ROUNDS = 120;
    static final int DEPTH = 32;
    static volatile long sink;

    private OverheadTarget() {
    }

    public static void main(String[] args) {
        boolean profiled = args[0].equals("profiled");
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuBegin = os.getProcessCpuTime();
        long mainBegin = threads.getCurrentThreadCpuTime();
        long begin = System.nanoTime();
        long samples = -1;
        if (profiled) {
            Profiler profiler = new Profiler();
            profiler.start();
            work();
            Session session = profiler.stop();
            samples = session.sampleCount();
        } else {
            work();
        }
        long elapsed = System.nanoTime() - begin;
        long cpu = os.getProcessCpuTime() - cpuBegin;
        long mainCpu = threads.getCurrentThreadCpuTime() - mainBegin;
        System.out.println("elapsed_ns=" + elapsed + " cpu_ns=" + cpu + " samples=" + samples + " main_cpu_ns=" + mainCpu);
    }

    static void work() {
        long total = 0;
        for (int i = 0; i < ROUNDS; i++) {
            total += fibonacci(DEPTH);
        }
        sink = total;
    }

    static long fibonacci(int n) {
        return n < 2 ? n : fibonacci(n - 1) + fibonacci(n - 2);
    }
}

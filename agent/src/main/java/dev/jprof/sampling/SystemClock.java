package dev.jprof.sampling;

import java.lang.management.ManagementFactory;

final class SystemClock implements Clock {
    static final SystemClock INSTANCE = new SystemClock();

    private final java.lang.management.OperatingSystemMXBean os =
            ManagementFactory.getOperatingSystemMXBean();

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long epochMillis() {
        return System.currentTimeMillis();
    }

    private final java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final boolean threadCpu = threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();

    @Override
    public long currentThreadCpuNanos() {
        return threadCpu ? threads.getCurrentThreadCpuTime() : -1;
    }

    @Override
    public long processCpuNanos() {
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return -1;
    }
}

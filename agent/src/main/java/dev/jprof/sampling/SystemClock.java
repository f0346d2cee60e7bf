package dev.jprof.sampling;

final class SystemClock implements Clock {
    static final SystemClock INSTANCE = new SystemClock();

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long epochMillis() {
        return System.currentTimeMillis();
    }

    private final java.lang.management.ThreadMXBean threads = ThreadBean.get();
    private final boolean threadCpu = threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();

    @Override
    public long currentThreadCpuNanos() {
        return threadCpu ? threads.getCurrentThreadCpuTime() : -1;
    }

    @Override
    public long processCpuNanos() {
        return ThisProcess.cpuNanos();
    }
}

package dev.jprof.sampling;

/**
 * CPU and wall time of the carriers of virtual threads since the first reading: the bounds the running time
 * jprof gives virtual threads must fall between (a carrier runs at most one virtual thread at a time, and
 * uses CPU only while it runs one). Read at each listing of the virtual threads.
 */
final class CarrierTime {
    private long firstCpu = -1;
    private long lastCpu = -1;
    private long lastRead = -1;
    private int lastCount;
    private long wall;
    /** CPU of carriers that ended between readings is lost from the sum: counted here to keep it monotone. */
    private long cpuCarry;

    void read(long cpuNanos, int count, long now) {
        if (cpuNanos < 0 || count < 0) {
            return;
        }
        if (firstCpu < 0) {
            firstCpu = cpuNanos;
        } else {
            if (cpuNanos < lastCpu) {
                cpuCarry += lastCpu - cpuNanos; // a carrier ended: its CPU stays counted
            }
            wall += (now - lastRead) * (long) Math.max(count, lastCount);
        }
        lastCpu = cpuNanos;
        lastRead = now;
        lastCount = count;
    }

    long cpuNanos() {
        return firstCpu < 0 ? -1 : lastCpu + cpuCarry - firstCpu;
    }

    long wallNanos() {
        return firstCpu < 0 ? -1 : wall;
    }
}

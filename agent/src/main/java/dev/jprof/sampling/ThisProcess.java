package dev.jprof.sampling;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * This JVM's pid and CPU time, read from {@code /proc/self/stat} on Linux. The JDK's own ways
 * ({@code ProcessHandle.current()}, the platform {@code OperatingSystemMXBean}) cost 6-9 ms and 15-17 ms of
 * start-up in a fresh JVM (class loading, cgroup probing), a large share of what the agent adds to a short
 * program; one read of this file costs ~0.3 ms. Elsewhere, or when the file cannot be read, the JDK's ways.
 */
public final class ThisProcess {
    /** Linux reports utime/stime in USER_HZ ticks, fixed at 100 a second by the kernel's ABI. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static volatile long pid = -1;

    private ThisProcess() {
    }

    /** This JVM's process id. */
    public static long pid() {
        long p = pid;
        if (p < 0) {
            String[] stat = stat();
            p = stat != null ? parsePid(stat[0]) : -1;
            if (p < 0) {
                p = ProcessHandle.current().pid();
            }
            pid = p;
        }
        return p;
    }

    /** CPU time of the whole process (user + system, every thread), in nanoseconds, or -1 when unknown. */
    public static long cpuNanos() {
        String[] stat = stat();
        long ticks = stat != null ? cpuTicks(stat[1]) : -1;
        return ticks >= 0 ? ticks * NANOS_PER_TICK : MxBean.cpuNanos();
    }

    /**
     * The fields of a {@code /proc/PID/stat} line: the pid, then everything after the command name, whose
     * parentheses may enclose spaces and parentheses of its own (hence the last ')').
     */
    static String[] split(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open || close + 2 > line.length()) {
            return null;
        }
        return new String[] {line.substring(0, open).trim(), line.substring(close + 2)};
    }

    static long parsePid(String field) {
        try {
            return Long.parseLong(field);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** utime + stime: fields 14 and 15 of the line, the 12th and 13th after the command name. */
    static long cpuTicks(String afterCommand) {
        String[] f = afterCommand.trim().split(" ");
        if (f.length < 13) {
            return -1;
        }
        try {
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String[] stat() {
        try {
            // java.io, not NIO: its classes are loaded already in a JVM's premain, NIO's file channel is not.
            try (FileInputStream in = new FileInputStream("/proc/self/stat")) {
                return split(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Only where /proc cannot be read: the platform bean, built when first needed. */
    private static final class MxBean {
        static final java.lang.management.OperatingSystemMXBean OS =
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();

        static long cpuNanos() {
            return OS instanceof com.sun.management.OperatingSystemMXBean
                    ? ((com.sun.management.OperatingSystemMXBean) OS).getProcessCpuTime() : -1;
        }
    }
}

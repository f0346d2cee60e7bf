package dev.jprof.sampling;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;

/**
 * CPU time of HotSpot's "VM Thread", which runs every safepoint operation, read from Linux's
 * {@code /proc/self/task/TID/schedstat}. The wall time of a batched stack walk is a poor measure of how
 * long the program stood still: with more busy threads than cores it is mostly the VM thread and the
 * sampler waiting for a CPU while the program runs on (4-8 ms measured for four 5-frame stacks, against
 * ~0.2 ms at the safepoint). The VM thread's CPU during the walk is the safepoint work itself.
 */
final class VmThreadCpu {
    // Kept open and read in place: opening the file at every walk cost ~50 µs a tick.
    private final RandomAccessFile schedstat;
    private final byte[] buffer = new byte[128];

    private VmThreadCpu(RandomAccessFile schedstat) {
        this.schedstat = schedstat;
    }

    /**
     * The VM thread's clock, or null where there is none to read (not Linux, no such thread). The VM thread
     * lives as long as the JVM, so it is looked for once and its file stays open for every later profiler:
     * listing the JVM's threads cost a profiler's start ~0.2 ms (measured from the JUnit extension, which
     * starts one per test). Each clock has its own buffer; the file is shared, each seek and read under its lock.
     */
    static VmThreadCpu find() {
        RandomAccessFile file;
        synchronized (VmThreadCpu.class) {
            if (!searched) {
                shared = open();
                searched = true;
            }
            file = shared;
        }
        if (file == null) {
            return null;
        }
        VmThreadCpu clock = new VmThreadCpu(file);
        return clock.nanos() >= 0 ? clock : null;
    }

    private static RandomAccessFile shared;
    private static boolean searched;

    /**
     * Through java.io, whose classes every JVM has loaded at start: the same search through NIO's directory
     * stream and {@code Files} took 10-12 ms of a cold JVM's CPU, java.io ~1 ms.
     */
    private static RandomAccessFile open() {
        File[] tasks = new File("/proc/self/task").listFiles();
        if (tasks == null) {
            return null;
        }
        byte[] name = new byte[32];
        for (File task : tasks) {
            try (FileInputStream comm = new FileInputStream(new File(task, "comm"))) {
                int n = comm.read(name);
                if (n > 0 && "VM Thread".equals(new String(name, 0, n, StandardCharsets.US_ASCII).trim())) {
                    return new RandomAccessFile(new File(task, "schedstat"), "r");
                }
            } catch (IOException | RuntimeException e) {
                // a thread that ended while listing: skip it
            }
        }
        return null;
    }

    long nanos() {
        try {
            int n;
            synchronized (schedstat) {
                schedstat.seek(0);
                n = schedstat.read(buffer);
            }
            long v = 0;
            int i = 0;
            while (i < n && buffer[i] >= '0' && buffer[i] <= '9') {
                v = v * 10 + (buffer[i++] - '0');
            }
            return i == 0 ? -1 : v;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}

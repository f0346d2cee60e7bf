package dev.jprof.sampling;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;

/**
 * CPU time of HotSpot's "VM Thread", which runs every safepoint operation, read from Linux's
 * {@code /proc/self/task/TID/schedstat}. The wall time of a batched stack walk is a poor measure of how
 * long the program stood still: with more busy threads than cores it is mostly the VM thread and the
 * sampler waiting for a CPU while the program runs on (4-8 ms measured for four 5-frame stacks, against
 * ~0.2 ms at the safepoint). The VM thread's CPU during the walk is the safepoint work itself.
 */
final class VmThreadCpu {
    // Kept open and read in place: opening the file at every walk cost ~50 µs a tick.
    private final FileChannel schedstat;
    private final ByteBuffer buffer = ByteBuffer.allocate(128);

    private VmThreadCpu(FileChannel schedstat) {
        this.schedstat = schedstat;
    }

    /**
     * The VM thread's clock, or null where there is none to read (not Linux, no such thread). The VM thread
     * lives as long as the JVM, so it is looked for once and its file stays open for every later profiler:
     * listing the JVM's threads cost a profiler's start ~0.2 ms (measured from the JUnit extension, which
     * starts one per test). Each clock has its own buffer; the reads are positional, so clocks share the file.
     */
    static VmThreadCpu find() {
        FileChannel channel;
        synchronized (VmThreadCpu.class) {
            if (!searched) {
                shared = open();
                searched = true;
            }
            channel = shared;
        }
        if (channel == null) {
            return null;
        }
        VmThreadCpu clock = new VmThreadCpu(channel);
        return clock.nanos() >= 0 ? clock : null;
    }

    private static FileChannel shared;
    private static boolean searched;

    private static FileChannel open() {
        Path tasks = Paths.get("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return null;
        }
        try (DirectoryStream<Path> all = Files.newDirectoryStream(tasks)) {
            for (Path task : all) {
                Path comm = task.resolve("comm");
                try {
                    if ("VM Thread".equals(new String(Files.readAllBytes(comm), StandardCharsets.US_ASCII).trim())) {
                        return FileChannel.open(task.resolve("schedstat"), StandardOpenOption.READ);
                    }
                } catch (IOException e) {
                    // a thread that ended while listing: skip it
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** The VM thread's CPU time in nanoseconds, or -1 if it cannot be read. */
    long nanos() {
        try {
            buffer.clear();
            int n = schedstat.read(buffer, 0);
            long v = 0;
            int i = 0;
            while (i < n && buffer.get(i) >= '0' && buffer.get(i) <= '9') {
                v = v * 10 + (buffer.get(i++) - '0');
            }
            return i == 0 ? -1 : v;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}

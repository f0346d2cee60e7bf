package dev.jprof.sampling;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * HotSpot's own total of the time spent bringing threads to safepoints (the {@code sun.rt.safepointSyncTime}
 * performance counter, read in place from the JVM's perf-data memory). While a batched stack walk gathers
 * the threads, those already stopped wait for the others: measured on JDK 17 with 4 busy threads on 2 cores,
 * 95-140 µs per walk, as much as the walk itself (the VM thread's 75-100 µs of CPU), and together they match
 * the throughput the program lost (150-200 µs per walk). The VM thread's CPU alone counted half of it.
 *
 * <p>The counters are found by reading the perf-data memory's entries directly ({@code jdk.internal.perf.Perf}):
 * {@code sun.management}'s {@code getInternalCounters} took 20-35 ms of a cold JVM's CPU (a regex over every
 * counter, an object for each), this ~3 ms.
 */
final class SafepointSyncClock {
    private static final String MANAGEMENT = "sun.management";
    private static final String PERF = "jdk.internal.perf";

    private final ByteBuffer memory;
    private final int syncOffset;
    /** Where HotSpot's {@code sun.rt.safepointTime} is (time from all threads stopped to the end), or -1. */
    private final int atSafepointOffset;
    private final long frequency;

    private SafepointSyncClock(ByteBuffer memory, int syncOffset, int atSafepointOffset, long frequency) {
        this.memory = memory;
        this.syncOffset = syncOffset;
        this.atSafepointOffset = atSafepointOffset;
        this.frequency = frequency;
    }

    /**
     * Exports the perf-data reader to jprof, so {@link #find} can read the counters, and the management internals
     * ({@link ThreadBean}). Never throws.
     */
    static void export(Instrumentation inst) {
        Module self = SafepointSyncClock.class.getModule();
        exportTo(inst, ManagementFactory.class.getModule(), MANAGEMENT, self);
        exportTo(inst, Object.class.getModule(), PERF, self);
    }

    private static void exportTo(Instrumentation inst, Module module, String pkg, Module self) {
        try {
            if (inst != null && inst.isModifiableModule(module) && !module.isExported(pkg, self)) {
                inst.redefineModule(module, Set.of(), Map.of(pkg, Set.of(self)), Map.of(), Set.of(), Map.of());
            }
        } catch (RuntimeException e) {
            // find() returns null and the pause is estimated without the sync time
        }
    }

    /**
     * The clock, or null where it cannot be read: another JVM than HotSpot, {@code -XX:-UsePerfData}, or the
     * internals not exported (the Java API without the agent).
     */
    static SafepointSyncClock find() {
        try {
            if (!Object.class.getModule().isExported(PERF, SafepointSyncClock.class.getModule())) {
                return null;
            }
            ByteBuffer memory = attachToSelf();
            memory.order(memory.get(4) == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            int sync = offsetOf(memory, "sun.rt.safepointSyncTime");
            int frequency = offsetOf(memory, "sun.os.hrt.frequency");
            if (sync < 0 || frequency < 0 || memory.getLong(frequency) <= 0) {
                return null;
            }
            SafepointSyncClock clock = new SafepointSyncClock(memory, sync, offsetOf(memory, "sun.rt.safepointTime"),
                    memory.getLong(frequency));
            return clock.nanos() >= 0 ? clock : null;
        } catch (Throwable e) {
            return null;
        }
    }

    /**
     * This JVM's perf-data memory ({@code attach(0, "r")} on JDK 17, {@code attach(0)} later). Core reflection on
     * JDK 17 runs its first calls natively; from JDK 18 on (JEP 416) a first {@code Method.invoke} builds a
     * method-handle accessor (45-60 ms of CPU on JDK 25 under load), so there method handles are cheaper, while
     * on JDK 17 linking them was (40 ms against a few).
     */
    private static ByteBuffer attachToSelf() throws Throwable {
        Class<?> perfClass = Class.forName(PERF + ".Perf");
        if (Runtime.version().feature() < 18) {
            Object perf = perfClass.getMethod("getPerf").invoke(null);
            return (ByteBuffer) perfClass.getMethod("attach", int.class, String.class).invoke(perf, 0, "r");
        }
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        Object perf = lookup.findStatic(perfClass, "getPerf", MethodType.methodType(perfClass)).invoke();
        return (ByteBuffer) lookup.findVirtual(perfClass, "attach", MethodType.methodType(ByteBuffer.class, int.class))
                .invoke(perf, 0);
    }

    /**
     * The absolute offset of the long value of the counter {@code name}, or -1. The layout is HotSpot's
     * {@code PerfDataPrologue} (entries from the int at 24, their count at 28) and {@code PerfDataEntry} (length,
     * name offset, vector length, type 'J' for a long, flags, units, variability, data offset).
     */
    static int offsetOf(ByteBuffer memory, String name) {
        byte[] wanted = name.getBytes(StandardCharsets.US_ASCII);
        int entry = memory.getInt(24);
        int count = memory.getInt(28);
        for (int e = 0; e < count && entry > 0 && entry < memory.limit(); e++) {
            int length = memory.getInt(entry);
            if (length <= 0) {
                return -1;
            }
            boolean scalarLong = memory.get(entry + 12) == 'J' && memory.getInt(entry + 8) == 0;
            if (scalarLong && named(memory, entry + memory.getInt(entry + 4), wanted)) {
                return entry + memory.getInt(entry + 16);
            }
            entry += length;
        }
        return -1;
    }

    private static boolean named(ByteBuffer memory, int at, byte[] wanted) {
        for (int i = 0; i < wanted.length; i++) {
            if (memory.get(at + i) != wanted[i]) {
                return false;
            }
        }
        return memory.get(at + wanted.length) == 0;
    }

    /** Nanoseconds spent reaching safepoints since the JVM started, or -1 if it cannot be read. */
    long nanos() {
        return read(syncOffset);
    }

    /**
     * Nanoseconds spent at safepoints (every thread stopped, the operation running, until they resume) since
     * the JVM started, or -1 if it cannot be read.
     */
    long atSafepointNanos() {
        return atSafepointOffset < 0 ? -1 : read(atSafepointOffset);
    }

    private long read(int offset) {
        try {
            long t = memory.getLong(offset);
            return frequency == 1_000_000_000L ? t : (long) (t * (1e9 / frequency));
        } catch (RuntimeException e) {
            return -1;
        }
    }
}

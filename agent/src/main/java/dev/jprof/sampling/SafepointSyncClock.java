package dev.jprof.sampling;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HotSpot's own total of the time spent bringing threads to safepoints (the {@code sun.rt.safepointSyncTime}
 * performance counter, read in place from the JVM's perf-data memory). While a batched stack walk gathers
 * the threads, those already stopped wait for the others: measured on JDK 17 with 4 busy threads on 2 cores,
 * 95-140 µs per walk, as much as the walk itself (the VM thread's 75-100 µs of CPU), and together they match
 * the throughput the program lost (150-200 µs per walk). The VM thread's CPU alone counted half of it.
 */
final class SafepointSyncClock {
    private static final String PACKAGE = "sun.management";
    private static final String COUNTERS = "sun.management.counter";

    private final MethodHandle ticks;
    /** HotSpot's {@code sun.rt.safepointTime}: time from all threads stopped to the safepoint's end, or null. */
    private final MethodHandle atSafepointTicks;
    private final long frequency;

    private SafepointSyncClock(MethodHandle ticks, MethodHandle atSafepointTicks, long frequency) {
        this.ticks = ticks;
        this.atSafepointTicks = atSafepointTicks;
        this.frequency = frequency;
    }

    /** Exports the management internals to jprof, so {@link #find} can read the counter. Never throws. */
    static void export(Instrumentation inst) {
        try {
            Module management = ManagementFactory.class.getModule();
            Module self = SafepointSyncClock.class.getModule();
            if (inst != null && inst.isModifiableModule(management)
                    && !(management.isExported(PACKAGE, self) && management.isExported(COUNTERS, self))) {
                inst.redefineModule(management, Set.of(), Map.of(PACKAGE, Set.of(self), COUNTERS, Set.of(self)),
                        Map.of(), Set.of(), Map.of());
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
            Module management = ManagementFactory.class.getModule();
            Module self = SafepointSyncClock.class.getModule();
            if (!management.isExported(PACKAGE, self) || !management.isExported(COUNTERS, self)) {
                return null;
            }
            Class<?> helper = Class.forName(PACKAGE + ".ManagementFactoryHelper");
            Class<?> vmManagement = Class.forName(PACKAGE + ".VMManagement");
            Class<?> counter = Class.forName(COUNTERS + ".Counter");
            Class<?> longCounter = Class.forName(COUNTERS + ".LongCounter");
            Object vm = helper.getMethod("getVMManagement").invoke(null);
            List<?> counters = (List<?>) vmManagement.getMethod("getInternalCounters", String.class)
                    .invoke(vm, "sun.rt.safepointSyncTime|sun.rt.safepointTime|sun.os.hrt.frequency");
            MethodHandle value = MethodHandles.lookup().findVirtual(longCounter, "longValue",
                    MethodType.methodType(long.class));
            MethodHandle sync = null;
            MethodHandle at = null;
            long frequency = 0;
            for (Object c : counters) {
                if (!longCounter.isInstance(c)) {
                    continue;
                }
                String name = (String) counter.getMethod("getName").invoke(c);
                if (name.equals("sun.rt.safepointSyncTime")) {
                    sync = value.bindTo(c);
                } else if (name.equals("sun.rt.safepointTime")) {
                    at = value.bindTo(c);
                } else if (name.equals("sun.os.hrt.frequency")) {
                    frequency = (long) value.invoke(c);
                }
            }
            if (sync == null || frequency <= 0) {
                return null;
            }
            SafepointSyncClock clock = new SafepointSyncClock(sync, at, frequency);
            return clock.nanos() >= 0 ? clock : null;
        } catch (Throwable e) {
            return null;
        }
    }

    /** Nanoseconds spent reaching safepoints since the JVM started, or -1 if it cannot be read. */
    long nanos() {
        return read(ticks);
    }

    /**
     * Nanoseconds spent at safepoints (every thread stopped, the operation running, until they resume) since
     * the JVM started, or -1 if it cannot be read.
     */
    long atSafepointNanos() {
        return atSafepointTicks == null ? -1 : read(atSafepointTicks);
    }

    private long read(MethodHandle counter) {
        try {
            long t = (long) counter.invokeExact();
            return frequency == 1_000_000_000L ? t : (long) (t * (1e9 / frequency));
        } catch (Throwable e) {
            return -1;
        }
    }
}

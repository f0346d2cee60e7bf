package dev.jprof.sampling;

import java.lang.invoke.VarHandle;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which virtual thread a carrier runs, three field reads away: the carrier's {@code Thread.cont} (the continuation
 * it runs), that continuation's {@code target} (the task wrapper {@code VirtualThread} made) and the virtual thread
 * the wrapper captured. No listing of virtual threads is needed, so the running ones are read at the tick's first
 * instant, however many there are (a map from continuations to the listed threads had to be rebuilt at every
 * listing: 4-8 ms for 10,000 threads, so crowds went without). Needs java.lang and jdk.internal.vm open to jprof,
 * which the agent arranges; {@link #readable()} is false otherwise (the Java API without the agent).
 */
final class CarrierRuns {
    private final VarHandle running;
    private final VarHandle target;
    private final Class<?> virtualThread;
    /** The field of each task wrapper class that holds its virtual thread, found once per class. */
    private final Map<Class<?>, Optional<VarHandle>> captured = new HashMap<>();

    CarrierRuns() {
        Class<?> continuation = VirtualThreads.classOrNull("jdk.internal.vm.Continuation");
        running = VirtualThreads.field(Thread.class, "cont", continuation);
        target = VirtualThreads.field(continuation, "target", Runnable.class);
        virtualThread = VirtualThreads.classOrNull("java.lang.VirtualThread");
    }

    boolean readable() {
        return running != null && target != null && virtualThread != null;
    }

    /** The virtual thread {@code carrier} runs now, or null (none, or another kind of continuation). */
    Thread runningOn(Thread carrier) {
        Object continuation = running.getVolatile(carrier);
        Object wrapper = continuation == null ? null : target.get(continuation);
        if (wrapper == null) {
            return null;
        }
        Optional<VarHandle> h = captured.computeIfAbsent(wrapper.getClass(), this::capturedThreadField);
        Object t = h.isPresent() ? h.get().get(wrapper) : null;
        return t instanceof Thread ? (Thread) t : null;
    }

    /** The wrapper class's field holding a virtual thread ({@code val$vthread}, as javac names it). */
    private Optional<VarHandle> capturedThreadField(Class<?> wrapper) {
        for (java.lang.reflect.Field f : wrapper.getDeclaredFields()) {
            if (f.getType() == virtualThread) {
                return Optional.ofNullable(VirtualThreads.field(wrapper, f.getName(), virtualThread));
            }
        }
        return Optional.empty();
    }
}

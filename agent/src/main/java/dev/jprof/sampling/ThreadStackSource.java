package dev.jprof.sampling;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Stacks of a fixed set of threads through {@link Thread#getStackTrace()}: the one mechanism that works
 * for a virtual thread without special access (a handshake when mounted, a walk of its continuation when
 * not). Used by the Profiler API when {@code start()} is called on a virtual thread.
 */
public final class ThreadStackSource implements StackSource {
    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

    private final Thread[] threads;

    public ThreadStackSource(Thread... threads) {
        this.threads = threads.clone();
    }

    @Override
    public void sample(StackConsumer consumer) {
        for (Thread t : threads) {
            if (!t.isAlive() || t == Thread.currentThread()) {
                continue;
            }
            StackTraceElement[] stack = StackDepth.limit(t.getStackTrace(), PlatformStackSource.DEFAULT_MAX_DEPTH);
            Thread.State state = t.getState();
            if (state != Thread.State.TERMINATED) {
                consumer.accept(t.getId(), t.getName(), isVirtual(t), ThreadState.of(state), stack);
            }
        }
    }

    /** True for a virtual thread (JDK 21+); false on older JDKs. */
    public static boolean isVirtual(Thread t) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(t);
        } catch (Throwable e) {
            return false;
        }
    }

    private static MethodHandle isVirtualHandle() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    @Override
    public String describe() {
        return "Thread.getStackTrace of " + threads.length + " thread(s)";
    }
}

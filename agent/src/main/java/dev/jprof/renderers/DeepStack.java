package dev.jprof.renderers;

import java.util.concurrent.Callable;

/** Runs work on a thread with a large stack, so recursion over deep call trees cannot overflow. */
public final class DeepStack {
    private DeepStack() {
    }

    /** Calls {@code work} on a fresh thread with {@code stackBytes} of stack and returns its result. */
    public static <T> T call(Callable<T> work, long stackBytes) {
        Object[] result = new Object[1];
        Throwable[] error = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = work.call();
            } catch (Throwable e) {
                error[0] = e;
            }
        }, "jprof-render", stackBytes);
        t.setDaemon(true);
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (error[0] instanceof RuntimeException) {
            throw (RuntimeException) error[0];
        }
        if (error[0] instanceof Error) {
            throw (Error) error[0];
        }
        if (error[0] != null) {
            throw new IllegalStateException(error[0]);
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }
}

package dev.jprof;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Where profiling starts: the stack of the thread calling {@code Profiler.start()} down to its caller
 * (or a frame the caller names), which the report's stem is trimmed to.
 */
final class CallerStack {
    private CallerStack() {
    }

    static boolean matches(StackTraceElement e, String className, String method, int line) {
        return e.getClassName().equals(className) && e.getMethodName().equals(method)
                && (line <= 0 || e.getLineNumber() <= 0 || e.getLineNumber() == line);
    }

    /**
     * The calling thread's stack, outermost first, down to the caller: the first frame outside jprof's
     * Profiler, or the first frame {@code isCaller} accepts.
     */
    static List<StackTraceElement> of(Predicate<StackTraceElement> isCaller, String callerText) {
        StackTraceElement[] here = Thread.currentThread().getStackTrace();
        int first = 0;
        while (first < here.length && isOwnFrame(here[first])) {
            first++;
        }
        int caller = isCaller == null ? first : -1;
        for (int i = first; isCaller != null && i < here.length; i++) {
            if (isCaller.test(here[i])) {
                caller = i;
                break;
            }
        }
        if (caller < 0) {
            throw new IllegalArgumentException("callerFrame " + callerText
                    + " is not on the stack of the thread calling start()");
        }
        List<StackTraceElement> out = new ArrayList<>(here.length - caller);
        for (int i = here.length - 1; i >= caller; i--) {
            out.add(here[i]);
        }
        return out;
    }

    private static boolean isOwnFrame(StackTraceElement e) {
        String c = e.getClassName();
        return c.equals("java.lang.Thread") && e.getMethodName().equals("getStackTrace")
                || c.equals(CallerStack.class.getName())
                || c.equals(Profiler.class.getName()) || c.startsWith(Profiler.class.getName() + "$");
    }

}

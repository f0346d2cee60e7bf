package dev.jprof;

import dev.jprof.sampling.StackSource;
import dev.jprof.sampling.ThreadState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A stack source that reports whatever stacks the test set, and helpers to build stacks. */
final class ScriptedStacks implements StackSource {
    private final Map<Long, Object[]> threads = new LinkedHashMap<>();

    /** From the next tick on, thread {@code id} has this stack (top frame first). */
    ScriptedStacks set(long id, String name, StackTraceElement[] stack) {
        threads.put(id, new Object[] {name, stack});
        return this;
    }

    /** The calling thread has this stack from the next tick on. */
    ScriptedStacks setCurrent(StackTraceElement[] stack) {
        return set(Thread.currentThread().getId(), Thread.currentThread().getName(), stack);
    }

    @Override
    public void sample(StackConsumer consumer) {
        for (Map.Entry<Long, Object[]> e : threads.entrySet()) {
            consumer.accept(e.getKey(), (String) e.getValue()[0], false, ThreadState.RUNNABLE,
                    (StackTraceElement[]) e.getValue()[1]);
        }
    }

    @Override
    public String describe() {
        return "scripted";
    }

    /** An application frame (a class of the test classes directory, so application code). */
    static StackTraceElement app(String method, int line) {
        return new StackTraceElement(Work.class.getName(), method, "ScriptedStacks.java", line);
    }

    /** A JDK frame (library code). */
    static StackTraceElement jdk(String className, String method, int line) {
        String file = className.substring(className.lastIndexOf('.') + 1) + ".java";
        return new StackTraceElement(null, "java.base", null, className, method, file, line);
    }

    /** The caller's current stack, top frame first, starting at the caller of this method. */
    static StackTraceElement[] here() {
        StackTraceElement[] all = Thread.currentThread().getStackTrace();
        return Arrays.copyOfRange(all, 2, all.length);
    }

    /** {@code base} with {@code topFirst} called on top of it. */
    static StackTraceElement[] on(StackTraceElement[] base, StackTraceElement... topFirst) {
        List<StackTraceElement> out = new ArrayList<>(Arrays.asList(topFirst));
        out.addAll(Arrays.asList(base));
        return out.toArray(new StackTraceElement[0]);
    }

    /** Stands for application code in scripted stacks. */
    static final class Work {
        private Work() {
        }
    }
}

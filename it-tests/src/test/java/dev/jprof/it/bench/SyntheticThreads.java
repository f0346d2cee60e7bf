package dev.jprof.it.bench;

import dev.jprof.CodeLocation;
import dev.jprof.Recorder;
import dev.jprof.it.support.ManualClock;
import dev.jprof.sampling.StackSource;
import dev.jprof.sampling.ThreadState;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * A deterministic stand-in for a busy service: threads walking a call graph of application and library
 * methods. Each distinct stack is a path from the thread's entry point through the graph, so stacks share
 * root-side prefixes as real ones do; every tick a thread moves to another of its usual stacks with a
 * given probability.
 */
final class SyntheticThreads implements StackSource {
    private final StackTraceElement[][] stacks;
    private final int[] current;
    private final byte[] states;
    private final String[] names;
    private final int perThread;
    private final double moveShare;
    private final SplittableRandom random = new SplittableRandom(7);

    SyntheticThreads(int threads, int distinctStacks, int perThread, double moveShare) {
        this.perThread = perThread;
        this.moveShare = moveShare;
        String[] packages = {"com.acme.api", "com.acme.core", "org.http.server", "org.json", "java.util", "org.sql.driver"};
        StackTraceElement[] methods = new StackTraceElement[400];
        for (int m = 0; m < methods.length; m++) {
            String pkg = packages[m % packages.length];
            methods[m] = new StackTraceElement(pkg + ".Type" + m / 4, "call" + m % 4, "Type" + m / 4 + ".java", 10 + m);
        }
        stacks = new StackTraceElement[distinctStacks][];
        for (int s = 0; s < distinctStacks; s++) {
            int depth = 15 + random.nextInt(30);
            StackTraceElement[] stack = new StackTraceElement[depth];
            stack[depth - 1] = new StackTraceElement("java.lang.Thread", "run", "Thread.java", 840);
            // The call graph: each method calls one of 5 others, chosen by the stack's number.
            int at = s % 16;
            for (int i = depth - 2; i >= 0; i--) {
                stack[i] = methods[at];
                at = (at * 7 + 1 + (s / (depth - i)) % 5) % methods.length;
            }
            stacks[s] = stack;
        }
        current = new int[threads];
        states = new byte[threads];
        names = new String[threads];
        for (int t = 0; t < threads; t++) {
            names[t] = "pool-1-thread-" + t;
            current[t] = usual(t);
        }
    }

    /** One of the thread's usual stacks: threads overlap, but each keeps to its own part of the code. */
    private int usual(int t) {
        return (t * 97 + random.nextInt(perThread)) % stacks.length;
    }

    @Override
    public void sample(StackConsumer consumer) {
        for (int t = 0; t < current.length; t++) {
            if (random.nextDouble() < moveShare) {
                current[t] = usual(t);
                states[t] = random.nextInt(4) == 0 ? ThreadState.WAITING : ThreadState.RUNNABLE;
            }
            consumer.accept(1000 + t, names[t], false, states[t], stacks[current[t]]);
        }
    }

    @Override
    public String describe() {
        return "synthetic threads";
    }

    /** Records {@code ticks} ticks of this workload at {@code interval} with the given memory bound. */
    Recorder record(int ticks, Duration interval, long maxMemory) {
        ManualClock clock = new ManualClock(true);
        Recorder recorder = new Recorder(this, clock, interval, SyntheticThreads::locate, "synthetic service",
                Integer.MAX_VALUE).maxMemory(maxMemory);
        recorder.startManual();
        for (int i = 0; i < ticks; i++) {
            clock.advance(interval.toNanos());
            recorder.tick();
        }
        recorder.stop();
        return recorder;
    }

    static CodeLocation locate(StackTraceElement e) {
        String c = e.getClassName();
        String path = c.substring(0, c.lastIndexOf('.')).replace('.', '/') + "/" + e.getFileName();
        if (c.startsWith("com.acme.")) {
            return new CodeLocation("/srv/acme/classes!/" + path, "classes", true);
        }
        if (c.startsWith("java.")) {
            return new CodeLocation("jrt:/java.base!/" + path, "java.base", false);
        }
        String lib = c.split("\\.")[1];
        return new CodeLocation("/libs/" + lib + ".jar!/" + path, lib, false);
    }
}

package dev.jprof.testing;

import dev.jprof.sampling.StackSource;
import dev.jprof.sampling.ThreadState;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A realistic, deterministic workload for memory tests: {@code threads} threads that each move among a
 * few dozen of {@code distinctStacks} shared stacks (20-40 frames, sharing prefixes as real call trees
 * do), changing stack on {@code changeShare} of ticks, one in five samples waiting.
 */
public final class BusyThreadsStackSource implements StackSource {
    private final StackTraceElement[][] stacks;
    private final int[][] favourites;
    private final int[] current;
    private final byte[] states;
    private final String[] names;
    private final double changeShare;
    private final Random random = new Random(42);

    public BusyThreadsStackSource(int threads, int distinctStacks, double changeShare) {
        this.changeShare = changeShare;
        stacks = new StackTraceElement[distinctStacks][];
        List<StackTraceElement> pool = new ArrayList<>();
        for (int c = 0; c < 60; c++) {
            for (int m = 0; m < 8; m++) {
                pool.add(new StackTraceElement("com.acme.service.module" + c % 7 + ".Component" + c,
                        "operation" + m, "Component" + c + ".java", 20 + m * 13));
            }
        }
        for (int s = 0; s < distinctStacks; s++) {
            // Stacks grow out of earlier ones, so they share root-side prefixes.
            StackTraceElement[] base = s == 0 ? new StackTraceElement[0] : stacks[random.nextInt(s)];
            int keep = base.length == 0 ? 0 : Math.max(2, base.length - 1 - random.nextInt(Math.min(base.length - 1, 12)));
            int depth = Math.min(40, Math.max(20, keep + 3 + random.nextInt(8)));
            StackTraceElement[] stack = new StackTraceElement[depth];
            // JDK order: top first; copy the base's root-side frames to the bottom of the new stack.
            for (int i = 0; i < keep; i++) {
                stack[depth - 1 - i] = base[base.length - 1 - i];
            }
            if (keep == 0) {
                stack[depth - 1] = new StackTraceElement("java.lang.Thread", "run", "Thread.java", 833);
                keep = 1;
            }
            for (int i = depth - 1 - keep; i >= 0; i--) {
                stack[i] = pool.get(random.nextInt(pool.size()));
            }
            stacks[s] = stack;
        }
        favourites = new int[threads][40];
        current = new int[threads];
        states = new byte[threads];
        names = new String[threads];
        for (int t = 0; t < threads; t++) {
            for (int f = 0; f < favourites[t].length; f++) {
                favourites[t][f] = random.nextInt(distinctStacks);
            }
            current[t] = favourites[t][0];
            states[t] = ThreadState.RUNNABLE;
            names[t] = "worker-" + t;
        }
    }

    @Override
    public void sample(StackConsumer consumer) {
        for (int t = 0; t < current.length; t++) {
            if (random.nextDouble() < changeShare) {
                current[t] = favourites[t][random.nextInt(favourites[t].length)];
                states[t] = random.nextInt(5) == 0 ? ThreadState.WAITING : ThreadState.RUNNABLE;
            }
            consumer.accept(100 + t, names[t], false, states[t], stacks[current[t]]);
        }
    }

    @Override
    public String describe() {
        return "busy threads";
    }
}

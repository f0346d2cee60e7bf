package dev.jprof.it.programs;

import java.util.ArrayList;
import java.util.List;

/**
 * More runnable virtual threads than carriers (run with -Djdk.virtualThreadScheduler.parallelism=1):
 * each computes in slices and yields, so the others wait, ready, for the carrier.
 */
public final class YieldingVirtualThreads {
    private YieldingVirtualThreads() {
    }

    public static void main(String[] args) throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            threads.add(startVirtual("yielder-" + i, YieldingVirtualThreads::work));
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println("yielded");
    }

    /** Thread.ofVirtual().name(name).start(task), through reflection: this code compiles for Java 17. */
    public static Thread startVirtual(String name, Runnable task) throws Exception {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
        builder = ofVirtual.getMethod("name", String.class).invoke(builder, name);
        return (Thread) ofVirtual.getMethod("start", Runnable.class).invoke(builder, task);
    }

    static void work() {
        for (int i = 0; i < 60; i++) {
            VirtualServer.burnCpu(5_000_000L);
            Thread.yield();
        }
    }
}

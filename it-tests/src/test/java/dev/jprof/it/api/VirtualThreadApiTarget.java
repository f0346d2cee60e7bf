package dev.jprof.it.api;

import dev.jprof.Profiler;
import dev.jprof.Session;
import dev.jprof.it.programs.GroundTruth;
import dev.jprof.it.programs.YieldingVirtualThreads;
import java.nio.file.Path;

/**
 * Uses the Profiler API on a virtual thread (JDK 21+): profiles that thread while it computes and
 * sleeps, then saves the session to args[0].
 */
public final class VirtualThreadApiTarget {
    private VirtualThreadApiTarget() {
    }

    public static void main(String[] args) throws Exception {
        Thread t = YieldingVirtualThreads.startVirtual("api-virtual", () -> {
            try {
                Session s = Profiler.profile(VirtualThreadApiTarget::work);
                s.save(Path.of(args[0]));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        t.join();
        System.out.println("profiled a virtual thread");
    }

    static void work() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            GroundTruth.cpuWork(100);
            Thread.sleep(100);
        }
    }
}

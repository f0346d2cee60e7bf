package dev.jprof.it.api;

import dev.jprof.Profiler;
import dev.jprof.Session;
import dev.jprof.renderers.RenderOptions;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A program that uses the Java API the way an application would: {@code ApiTarget SESSION_FILE [all]}.
 * A bystander thread spins the whole time; only with {@code all} should it appear in the profile.
 */
public final class ApiTarget {
    static volatile long sink;
    private static volatile boolean done;

    private ApiTarget() {
    }

    public static void main(String[] args) throws Exception {
        boolean all = args.length > 1 && args[1].equals("all");
        Thread bystander = new Thread(ApiTarget::bystander, "bystander");
        bystander.setDaemon(true);
        bystander.start();
        Profiler profiler = Profiler.builder().interval(Duration.ofMillis(1)).allThreads(all).build();
        Session session = runProfiled(profiler);
        done = true;
        System.out.print(profiler.outputText(new RenderOptions().processorOptions(
                new dev.jprof.tree.ProcessorOptions().filterThreshold(0))));
        System.out.println("running=" + profiler.isRunning() + " samples=" + session.sampleCount());
        session.save(Path.of(args[0]));
    }

    static Session runProfiled(Profiler profiler) {
        profiler.start();
        busyWork(300_000_000L);
        return profiler.stop();
    }

    static void busyWork(long nanos) {
        long end = System.nanoTime() + nanos;
        long x = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++) {
                x += i * 31L ^ (x >>> 3);
            }
        }
        sink = x;
    }

    private static void bystander() {
        long x = 0;
        while (!done) {
            x += System.nanoTime() & 7;
        }
        sink = x;
    }
}

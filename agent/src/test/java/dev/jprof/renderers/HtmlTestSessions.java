package dev.jprof.renderers;

import dev.jprof.CodeLocation;
import dev.jprof.Recorder;
import dev.jprof.Session;
import dev.jprof.sampling.StackSource;
import dev.jprof.sampling.ThreadState;
import dev.jprof.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Deterministic sessions for the HTML renderer's tests: a fake clock and scripted stacks. */
final class HtmlTestSessions {
    private HtmlTestSessions() {
    }

    /** One scripted thread: its id, name and the stack (outermost first, "Class.method") per tick. */
    interface Script {
        void sample(long tick, StackSource.StackConsumer out);
    }

    static Session record(int ticks, long intervalNanos, int maxRuns, Script script) {
        FakeClock clock = new FakeClock();
        long[] tick = {0};
        StackSource source = out -> script.sample(tick[0], out);
        Recorder recorder = new Recorder(source, clock, Duration.ofNanos(intervalNanos), HtmlTestSessions::locate,
                "java -jar acme.jar --serve", maxRuns);
        recorder.startManual();
        for (int i = 0; i < ticks; i++) {
            clock.advance(Duration.ofNanos(intervalNanos), 0.5);
            tick[0] = i;
            recorder.tick();
        }
        recorder.stop();
        return recorder.snapshot();
    }

    /** Application code lives in com.acme; everything else is a library jar named after its package. */
    static CodeLocation locate(StackTraceElement e) {
        String c = e.getClassName();
        String pkgPath = c.lastIndexOf('.') < 0 ? "" : c.substring(0, c.lastIndexOf('.')).replace('.', '/') + "/";
        if (c.startsWith("com.acme.")) {
            return new CodeLocation("/srv/acme/target/classes!/" + pkgPath + e.getFileName(), "classes", true);
        }
        if (c.startsWith("java.")) {
            return new CodeLocation("jrt:/java.base!/" + pkgPath + e.getFileName(), "java.base", false);
        }
        String lib = c.split("\\.").length > 2 ? c.split("\\.")[1] : "lib";
        return new CodeLocation("/home/u/.m2/" + lib + "-1.0.jar!/" + pkgPath + e.getFileName(), lib, false);
    }

    /** A stack from "Class.method" names, outermost first, as the JDK returns it (top frame first). */
    static StackTraceElement[] stack(String... outermostFirst) {
        StackTraceElement[] out = new StackTraceElement[outermostFirst.length];
        for (int i = 0; i < outermostFirst.length; i++) {
            String s = outermostFirst[i];
            int dot = s.lastIndexOf('.');
            String c = s.substring(0, dot);
            String file = c.substring(c.lastIndexOf('.') + 1).replaceAll("\\$.*", "") + ".java";
            out[outermostFirst.length - 1 - i] = new StackTraceElement(c, s.substring(dot + 1), file, 10 + i);
        }
        return out;
    }

    /**
     * A small program: main spends most time in Work.hotLoop (application code) below library frames,
     * a little in Work.coldPath, and a worker thread with the given name waits.
     */
    static Session small(String workerName) {
        StackTraceElement[] hot = stack("com.acme.Main.main", "com.acme.Work.run", "org.lib.Pool.execute",
                "org.lib.Pool.runTask", "com.acme.Work.hotLoop", "java.util.HashMap.get");
        StackTraceElement[] cold = stack("com.acme.Main.main", "com.acme.Work.run", "com.acme.Work.coldPath");
        StackTraceElement[] waiting = stack("java.lang.Thread.run", "com.acme.Worker.await", "java.lang.Object.wait");
        return record(100, 10_000_000L, 1 << 16, (tick, out) -> {
            out.accept(1, "main", false, ThreadState.RUNNABLE, tick % 10 == 0 ? cold : hot);
            out.accept(2, workerName, false, ThreadState.WAITING, waiting);
        });
    }

    /**
     * A big session: {@code threads} threads sampled {@code ticks} times (1 ms apart) over a pool of
     * {@code distinctStacks} stacks picked by a fixed pseudo-random sequence, so nearly every sample
     * starts a new run.
     */
    static Session big(int threads, int ticks, int distinctStacks) {
        List<StackTraceElement[]> pool = new ArrayList<>();
        for (int i = 0; i < distinctStacks; i++) {
            pool.add(stack("com.acme.Main.main", "com.acme.Server.loop", "org.http.Dispatcher.dispatch",
                    "org.http.Dispatcher.invoke", "com.acme.Handler" + (i % 37) + ".handle",
                    "com.acme.Service" + (i % 11) + ".compute" + (i % 7), "org.json.Mapper.read",
                    "org.json.Mapper.parse" + (i % 5), "java.util.ArrayList.add", "com.acme.Model.field" + (i % 13)));
        }
        return record(ticks, 1_000_000L, threads * ticks + 1024, (tick, out) -> {
            for (int t = 0; t < threads; t++) {
                long x = (tick * 31 + t) * 2862933555777941757L + 3037000493L;
                int pick = (int) ((x >>> 33) % distinctStacks);
                out.accept(100 + t, "worker-" + t, false, t % 4 == 3 ? ThreadState.WAITING : ThreadState.RUNNABLE,
                        pool.get(pick));
            }
        });
    }
}

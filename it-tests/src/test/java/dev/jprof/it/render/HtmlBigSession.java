package dev.jprof.it.render;

import dev.jprof.it.support.ManualClock;

import dev.jprof.CodeLocation;
import dev.jprof.Recorder;
import dev.jprof.Session;
import dev.jprof.sampling.StackSource;
import dev.jprof.sampling.ThreadState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A big, deterministic session: a fake clock moving 1 ms per tick and a scripted stack source picking,
 * for every thread and tick, one of a pool of distinct stacks by a fixed pseudo-random sequence, so
 * nearly every sample starts a new run.
 */
final class HtmlBigSession {
    private HtmlBigSession() {
    }

    static Session build(int threads, int ticks, int distinctStacks) {
        List<StackTraceElement[]> pool = new ArrayList<>();
        for (int i = 0; i < distinctStacks; i++) {
            pool.add(stack("com.acme.Main.main", "com.acme.Server.loop", "org.http.Dispatcher.dispatch",
                    "org.http.Dispatcher.invoke", "com.acme.Handler" + (i % 37) + ".handle",
                    "com.acme.Service" + (i % 11) + ".compute" + (i % 7), "org.json.Mapper.read",
                    "org.json.Mapper.parse" + (i % 5), "java.util.ArrayList.add", "com.acme.Model.field" + (i % 13)));
        }
        ManualClock clock = new ManualClock(true);
        long[] tick = {0};
        StackSource source = out -> {
            for (int t = 0; t < threads; t++) {
                long x = (tick[0] * 31 + t) * 2862933555777941757L + 3037000493L;
                out.accept(100 + t, "worker-" + t, false, t % 4 == 3 ? ThreadState.WAITING : ThreadState.RUNNABLE,
                        pool.get((int) ((x >>> 33) % distinctStacks)));
            }
        };
        Recorder recorder = new Recorder(source, clock, Duration.ofMillis(1), HtmlBigSession::locate,
                "big deterministic session", threads * ticks + 1024);
        recorder.startManual();
        for (int i = 0; i < ticks; i++) {
            clock.advance(1_000_000L);
            tick[0] = i;
            recorder.tick();
        }
        recorder.stop();
        return recorder.snapshot();
    }

    private static CodeLocation locate(StackTraceElement e) {
        String c = e.getClassName();
        String path = c.substring(0, c.lastIndexOf('.')).replace('.', '/') + "/" + e.getFileName();
        if (c.startsWith("com.acme.")) {
            return new CodeLocation("/srv/acme/classes!/" + path, "classes", true);
        }
        String lib = c.split("\\.")[1];
        return new CodeLocation("/libs/" + lib + ".jar!/" + path, lib, false);
    }

    private static StackTraceElement[] stack(String... outermostFirst) {
        StackTraceElement[] out = new StackTraceElement[outermostFirst.length];
        for (int i = 0; i < outermostFirst.length; i++) {
            String s = outermostFirst[i];
            String c = s.substring(0, s.lastIndexOf('.'));
            out[outermostFirst.length - 1 - i] = new StackTraceElement(c, s.substring(s.lastIndexOf('.') + 1),
                    c.substring(c.lastIndexOf('.') + 1) + ".java", 10 + i);
        }
        return out;
    }
}

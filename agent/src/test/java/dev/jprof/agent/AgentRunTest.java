package dev.jprof.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.Recorder;
import dev.jprof.testing.FakeClock;
import dev.jprof.testing.ScriptedStackSource;
import dev.jprof.testing.Sessions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the agent's run schedules its windows and writes its reports. */
class AgentRunTest {
    @TempDir
    Path dir;

    /** An error stream whose first line blocks until released: a report write that hangs. */
    private static final class HangingStream extends OutputStream {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);

        @Override
        public void write(int b) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void aSlowReportWriteNeitherDelaysTheNextWindowsNorLosesOne() throws Exception {
        AgentOptions options = AgentOptions.parse("outfile=" + dir.resolve("w-%n.txt") + ",loop=50ms");
        List<Recorder> recorders = new CopyOnWriteArrayList<>();
        ScriptedStackSource source = new ScriptedStackSource();
        source.running(1, "main", "com.acme.Main.main:1");
        HangingStream err = new HangingStream();
        AgentRun run = new AgentRun(options, () -> {
            Recorder r = new Recorder(source, new FakeClock(), Duration.ofMillis(10), Sessions.LOCATOR, "t", 64);
            recorders.add(r);
            return r;
        }, new PrintStream(err, true), "com.acme.Main", () -> true);
        run.begin(new Random(1));

        // The first report's line ("report written to") hangs; windows must go on turning meanwhile.
        await().atMost(Duration.ofSeconds(10)).until(() -> err.entered.getCount() == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> recorders.size() >= 5);
        assertTrue(Files.exists(dir.resolve("w-1.txt")));

        err.release.countDown();
        int windows = recorders.size();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("w-" + (windows - 1) + ".txt")));
        for (int n = 1; n < windows; n++) {
            assertTrue(Files.exists(dir.resolve("w-" + n + ".txt")), "window " + n + " written");
        }
        assertEquals(0, recorders.stream().limit(windows - 1).filter(Recorder::isRunning).count(),
                "every finished window stopped sampling");

        run.atExit(); // as the shutdown hook would; the hook then finds nothing left to write
        int all = recorders.size();
        assertTrue(Files.exists(dir.resolve("w-" + all + ".txt")), "the last window is written at exit");
        assertTrue(recorders.stream().noneMatch(Recorder::isRunning));
    }

    /**
     * A recorder whose sampler's warm-up sample takes 30 ms (a cold sampler loading and linking its code), then
     * sees one running thread; {@code warm} is set once the warm-up is over.
     */
    private static Recorder slowToWarm(java.util.concurrent.atomic.AtomicBoolean warm) {
        java.util.concurrent.atomic.AtomicBoolean primed = new java.util.concurrent.atomic.AtomicBoolean();
        dev.jprof.sampling.StackSource source = consumer -> {
            if (!primed.getAndSet(true)) {
                try {
                    Thread.sleep(30);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                warm.set(true);
            }
            consumer.accept(1, "main", false, dev.jprof.sampling.ThreadState.RUNNABLE,
                    new StackTraceElement[] {new StackTraceElement("com.acme.Main", "main", "Main.java", 1)});
        };
        return new Recorder(source, dev.jprof.sampling.Clock.system(), Duration.ofMillis(10), Sessions.LOCATOR, "t", 64);
    }

    @Test
    void loopWindowsMeetEvenWhenANewSamplersWarmUpIsSlow() throws Exception {
        AgentOptions options = AgentOptions.parse("outfile=" + dir.resolve("m-%n.jprof") + ",loop=100ms");
        List<Recorder> recorders = new CopyOnWriteArrayList<>();
        AgentRun run = new AgentRun(options, () -> {
            Recorder r = slowToWarm(new java.util.concurrent.atomic.AtomicBoolean());
            recorders.add(r);
            return r;
        }, new PrintStream(OutputStream.nullOutputStream(), true), "com.acme.Main", () -> true);
        run.begin(new Random(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> recorders.size() >= 4);
        run.atExit();
        for (int k = 1; k < 3; k++) {
            dev.jprof.Session before = recorders.get(k).snapshot();
            dev.jprof.Session after = recorders.get(k + 1).snapshot();
            long end = before.startTime().toEpochMilli() + Math.round(before.duration() * 1000);
            long gap = after.startTime().toEpochMilli() - end;
            assertTrue(gap <= 2, "window " + (k + 1) + " starts " + gap + " ms after window " + k + " ends");
        }
    }

    @Test
    void theAgentsProfileStartsOnlyOnceItsSamplerIsWarmSoTheProgramIsSeenFromItsStart() throws Exception {
        AgentOptions options = AgentOptions.parse("outfile=" + dir.resolve("p.jprof"));
        java.util.concurrent.atomic.AtomicBoolean warm = new java.util.concurrent.atomic.AtomicBoolean();
        AgentRun run = new AgentRun(options, () -> slowToWarm(warm),
                new PrintStream(OutputStream.nullOutputStream(), true), "com.acme.Main", () -> true);
        run.begin(new Random(1));
        // premain returns only now: the program's main runs after the warm-up, inside the session
        assertTrue(warm.get(), "begin() returned before the sampler's warm-up sample was taken");
        run.atExit();
    }
}

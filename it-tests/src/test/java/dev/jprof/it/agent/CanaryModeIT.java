package dev.jprof.it.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.Session;
import dev.jprof.it.programs.GroundTruth;
import dev.jprof.it.programs.Sleeper;
import dev.jprof.it.support.Jvm;
import dev.jprof.it.support.Lines;
import dev.jprof.it.support.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Production canary features of the agent in real JVMs (issue 7). */
class CanaryModeIT {
    @TempDir
    Path tmp;

    private Process start(String agentArgs, Lines[] out) throws Exception {
        Process p = new ProcessBuilder(Jvm.current().command("-javaagent:" + Jvm.agentJar() + "=" + agentArgs, "-cp",
                Jvm.testClasses(), Sleeper.class.getName())).redirectErrorStream(true).start();
        out[0] = new Lines(p.getInputStream());
        return p;
    }

    private static void signal(Process p, String name) throws Exception {
        new ProcessBuilder(List.of("kill", "-" + name, Long.toString(p.pid()))).start().waitFor();
    }

    private List<String> files(String prefix) throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted()
                    .collect(Collectors.toList());
        }
    }

    @Test
    void loopWritesAReportEveryWindowKeepsTheNewestAndASigkillLosesAtMostOneWindow() throws Exception {
        Lines[] out = new Lines[1];
        Process p = start("outfile=" + tmp.resolve("w-%n.jprof") + ",loop=300ms,keep=2", out);
        try {
            out[0].awaitLine("jprof: report written to " + tmp.resolve("w-4.jprof"), Duration.ofSeconds(30));
            assertTrue(p.isAlive(), "windows are written while the program runs");
            List<String> kept = files("w-");
            assertTrue(kept.size() <= 3 && !kept.contains("w-1.jprof"), "only the newest are kept: " + kept);
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL
        } finally {
            p.destroyForcibly();
        }
        List<String> left = files("w-");
        assertFalse(left.isEmpty());
        for (String f : left) {
            Session s = Session.load(tmp.resolve(f));
            assertTrue(s.duration() > 0.15 && s.duration() < 2, f + " is one window: " + s.duration());
            assertNotNull(Trees.find(Trees.aggregated(s), "Sleeper.main"), f);
        }
    }

    @Test
    void signalDumpsTheReportSoFarWithoutStopping() throws Exception {
        Lines[] out = new Lines[1];
        Process p = start("outfile=" + tmp.resolve("s-%n.jprof") + ",signal=USR1", out);
        try {
            out[0].awaitLine("ready", Duration.ofSeconds(30));
            signal(p, "USR1");
            out[0].awaitLine("jprof: report written to " + tmp.resolve("s-1.jprof"), Duration.ofSeconds(30));
            assertTrue(p.isAlive(), "the program keeps running");
            signal(p, "USR1");
            out[0].awaitLine("jprof: report written to " + tmp.resolve("s-2.jprof"), Duration.ofSeconds(30));
            assertTrue(Session.load(tmp.resolve("s-2.jprof")).duration()
                    > Session.load(tmp.resolve("s-1.jprof")).duration(), "the second dump covers more");
            signal(p, "TERM");
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        out[0].join();
        assertTrue(Files.exists(tmp.resolve("s-3.jprof")), "the report at exit: " + out[0].text());
    }

    @Test
    void durationAndDelayBoundTheProfile() throws Exception {
        Lines[] out = new Lines[1];
        Path file = tmp.resolve("d.jprof");
        Process p = start("outfile=" + file + ",delay=200ms,duration=400ms", out);
        try {
            out[0].awaitLine("jprof: report written to " + file, Duration.ofSeconds(30));
            assertTrue(p.isAlive(), "written when the duration ends, not at exit");
            Session s = Session.load(file);
            assertEquals(0.4, s.duration(), 0.15);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aSignalAfterTheDurationEndedIsAnsweredInOneLine() throws Exception {
        Lines[] out = new Lines[1];
        Path file = tmp.resolve("ended.jprof");
        Process p = start("outfile=" + file + ",duration=200ms,signal=USR1", out);
        try {
            out[0].awaitLine("jprof: report written to " + file, Duration.ofSeconds(30));
            signal(p, "USR1");
            out[0].awaitLine("jprof: signal received, but profiling has ended (duration); no report",
                    Duration.ofSeconds(30));
            assertTrue(p.isAlive(), "the program keeps running");
            signal(p, "TERM");
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        out[0].join();
        assertFalse(out[0].text().contains("Exception"), out[0].text());
    }

    @Test
    void startFalseLoadsIdle() throws Exception {
        Lines[] out = new Lines[1];
        Process p = start("outfile=" + tmp.resolve("idle.jprof") + ",start=false", out);
        try {
            out[0].awaitLine("jprof: loaded idle (start=false); start profiling with: jprof attach " + p.pid(),
                    Duration.ofSeconds(30));
            out[0].awaitLine("ready", Duration.ofSeconds(30));
            signal(p, "TERM");
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        out[0].join();
        assertFalse(Files.exists(tmp.resolve("idle.jprof")), "nothing was profiled");
    }

    @Test
    void probabilityDecidesOnceAndSaysSo() throws Exception {
        Jvm.Result r = Jvm.run(Jvm.current().command("-javaagent:" + Jvm.agentJar() + "=probability=0", "-cp",
                Jvm.testClasses(), GroundTruth.class.getName(), "1"), tmp, 60);
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("jprof: probability=0.0 drew ") && r.stderr.contains("not profiling this JVM"),
                r.toString());
        assertFalse(r.stderr.contains("[thread] main"), r.toString());
        Jvm.Result always = Jvm.run(Jvm.current().command("-javaagent:" + Jvm.agentJar() + "=probability=1", "-cp",
                Jvm.testClasses(), GroundTruth.class.getName(), "1"), tmp, 60);
        assertTrue(always.stderr.contains("[thread] main") && !always.stderr.contains("drew"), always.toString());
    }

    @Test
    void aReportWriteThatHangsCannotHoldTheExitPastTheTimeout() throws Exception {
        Path fifo = tmp.resolve("fifo.txt");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        long t0 = System.nanoTime();
        Jvm.Result r = Jvm.run(Jvm.current().command("-javaagent:" + Jvm.agentJar() + "=outfile=" + fifo
                + ",exit_timeout=1s", "-cp", Jvm.testClasses(), GroundTruth.class.getName(), "1"), tmp, 60);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("not written within exit_timeout=1000ms"), r.toString());
        assertTrue(seconds < 10, "exit took " + seconds + " s");
    }
}

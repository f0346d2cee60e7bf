package dev.jprof.it.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.tree.Frame;
import dev.jprof.Session;
import dev.jprof.it.programs.Exiter;
import dev.jprof.it.programs.GroundTruth;
import dev.jprof.it.programs.Sleeper;
import dev.jprof.it.support.Jvm;
import dev.jprof.it.support.Trees;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The agent in a real JVM: bad options, exits, signals. */
class AgentLifecycleIT {
    @TempDir
    Path tmp;

    private Jvm.Result runGroundTruth(String agentArgs) throws Exception {
        return Jvm.run(Jvm.current().command("-javaagent:" + Jvm.agentJar() + agentArgs, "-cp", Jvm.testClasses(),
                GroundTruth.class.getName(), "1"), tmp, 60);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "=colour=true|unknown option 'colour'",
            "=interval=fast|interval must be a duration",
            "=hide_regex=(oops|hide_regex is not a valid regular expression",
            "=renderer=pdf|unknown renderer 'pdf'",
            "=outfile|outfile needs a value",
            "==5|a key is missing"})
    void aBadOptionPrintsOneMessageAndTheProgramRunsOnUnprofiled(String args, String message) throws Exception {
        Jvm.Result r = runGroundTruth(args);
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("ground truth done"), r.toString());
        assertTrue(r.stderr.contains("jprof: " ) && r.stderr.contains(message), r.toString());
        assertTrue(r.stderr.contains("the program runs without profiling"), r.toString());
        assertFalse(r.stderr.contains("\tat "), "no stack trace: " + r);
        assertFalse(r.stderr.contains("[thread] main"), "unprofiled: " + r);
    }

    @Test
    void helpListsTheOptionsAndTheProgramRuns() throws Exception {
        Jvm.Result r = runGroundTruth("=help");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("jprof agent options") && r.stderr.contains("outfile=PATH"), r.toString());
        assertTrue(r.stdout.contains("ground truth done"), r.toString());
    }

    @Test
    void anUnwritableOutfileFallsBackAndSaysWhere() throws Exception {
        Jvm.Result r = runGroundTruth("=outfile=" + tmp.resolve("no/such/dir/r.txt"));
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stderr.contains("could not write the report to") && r.stderr.contains("wrote it to"), r.toString());
    }

    @Test
    void aMainClassThatCannotBeFoundGivesOneLineAndNoReport() throws Exception {
        Path out = tmp.resolve("none.txt");
        Jvm.Result r = Jvm.run(Jvm.current().command("-javaagent:" + Jvm.agentJar() + "=outfile=" + out, "-cp",
                Jvm.testClasses(), "com.acme.NoSuchMain", "arg"), tmp, 60);
        assertEquals(1, r.exitCode, "java's own status" + r);
        assertTrue(r.stderr.contains("Could not find or load main class com.acme.NoSuchMain"), "java says why" + r);
        assertTrue(r.stderr.contains("jprof: com.acme.NoSuchMain did not start (the main class was not loaded): no profile"),
                r.toString());
        assertFalse(Files.exists(out), "no report of the launcher failing");
        assertFalse(r.stderr.contains("LauncherHelper"), r.toString());
    }

    @ParameterizedTest(name = "exit {0}")
    @ValueSource(strings = {"0", "3", "throw"})
    void exitsKeepTheirCodeAndWriteTheReport(String how) throws Exception {
        Path out = tmp.resolve("exit.jprof");
        Jvm.Result r = Jvm.run(Jvm.current().command("-javaagent:" + Jvm.agentJar() + "=outfile=" + out, "-cp",
                Jvm.testClasses(), Exiter.class.getName(), how), tmp, 60);
        assertEquals(how.equals("throw") ? 1 : Integer.parseInt(how), r.exitCode, r.toString());
        Session s = Session.load(out);
        assertNotNull(Trees.find(Trees.aggregated(s), "Exiter.main"), "report covers main");
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalThatEndsTheJvmStillWritesTheFullReport(String signal) throws Exception {
        Path out = tmp.resolve("signal.jprof");
        Process p = new ProcessBuilder(Jvm.current().command("-javaagent:" + Jvm.agentJar() + "=outfile=" + out,
                "-cp", Jvm.testClasses(), Sleeper.class.getName())).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                synchronized (output) {
                    return output.toString().contains("ready");
                }
            });
            new ProcessBuilder(List.of("kill", "-" + signal, Long.toString(p.pid()))).start().waitFor();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the JVM exits on SIG" + signal);
        } finally {
            p.destroyForcibly();
        }
        reader.join();
        assertEquals(signal.equals("INT") ? 130 : 143, p.exitValue(), output.toString());
        assertTrue(output.toString().contains("report written to " + out), output.toString());
        Session s = Session.load(out);
        Frame busy = Trees.find(Trees.aggregated(s), "Sleeper.busy");
        assertNotNull(busy, "the report has the program's frames");
        assertTrue(s.sampleCount() > 10, "samples: " + s.sampleCount());
        assertTrue(Files.size(out) > 0);
    }
}

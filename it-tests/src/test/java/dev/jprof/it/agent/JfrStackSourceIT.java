package dev.jprof.it.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.tree.Frame;
import dev.jprof.Session;
import dev.jprof.it.programs.GroundTruth;
import dev.jprof.it.support.GroundTruthOutput;
import dev.jprof.it.support.Jvm;
import dev.jprof.it.support.Trees;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** stack_source=jfr in real JVMs: JFR's stacks of running threads joined to jprof's wall-clock ticks. */
class JfrStackSourceIT {
    private static final Pattern FROM_JFR = Pattern.compile("(\\d+)% of running windows from JFR");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jprof.it.support.Jvm#names")
    void runningStacksComeFromJfrAndThePhasesStayTrue(String jdk) throws Exception {
        Jvm jvm = Jvm.named(jdk);
        Path out = tmp.resolve("gt.jprof");
        // 16 rounds of 400 ms: JFR starts a second into the profile, so most of the run is joined.
        Jvm.Result r = Jvm.run(jvm.command("-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints",
                "-javaagent:" + Jvm.agentJar() + "=stack_source=jfr,outfile=" + out,
                "-cp", Jvm.testClasses(), GroundTruth.class.getName(), "16"), tmp, 120);
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(!r.stderr.contains("JFR execution samples are unavailable"), r.toString());

        Session session = Session.load(out);
        Matcher m = FROM_JFR.matcher(session.sampler());
        assertTrue(m.find(), session.sampler());
        assertTrue(Integer.parseInt(m.group(1)) > 0, "some running windows were joined: " + session.sampler());
        assertTrue(!session.sampler().contains("without DebugNonSafepoints"), session.sampler());

        double[] truth = GroundTruthOutput.shares(r.stdout);
        Frame main = Trees.find(Trees.thread(Trees.aggregated(session), "main"), "GroundTruth.main");
        double cpuTime = Trees.timeIn(main, "GroundTruth.cpuWork");
        double sleepTime = Trees.timeIn(main, "GroundTruth.sleepWork");
        double waitTime = Trees.timeIn(main, "GroundTruth.waitWork");
        double total = cpuTime + sleepTime + waitTime;
        String shares = String.format("%s: profile cpu %.3f sleep %.3f wait %.3f; measured %.3f %.3f %.3f (%d samples; %s)",
                jdk, cpuTime / total, sleepTime / total, waitTime / total, truth[0], truth[1], truth[2],
                session.sampleCount(), m.group());
        System.out.println(shares);
        assertEquals(truth[0], cpuTime / total, 0.05, shares);
        assertEquals(truth[1], sleepTime / total, 0.05, shares);
        assertEquals(truth[2], waitTime / total, 0.05, shares);
        assertEquals(main.time(), total, 0.05 * main.time(), "main's time is these three phases: " + shares);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jprof.it.support.Jvm#names")
    void withoutJfrTheWalksCarryOnAndTheReasonIsOneLine(String jdk) throws Exception {
        Jvm jvm = Jvm.named(jdk);
        Path out = tmp.resolve("nojfr.jprof");
        // A runtime without the jdk.jfr module, as a jlink image may be.
        Jvm.Result r = Jvm.run(jvm.command("--limit-modules", "java.base,java.instrument,java.management,jdk.management,"
                        + "java.logging,java.sql,java.desktop,jdk.unsupported",
                "-javaagent:" + Jvm.agentJar() + "=stack_source=jfr,outfile=" + out,
                "-cp", Jvm.testClasses(), GroundTruth.class.getName(), "6"), tmp, 120);
        assertEquals(0, r.exitCode, r.toString());
        long said = r.stderr.lines().filter(l -> l.contains("JFR execution samples are unavailable")).count();
        assertEquals(1, said, r.toString());
        assertTrue(r.stderr.contains("stack_source=walk"), r.toString());
        Session session = Session.load(out);
        Frame main = Trees.find(Trees.thread(Trees.aggregated(session), "main"), "GroundTruth.main");
        assertTrue(Trees.timeIn(main, "GroundTruth.cpuWork") > 0.5, "the walks still sampled the work: " + r);
    }
}

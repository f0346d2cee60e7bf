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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The agent attributes wall time correctly in a real JVM, on JDK 17 and JDK 25. */
class GroundTruthIT {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jprof.it.support.Jvm#names")
    void attributesCpuSleepAndFutureWaitsWithinFivePoints(String jdk) throws Exception {
        Jvm jvm = Jvm.named(jdk);
        Path out = tmp.resolve("gt.jprof");
        Jvm.Result r = Jvm.run(jvm.command("-javaagent:" + Jvm.agentJar() + "=outfile=" + out,
                "-cp", Jvm.testClasses(), GroundTruth.class.getName()), tmp, 120);
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("ground truth done"), r.toString());
        assertTrue(r.stderr.contains("jprof: report written to " + out), r.toString());

        double[] truth = GroundTruthOutput.shares(r.stdout);
        Session session = Session.load(out);
        Frame main = Trees.find(Trees.thread(Trees.aggregated(session), "main"), "GroundTruth.main");
        double cpuTime = Trees.timeIn(main, "GroundTruth.cpuWork");
        double sleepTime = Trees.timeIn(main, "GroundTruth.sleepWork");
        double waitTime = Trees.timeIn(main, "GroundTruth.waitWork");
        double total = cpuTime + sleepTime + waitTime;
        String shares = String.format("%s: profile cpu %.3f sleep %.3f wait %.3f; measured %.3f %.3f %.3f (%d samples)",
                jdk, cpuTime / total, sleepTime / total, waitTime / total, truth[0], truth[1], truth[2],
                session.sampleCount());
        System.out.println(shares);
        assertEquals(truth[0], cpuTime / total, 0.05, shares);
        assertEquals(truth[1], sleepTime / total, 0.05, shares);
        assertEquals(truth[2], waitTime / total, 0.05, shares);
        assertEquals(main.time(), total, 0.05 * main.time(), "main's time is these three phases: " + shares);
        assertTrue(session.jvmVersion().startsWith(jdk.equals("jdk25") ? "25" : "17"), session.jvmVersion());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jprof.it.support.Jvm#names")
    void printsAReadableTextReportOnStderrAtExit(String jdk) throws Exception {
        Jvm jvm = Jvm.named(jdk);
        Jvm.Result r = Jvm.run(jvm.command("-javaagent:" + Jvm.agentJar() + "=unicode,color=false",
                "-cp", Jvm.testClasses(), GroundTruth.class.getName(), "2"), tmp, 120);
        assertEquals(0, r.exitCode, r.toString());
        String report = r.stderr;
        assertTrue(report.contains("jprof \u00b7 wall-clock call tree"), report);
        assertTrue(report.contains("Program: " + GroundTruth.class.getName() + " 2"), report);
        assertTrue(report.contains("[thread] main"), report);
        assertTrue(report.contains("\u2514\u2500 ") && report.contains("GroundTruth.main  GroundTruth.java:"), report);
        assertTrue(report.contains("GroundTruth.cpuWork  GroundTruth.java:"), report);
        assertTrue(report.contains("frames hidden]  java.base"), report);
        assertTrue(!report.contains("jprof-sampler") && !report.contains("Reference Handler"), report);
    }
}

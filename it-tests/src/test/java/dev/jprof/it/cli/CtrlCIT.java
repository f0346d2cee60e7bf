package dev.jprof.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C (SIGINT to the whole process group, as a terminal sends it) in run mode and attach mode. */
class CtrlCIT {
    @TempDir
    Path dir;

    @Test
    void runModeWaitsForTheFullReportAndExitsWithTheTargetStatus() throws Exception {
        AttachIT.assumeSetsid();
        Cli.Run r = Cli.start(Cli.jprof(Cli.jdk17(), "--no-color", "-cp", Cli.TEST_CLASSES, CliTarget.class.getName(), "serve"),
                Cli.env(dir), true);
        try {
            r.awaitOut("ready");
            r.interruptGroup();
            assertEquals(130, r.exitStatus(), "the JVM's status after SIGINT" + r.describe());
            assertTrue(r.err().contains("Program: dev.jprof.it.cli.CliTarget serve"), r.describe());
            assertTrue(r.err().contains("CliTarget.cliTargetWork"), r.describe());
            assertTrue(r.err().contains("jprof --load-prev "), "the report is complete, hint included" + r.describe());
        } finally {
            r.kill();
        }
    }

    @Test
    void sigtermToTheLauncherAloneIsForwardedToTheProgram() throws Exception {
        Cli.Run r = Cli.start(Cli.jprof(Cli.jdk17(), "--no-color", "-cp", Cli.TEST_CLASSES, CliTarget.class.getName(), "serve"),
                Cli.env(dir), false);
        try {
            r.awaitOut("ready");
            Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(r.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
            assertEquals(143, r.exitStatus(), "the program's status after the forwarded SIGTERM" + r.describe());
            assertTrue(r.err().contains("CliTarget.cliTargetWork"), r.describe());
            assertTrue(r.err().contains("jprof --load-prev "), r.describe());
        } finally {
            r.kill();
        }
    }

    @Test
    void attachModeStopsTheProfileAndPrintsTheReport() throws Exception {
        AttachIT.assumeSetsid();
        Cli.Run target = Cli.start(Cli.target(Cli.jdk25(), List.of("-XX:+EnableDynamicAgentLoading"), "serve"),
                Cli.env(dir), false);
        try {
            target.awaitOut("ready");
            String pid = Long.toString(target.pid());
            Cli.Run cli = Cli.start(Cli.jprof(Cli.jdk17(), "attach", pid, "--no-color"), Cli.env(dir), true);
            cli.awaitErr("press Ctrl-C");
            cli.interruptGroup();
            assertEquals(0, cli.exitStatus(), cli.describe());
            assertTrue(cli.out().contains("CliTarget.cliTargetWork"), cli.describe());
            assertTrue(!cli.err().contains("EnableDynamicAgentLoading"), "the target allows dynamic agents" + cli.describe());
            assertTrue(!target.err().contains("WARNING"), target.describe());

            Cli.Run status = Cli.run(Cli.jprof(Cli.jdk17(), "attach", pid, "status"), Cli.env(dir), "");
            assertEquals(0, status.exitStatus(), status.describe());
            assertTrue(status.out().contains("not profiling"), status.describe());
            assertTrue(target.process.isAlive(), "Ctrl-C in the CLI does not stop the target");
        } finally {
            target.kill();
        }
    }
}

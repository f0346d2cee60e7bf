package dev.jprof.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.Session;
import dev.jprof.it.programs.Spin;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JFR's stacks name exact inlined lines only with -XX:+DebugNonSafepoints: run mode adds it; under -javaagent
 * the report says once how to add it (JDK 25).
 */
class RunModeDebugInfoIT {
    private static final String NOTE = "Note: for exact hot lines add -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints";

    @TempDir
    Path dir;

    @Test
    void runModeStartsTheJvmWithDebugNonSafepoints() throws Exception {
        Path out = dir.resolve("spin.jprof");
        Cli.Run r = Cli.run(Cli.jprof(Cli.jdk25(), "--java", Cli.jdk25().toString(), "-o", out.toString(), "--stack-source", "jfr", "--",
                "-cp", Cli.TEST_CLASSES, Spin.class.getName(), "3000"), Cli.env(dir.resolve("data")), "");
        assertEquals(0, r.exitStatus(), r.describe());
        String sampler = Session.load(out).sampler();
        assertTrue(sampler.contains("of running windows from JFR"), sampler);
        assertFalse(sampler.contains("without DebugNonSafepoints"), sampler);
    }

    @Test
    void theJavaagentReportSaysOnceHowToAddIt() throws Exception {
        Cli.Run spin = Cli.run(List.of(Cli.java(Cli.jdk25()), "-javaagent:" + Cli.AGENT + "=stack_source=jfr,color=false", "-cp",
                Cli.TEST_CLASSES, Spin.class.getName(), "3000"), Cli.env(dir.resolve("data")), "");
        assertEquals(0, spin.exitStatus(), spin.describe());
        assertEquals(1, spin.err().lines().filter(l -> l.startsWith(NOTE)).count(), spin.describe());
    }
}

package dev.jprof.it.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a program ({@link RenderTarget} unless told) in a fresh JVM with the built agent writing one report file. */
final class AgentRun {
    private AgentRun() {
    }

    /** The {@code java} of the JVM running the tests. */
    static String currentJava() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Profiles {@link RenderTarget} and returns the report.
     *
     * @param java      the java executable
     * @param outfile   where the agent writes (its extension picks the renderer unless agentArgs names one)
     * @param agentArgs further agent options, e.g. {@code renderer=collapsed}; may be empty
     */
    static Path profile(String java, Path outfile, String agentArgs) throws IOException, InterruptedException {
        return profile(java, outfile, agentArgs, RenderTarget.class, "600");
    }

    /** As above, for any program of the test classes and its arguments. */
    static Path profile(String java, Path outfile, String agentArgs, Class<?> main, String... args)
            throws IOException, InterruptedException {
        String agentJar = System.getProperty("jprof.agent.jar");
        String classes = System.getProperty("jprof.test.classes");
        assertTrue(agentJar != null && Files.isRegularFile(Paths.get(agentJar)), "agent jar not built: " + agentJar);
        String options = "interval=5ms,outfile=" + outfile + (agentArgs.isEmpty() ? "" : "," + agentArgs);
        List<String> command = new ArrayList<>(List.of(java, "-javaagent:" + agentJar + "=" + options,
                "-cp", classes, main.getName()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("jprof-render-run", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean exited = p.waitFor(60, TimeUnit.SECONDS);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (!exited) {
            p.destroyForcibly();
        }
        assertTrue(exited, "target did not exit within 60 s; output:\n" + output);
        assertEquals(0, p.exitValue(), "target failed; output:\n" + output);
        assertTrue(Files.size(outfile) > 0, "no report at " + outfile + "; output:\n" + output);
        return outfile;
    }
}

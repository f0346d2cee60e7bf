package dev.jprof.cli;

import dev.jprof.Session;
import dev.jprof.agent.AgentOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Run mode: starts the program in a JVM of its own with {@code -javaagent:jprof.jar=...}, passes its
 * stdin, stdout, stderr and exit status through, and shows the report. With an outfile the agent writes
 * the report itself; for the terminal the agent saves the session to a temporary file and the CLI renders
 * it, so the session can also be kept for {@code --load-prev}.
 */
final class TargetLauncher {
    private final String java;
    private final String agentJar;
    private final ReportOutput output;
    private final PrintStream err;

    /**
     * JIT debug information at every instruction, not only at safepoints: JFR's execution samples (stack_source)
     * then name the exact inlined method and line instead of the nearest safepoint's. Costs compiler memory only.
     */
    static final List<String> JIT_DEBUG_INFO = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints");

    TargetLauncher(String java, String agentJar, ReportOutput output, PrintStream err) {
        this.java = java;
        this.agentJar = agentJar;
        this.output = output;
        this.err = err;
    }

    /**
     * @param options      profiling options
     * @param javaArguments what follows {@code java}: JVM options, then {@code -jar app.jar} or a main class, then arguments
     * @return the program's exit status
     */
    int run(ProfileOptions options, List<String> javaArguments) throws IOException {
        AgentOptions render = ProfileOptions.parse(options.allArgs());
        Path sessionFile = null;
        AgentArgString agentArgs;
        if (render.outfile() != null) {
            agentArgs = options.allArgs();
        } else {
            Path dir = Files.createTempDirectory("jprof-run-");
            sessionFile = dir.resolve("profile" + Session.EXTENSION);
            agentArgs = options.recordArgs().add("renderer", "session").add("outfile", sessionFile.toString())
                    .add("quiet", "true");
        }
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-javaagent:" + agentJar + "=" + agentArgs);
        command.addAll(JIT_DEBUG_INFO);
        command.addAll(javaArguments);
        Process process;
        try {
            process = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            throw new CliException(CliException.FAILED, "could not start " + java + ": " + e.getMessage());
        }
        Path session = sessionFile;
        ExitGuard guard = new ExitGuard(() -> finish(process, session, render, javaArguments))
                .install(() -> stop(process));
        return guard.complete();
    }

    /**
     * The CLI is exiting early (Ctrl-C, SIGTERM): with Ctrl-C the program got SIGINT too and is writing its
     * report; give it a moment before forwarding SIGTERM, so that its own exit status is kept.
     */
    private static void stop(Process process) {
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (InterruptedException e) {
            process.destroy();
        }
    }

    private int finish(Process process, Path sessionFile, AgentOptions render, List<String> javaArguments)
            throws InterruptedException {
        int status = process.waitFor();
        if (sessionFile == null) {
            return status;
        }
        try {
            if (!Files.isRegularFile(sessionFile)) {
                String jar = missingJar(javaArguments);
                err.println(jar != null ? "jprof: no such jar: " + jar
                        : "jprof: the program ended without writing its profile (killed, or the agent could not start)");
                return status;
            }
            if (Files.size(sessionFile) == 0) {
                return status; // the agent has said why there is no profile (the program did not start)
            }
            output.write(SessionFiles.load(sessionFile), render, true);
        } catch (IOException e) {
            err.println("jprof: could not read the profile: " + e.getMessage());
        } catch (CliException e) {
            err.println("jprof: " + e.getMessage());
        } finally {
            deleteQuietly(sessionFile);
            deleteQuietly(sessionFile.getParent());
        }
        return status;
    }

    /** The jar after {@code -jar} when there is no such file (java then says only that it cannot access it). */
    static String missingJar(List<String> javaArguments) {
        int at = javaArguments.indexOf("-jar");
        if (at < 0 || at + 1 >= javaArguments.size()) {
            return null;
        }
        String jar = javaArguments.get(at + 1);
        return Files.isRegularFile(Path.of(jar)) ? null : jar;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a leftover temporary file is harmless
        }
    }
}

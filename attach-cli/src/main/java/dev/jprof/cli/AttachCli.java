package dev.jprof.cli;

import dev.jprof.Session;
import dev.jprof.agent.AgentOptions;
import dev.jprof.agent.AttachCommand;
import dev.jprof.agent.OptionException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jprof attach PID [start|stop|dump|status] [--duration D] [options]}. */
@Command(name = "jprof attach", descriptionHeading = "%n", optionListHeading = "%nOptions:%n", sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Profile a running JVM by attaching the jprof agent to it.",
            "Without an action: profile until --duration ends or Ctrl-C, then show the report.",
            "With an action: control a long-running profile; attaching again to the same JVM is fine.",
            "  start   start profiling and return",
            "  dump    show the report so far and keep profiling",
            "  stop    stop profiling and show the report",
            "  status  say whether a profile is running"},
        footer = {"", "Reports go to the terminal (stdout) unless -o is given.",
            "JDK 21+ targets print a warning about dynamically loaded agents unless started with -XX:+EnableDynamicAgentLoading."})
final class AttachCli implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PID", description = "the JVM's process id (jprof list shows them)")
    long pid;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ACTION", description = "start, stop, dump or status")
    String action;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", description = "profile this long, e.g. 30, 30s, 2m (no action only)")
    String duration;

    @Mixin
    ProfileOptions options = new ProfileOptions();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    private final String agentJar;
    private final ReportOutput output;
    private final PrintStream err;

    AttachCli(String agentJar, ReportOutput output, PrintStream err) {
        this.agentJar = agentJar;
        this.output = output;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        options.checkExclusive();
        AgentOptions render = ProfileOptions.parse(options.renderArgs());
        AttachCommand command = action == null ? null : parseAction(action);
        Duration wait = null;
        if (duration != null) {
            if (command != null) {
                throw new CliException(CliException.USAGE, "--duration is for profiling without an action; "
                        + "with '" + action + "' it means nothing");
            }
            try {
                wait = AgentOptions.duration("--duration", duration);
            } catch (OptionException e) {
                throw new CliException(CliException.USAGE, e.getMessage());
            }
        }
        AgentConnection.checkCanAttach(pid);
        AgentConnection connection = new AgentConnection(agentJar, pid, err);
        try {
            if (command == null) {
                return profileFor(connection, wait, render);
            }
            return control(connection, command, render);
        } finally {
            connection.close();
        }
    }

    private int control(AgentConnection connection, AttachCommand command, AgentOptions render) {
        switch (command) {
            case START:
                connection.send(AttachCommand.START, options.recordArgs());
                err.println("jprof: profiling pid " + pid + "; see the report with: jprof attach " + pid
                        + " dump|stop [options]");
                return 0;
            case STATUS: {
                Properties reply = connection.send(AttachCommand.STATUS, new AgentArgString());
                System.out.println(describeStatus(reply));
                return 0;
            }
            default:
                report(connection, command, render);
                return 0;
        }
    }

    private String describeStatus(Properties reply) {
        StringBuilder s = new StringBuilder("pid " + pid + " (Java " + reply.getProperty("java_version") + "): "
                + reply.getProperty("message"));
        if (reply.getProperty("samples") != null) {
            s.append(String.format(Locale.ROOT, " for %s s, %s samples every %.1f ms", reply.getProperty("duration"),
                    reply.getProperty("samples"), Double.parseDouble(reply.getProperty("interval")) * 1000));
        }
        return s.toString();
    }

    private int profileFor(AgentConnection connection, Duration wait, AgentOptions render) throws Exception {
        // With a duration the agent stops by itself and writes the session here: one attach, so a JDK 21+
        // target prints its dynamic-agent warning once. Ctrl-C before then stops it with a second attach.
        Path timed = connection.file("timed" + Session.EXTENSION);
        AgentArgString start = options.recordArgs();
        if (wait != null) {
            start.add("duration", wait.toMillis() + "ms").add("renderer", "session").add("outfile", timed.toString());
        }
        connection.send(AttachCommand.START, start);
        CompletableFuture<ProcessHandle> exited = ProcessHandle.of(pid).map(ProcessHandle::onExit)
                .orElse(CompletableFuture.completedFuture(null));
        ExitGuard guard = new ExitGuard(() -> {
            // On Ctrl-C the hook halts the JVM after this: clean up here, not in call()'s finally.
            try {
                if (Files.isRegularFile(timed)) {
                    output.write(SessionFiles.load(timed), render, true);
                    return 0;
                }
                if (exited.isDone()) {
                    throw new CliException(CliException.FAILED, "the JVM " + pid + " exited before the report was collected");
                }
                report(connection, AttachCommand.STOP, render);
                return 0;
            } finally {
                connection.close();
            }
        }).install(() -> { });
        // Only now, with the guard in place, may the user (or a test) press Ctrl-C.
        err.println("jprof: profiling pid " + pid + (wait == null ? "; press Ctrl-C to stop and see the report"
                : " for " + wait.toMillis() / 1000.0 + " s (Ctrl-C stops early)"));
        try {
            if (wait == null) {
                exited.get();
            } else {
                // The agent's report, or a stop of our own when it is this late (a stalled target).
                long giveUp = System.nanoTime() + wait.toNanos() + TimeUnit.SECONDS.toNanos(30);
                while (!Files.isRegularFile(timed) && !exited.isDone() && System.nanoTime() < giveUp) {
                    try {
                        exited.get(50, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                        // look again
                    }
                }
            }
        } catch (ExecutionException e) {
            // cannot happen for onExit; report what was recorded
        }
        return guard.complete();
    }

    private void report(AgentConnection connection, AttachCommand command, AgentOptions render) {
        Path file = connection.file(command.word() + Session.EXTENSION);
        connection.send(command, new AgentArgString().add("renderer", "session").add("outfile", file.toString()));
        output.write(SessionFiles.load(file), render, true);
    }

    private static AttachCommand parseAction(String action) {
        try {
            return AttachCommand.parse(action);
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, "unknown action '" + action + "'; use start, stop, dump or status");
        }
    }
}

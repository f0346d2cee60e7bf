package dev.jprof.cli;

import dev.jprof.Session;
import dev.jprof.agent.AgentOptions;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Command mode, {@code jprof [options] -- COMMAND [ARGS...]}: runs any command with the agent in
 * {@code JAVA_TOOL_OPTIONS}, so every JVM it starts is profiled and reports when it exits. The agent's
 * options go in a file ({@code -javaagent:jprof.jar=@FILE}), which keeps the "Picked up
 * JAVA_TOOL_OPTIONS" line each JVM prints short. The command's stdin, stdout, stderr and exit status
 * pass through.
 */
final class CommandLauncher {
    /** How often jprof looks for reports of JVMs that exited. */
    private static final long POLL_MILLIS = 200;

    private final String agentJar;
    private final ReportOutput output;
    private final PrintStream err;
    private final Map<String, String> environment;

    CommandLauncher(String agentJar, ReportOutput output, PrintStream err, Map<String, String> environment) {
        this.agentJar = agentJar;
        this.output = output;
        this.err = err;
        this.environment = environment;
    }

    /**
     * Whether the word after an explicit {@code --} starts a command rather than a java command line: a
     * path (a class name never holds '/') or an executable on {@code PATH} (a main class is not one).
     */
    static boolean isCommand(String word, String path) {
        if (word.isEmpty() || word.startsWith("-")) {
            return false;
        }
        if (word.contains("/")) {
            return true;
        }
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Paths.get(dir.isEmpty() ? "." : dir, word);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param only    main-class globs ({@code --only}); empty profiles every JVM
     * @param command the command and its arguments
     * @return the command's exit status
     */
    int run(ProfileOptions options, List<String> only, List<String> command) throws IOException {
        if (options.outfile != null) {
            if (!options.outfile.contains("%p")) {
                throw new CliException(CliException.USAGE, "-o " + options.outfile + ": every JVM of the command writes"
                        + " its own report; put %p (the pid) in the name, e.g. -o profile-%p." + extension(options.outfile));
            }
            // A JVM's working directory may not be jprof's (a surefire fork runs in the module's directory).
            options.outfile = Paths.get(options.outfile).toAbsolutePath().toString();
        }
        AgentOptions render = ProfileOptions.parse(options.allArgs());
        Path dir = Files.createTempDirectory("jprof-cmd-");
        Path log = dir.resolve("reports.log");
        Process process;
        try {
            AgentArgString agentArgs = agentArgs(options, render, dir).add("report_log", log.toString())
                    .add("quiet", "true");
            for (String glob : only) {
                agentArgs.add("main", glob);
            }
            ProfileOptions.parse(agentArgs); // the agent would refuse them in every JVM; refuse once, here
            Path optionsFile = dir.resolve("agent.options");
            Files.write(optionsFile, optionsFileText(agentArgs).getBytes(StandardCharsets.UTF_8));
            process = start(command, optionsFile);
        } catch (IOException | RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
        CommandReports reports = new CommandReports(log, output, render, render.outfile() == null, err);
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jprof-reports");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(reports::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        ExitGuard guard = new ExitGuard(() -> {
            int status = process.waitFor();
            poller.shutdown();
            poller.awaitTermination(10, TimeUnit.SECONDS);
            reports.awaitExiting(render.exitTimeout().plusSeconds(5));
            reports.summary(only);
            if (!reports.someStillRunning()) {
                deleteTree(dir);
            }
            return status;
        }).install(() -> stop(process));
        return guard.complete();
    }

    private Process start(List<String> command, Path optionsFile) {
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().put("JAVA_TOOL_OPTIONS",
                JavaToolOptions.withAgent(environment.get("JAVA_TOOL_OPTIONS"), agentJar, optionsFile.toString()));
        try {
            return pb.start();
        } catch (IOException e) {
            String reason = String.valueOf(e.getMessage());
            // "Cannot run program "x": error=2, No such file or directory": the reason is the part after the errno
            String why = reason.matches("(?s).*error=\\d+, .*") ? reason.replaceFirst("(?s).*error=\\d+, ", "") : reason;
            throw new CliException(CliException.USAGE, "cannot run " + command.get(0) + ": " + why);
        }
    }

    /** The agent keys: the user's options, or for the terminal, sessions saved in jprof's directory. */
    private static AgentArgString agentArgs(ProfileOptions options, AgentOptions render, Path dir) {
        if (render.outfile() == null) {
            return options.recordArgs().add("renderer", "session")
                    .add("outfile", dir.resolve("%p" + Session.EXTENSION).toString());
        }
        return options.allArgs();
    }

    /** One {@code key=value} a line, as {@code @FILE} reads them: no escaping. */
    static String optionsFileText(AgentArgString args) {
        StringBuilder text = new StringBuilder("# jprof -- COMMAND: agent options for every JVM the command starts\n");
        for (String pair : args.lines()) {
            if (pair.indexOf('\n') >= 0 || pair.indexOf('\r') >= 0) {
                throw new CliException(CliException.USAGE, "an option value holds a line break: " + pair.strip());
            }
            text.append(pair).append('\n');
        }
        return text.toString();
    }

    private static String extension(String file) {
        String name = Paths.get(file).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "txt" : name.substring(dot + 1);
    }

    /**
     * jprof is exiting early (Ctrl-C, SIGTERM): the terminal sent SIGINT to the command's JVMs too and they
     * are writing their reports; give them the time they may take before stopping the command.
     */
    private static void stop(Process process) {
        try {
            if (!process.waitFor(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
            }
        } catch (InterruptedException e) {
            process.destroy();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}

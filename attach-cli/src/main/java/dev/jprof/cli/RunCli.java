package dev.jprof.cli;

import dev.jprof.Session;
import dev.jprof.agent.AgentOptions;
import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jprof [options] -jar app.jar|MainClass [args]}, {@code jprof --load FILE}, {@code jprof --load-prev ID}. */
@Command(name = "jprof", descriptionHeading = "%n", optionListHeading = "%nOptions:%n", sortOptions = false, usageHelpAutoWidth = true,
        synopsisHeading = "Usage: ", customSynopsis = {
            "jprof [options] [java options] -jar app.jar [args...]",
            "       jprof [options] [java options: -cp, -Xmx, -D...] Main [args...]",
            "       jprof [options] [--only GLOB] -- COMMAND [args...]   (e.g. mvn test)",
            "       jprof --load FILE | --load-prev [ID] [options]",
            "       jprof attach PID [start|stop|dump|status] [--duration D] [options]",
            "       jprof list",
            "       jprof combine A.jprof B.jprof... -o OUT.jprof",
            "       jprof diff A.jprof B.jprof [-o diff.html] [options]",
            "       jprof demo [options]   (or jprof alone: profile a built-in demo)",
            "       bin/jprof install       (link jprof into ~/.local/bin)"},
        description = "Profiles a Java program: where the wall-clock time went, as a call tree.",
        footer = {"",
            "jprof's options come first; the first argument that is not one of them starts the java command line, which is passed to the target JVM unchanged (use '--' to end jprof's options explicitly).",
            "",
            "After '--', an executable (a path, or a name found on PATH, such as mvn, gradle, java or ./run.sh) starts a command instead: it runs with the agent in JAVA_TOOL_OPTIONS, every JVM it starts reports when it exits, and jprof lists them at the end.",
            "",
            "Text reports of a run go to stderr, beside the program's own output, and are saved for --load-prev; re-rendered sessions (--load, --load-prev) go to stdout. An HTML report without -o is written to a temporary file and opened with $BROWSER or xdg-open.",
            "",
            "See also: jprof attach --help, jprof diff --help"})
final class RunCli implements Callable<Integer> {
    @Mixin
    ProfileOptions options = new ProfileOptions();

    @Option(names = "--load", paramLabel = "FILE", description = "re-render a saved session (.jprof)")
    String load;

    @Option(names = "--load-prev", paramLabel = "ID", arity = "0..1", fallbackValue = SessionStore.LATEST,
            description = "re-render a session saved after a text report (default: the latest)")
    String loadPrev;

    @Option(names = "--java", paramLabel = "JAVA",
            description = "the java executable, or a JDK directory, that runs the program (default: the one running jprof: $JAVA_HOME/bin/java, else java on PATH)")
    String java;

    @Option(names = "--only", paramLabel = "GLOB",
            description = "with -- COMMAND: profile only JVMs whose main class matches, e.g. 'org.apache.maven.surefire.*' (repeatable)")
    List<String> only = new ArrayList<>();

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "print jprof's version")
    boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Parameters(paramLabel = "JAVA_COMMAND", arity = "0..*", hidden = true)
    List<String> target = new ArrayList<>();

    private final String agentJar;
    private final ReportOutput terminalReports;
    private final ReportOutput loadReports;
    /** Set when jprof's options were ended by an explicit {@code --}: what follows may be a command. */
    boolean explicitEnd;

    RunCli(String agentJar, ReportOutput terminalReports, ReportOutput loadReports) {
        this.agentJar = agentJar;
        this.terminalReports = terminalReports;
        this.loadReports = loadReports;
    }

    @Override
    public Integer call() throws Exception {
        options.checkExclusive();
        if (load != null && loadPrev != null) {
            throw new CliException(CliException.USAGE, "--load and --load-prev cannot be used together; use one");
        }
        if (load != null || loadPrev != null) {
            if (!target.isEmpty()) {
                throw new CliException(CliException.USAGE, "--load" + (load != null ? "" : "-prev")
                        + " re-renders a saved session; it cannot also run '" + String.join(" ", target) + "'");
            }
            if (options.interval != null || options.asyncMode != null || options.maxOverhead != null
                    || options.maxMemory != null) {
                throw new CliException(CliException.USAGE, "--interval, --async-mode, --max-overhead and --max-memory apply"
                        + " when profiling, not to a loaded session");
            }
            AgentOptions render = ProfileOptions.parse(options.renderArgs());
            Session session = load != null ? SessionFiles.load(Paths.get(load)) : SessionStore.forUser().load(loadPrev);
            loadReports.write(session, render, false);
            return 0;
        }
        if (target.isEmpty()) {
            throw new CliException(CliException.USAGE, "nothing to profile: give -jar app.jar or a main class (jprof --help)");
        }
        if (explicitEnd && CommandLauncher.isCommand(target.get(0), System.getenv("PATH"))) {
            if (java != null) {
                throw new CliException(CliException.USAGE, "--java picks the java of a program jprof starts itself;"
                        + " with -- COMMAND the command starts its own JVMs");
            }
            return new CommandLauncher(agentJar, terminalReports, System.err, System.getenv()).run(options, only, target);
        }
        if (!only.isEmpty()) {
            throw new CliException(CliException.USAGE, "--only picks the JVMs of a command: jprof --only GLOB -- COMMAND");
        }
        return new TargetLauncher(javaExecutable(java), agentJar, terminalReports, System.err).run(options, target);
    }

    /**
     * Whether {@link Main#splitTargetCommand} ended jprof's options at an explicit {@code --} of the user's
     * rather than one it inserted before the first non-option.
     */
    static boolean endedExplicitly(String[] args, String[] split) {
        int at = Arrays.asList(split).indexOf("--");
        return at >= 0 && at < args.length && args[at].equals("--");
    }

    /** The java that runs the target: {@code --java} (executable or JDK home), else the CLI's own. */
    static String javaExecutable(String configured) {
        if (configured == null) {
            return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        }
        Path p = Paths.get(configured);
        if (new File(configured).isDirectory()) {
            p = p.resolve("bin").resolve("java");
        }
        if (!p.toFile().canExecute()) {
            throw new CliException(CliException.USAGE, "--java " + configured + ": no java executable there");
        }
        return p.toString();
    }
}

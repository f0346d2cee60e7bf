package dev.jprof.cli;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code jprof} command: run a program under the profiler, re-render saved sessions, compare two,
 * attach to a running JVM, list JVMs. With no arguments it profiles the built-in demo.
 */
public final class Main {
    /** Long options java itself knows; any other {@code --word} before the program is a mistyped jprof option. */
    private static final Set<String> JAVA_LONG_OPTIONS = Set.of("--class-path", "--module-path", "--upgrade-module-path",
            "--add-modules", "--enable-native-access", "--limit-modules", "--list-modules", "--describe-module",
            "--dry-run", "--validate-modules", "--add-reads", "--add-exports", "--add-opens", "--patch-module",
            "--illegal-access", "--source", "--enable-preview", "--disable-@files", "--show-version",
            "--show-module-resolution", "--finalization", "--sun-misc-unsafe-memory-access", "--module",
            "--illegal-native-access", "--enable-final-field-mutation");

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args);
        System.out.flush();
        System.exit(status);
    }

    static int run(String[] args) {
        ReportOutput toStderr = new ReportOutput(System.err, System.err, SessionStore.forUser(), Browser.fromEnvironment());
        ReportOutput toStdout = new ReportOutput(System.out, System.err, SessionStore.forUser(), Browser.fromEnvironment());
        if (args.length == 0) {
            args = new String[] {"demo"};
        }
        String first = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (first) {
            case "attach":
                return execute(new CommandLine(new AttachCli(agentJar(), toStdout, System.err)), rest);
            case "list":
                return execute(new CommandLine(new ListCli()), rest);
            case "combine":
                return execute(new CommandLine(new CombineCli()), rest);
            case "diff":
                return execute(new CommandLine(new DiffCli(System.out, System.err, SessionStore.forUser(),
                        Browser.fromEnvironment())), rest);
            default:
                RunCli runCli = new RunCli(agentJar(), toStderr, toStdout);
                CommandLine run = new CommandLine(runCli);
                run.getCommandSpec().version("jprof " + version());
                String[] split;
                try {
                    if (first.equals("demo")) {
                        args = DemoCommand.runArguments(run.getCommandSpec(), rest);
                    }
                    split = splitTargetCommand(run.getCommandSpec(), args);
                } catch (CliException e) {
                    System.err.println("jprof: " + e.getMessage());
                    return e.status();
                }
                runCli.explicitEnd = RunCli.endedExplicitly(args, split);
                return execute(run, split);
        }
    }

    /**
     * jprof's options come first; the java command line starts at the first argument that is not one of
     * them. Inserting {@code --} there keeps picocli from reading java's options ({@code -cp}, {@code -Xmx})
     * or the program's arguments as jprof's.
     */
    static String[] splitTargetCommand(CommandSpec spec, String[] args) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < args.length) {
            String a = args[i];
            if (a.equals("--")) {
                break;
            }
            int takes = optionArguments(spec, a);
            if (takes < 0) {
                if (a.startsWith("--") && !JAVA_LONG_OPTIONS.contains(a.split("=", 2)[0])) {
                    throw new CliException(CliException.USAGE, "unknown option '" + a + "' (jprof --help lists them;"
                            + " java's options come after jprof's)");
                }
                out.add("--");
                break;
            }
            if (takes == 1 && optionalValueAbsent(spec, a, i + 1 < args.length ? args[i + 1] : null)) {
                takes = 0;
            }
            for (int k = 0; k <= takes && i < args.length; k++) {
                out.add(args[i++]);
            }
        }
        for (; i < args.length; i++) {
            out.add(args[i]);
        }
        return out.toArray(new String[0]);
    }

    /** How many following arguments a jprof option takes, or -1 when {@code arg} is not a jprof option. */
    private static int optionArguments(CommandSpec spec, String arg) {
        if (!arg.startsWith("-") || arg.length() < 2) {
            return -1;
        }
        if (arg.startsWith("--")) {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            OptionSpec o = spec.findOption(name);
            if (o == null && name.startsWith("--no-")) {
                OptionSpec positive = spec.findOption("--" + name.substring(5));
                return positive != null && positive.negatable() ? 0 : -1;
            }
            if (o == null) {
                return -1;
            }
            return arg.contains("=") || o.arity().max() == 0 ? 0 : 1;
        }
        OptionSpec o = spec.findOption(arg.substring(0, 2));
        if (o == null || !o.names()[0].startsWith("-") || Arrays.stream(o.names()).noneMatch(n -> n.equals(arg.substring(0, 2)))) {
            return -1;
        }
        if (arg.length() == 2) {
            return o.arity().max() == 0 ? 0 : 1;
        }
        // "-oFILE": a stuck value; anything else after a one-letter flag is not ours (e.g. java's -cp, -ea).
        return o.arity().max() > 0 ? 0 : -1;
    }

    /** An option whose value is optional ({@code --load-prev [ID]}) followed by another option or nothing. */
    private static boolean optionalValueAbsent(CommandSpec spec, String option, String next) {
        OptionSpec o = option.startsWith("--") ? spec.findOption(option) : null;
        return o != null && o.arity().min() == 0 && (next == null || next.startsWith("-"));
    }

    static int execute(CommandLine cmd, String[] args) {
        cmd.setParameterExceptionHandler((e, a) -> {
            System.err.println("jprof: " + e.getMessage() + " (" + cmd.getCommandName() + " --help)");
            return CliException.USAGE;
        });
        cmd.setExecutionExceptionHandler((e, c, r) -> {
            if (e instanceof CliException) {
                System.err.println("jprof: " + e.getMessage());
                return ((CliException) e).status();
            }
            System.err.println("jprof: " + e);
            return CliException.FAILED;
        });
        return cmd.execute(args);
    }

    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** The agent jar: {@code -Djprof.agent.jar}, else the jar that holds the agent classes. */
    static String agentJar() {
        String configured = System.getProperty("jprof.agent.jar");
        if (configured != null && new File(configured).isFile()) {
            return new File(configured).getAbsolutePath();
        }
        return jarOf(dev.jprof.agent.Agent.class);
    }

    static String ownJar() {
        return jarOf(Main.class);
    }

    private static String jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the jar of " + type.getName(), e);
        }
    }
}

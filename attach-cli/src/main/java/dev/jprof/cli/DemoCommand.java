package dev.jprof.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jprof demo [options]}: run mode on the built-in demo program ({@code jprof} alone does the
 * same with no options), e.g. {@code jprof demo -o demo.html} or {@code jprof demo -r speedscope}.
 */
final class DemoCommand {
    private DemoCommand() {
    }

    /** The run-mode arguments for the demo with the user's jprof options first. */
    static String[] runArguments(CommandSpec run, String[] options) {
        for (String a : Main.splitTargetCommand(run, options)) {
            if (a.equals("--")) {
                throw new CliException(CliException.USAGE, "jprof demo takes jprof's options only (e.g. -o demo.html,"
                        + " -r speedscope); to profile your own program: jprof [options] -jar app.jar");
            }
        }
        List<String> args = new ArrayList<>(Arrays.asList(options));
        if (args.stream().noneMatch(a -> a.equals("--target-description") || a.startsWith("--target-description="))) {
            args.addAll(List.of("--target-description", "jprof demo"));
        }
        args.addAll(List.of("--", "-cp", Main.ownJar(), dev.jprof.cli.demo.Demo.class.getName()));
        return args.toArray(new String[0]);
    }
}

package dev.jprof.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options that choose how a session is shown, not what is recorded: shared by run, load and attach
 * (through {@link ProfileOptions}) and by {@code jprof diff}. They become agent keys, so they mean the same
 * wherever they are given.
 */
final class ViewOptions {
    @Option(names = {"-p", "--render-option"}, paramLabel = "KEY=VALUE",
            description = "an option for the renderer, passed on as render_option (repeatable)")
    List<String> renderOptions = new ArrayList<>();

    @Option(names = {"-t", "--timeline"}, description = "keep samples in time order instead of aggregating repeated calls")
    boolean timeline;

    @Option(names = "--hide", paramLabel = "GLOB", description = "hide frames whose location path matches, e.g. '*/jackson-*'")
    String hide;

    @Option(names = "--hide-regex", paramLabel = "REGEX", description = "hide frames whose location path matches REGEX")
    String hideRegex;

    @Option(names = "--show", paramLabel = "GLOB", description = "show frames whose location path matches, even library ones")
    String show;

    @Option(names = "--show-regex", paramLabel = "REGEX", description = "show frames whose location path matches REGEX")
    String showRegex;

    @Option(names = "--show-all", description = "show everything: library frames, plumbing and tiny nodes")
    boolean showAll;

    @Option(names = "--split-pools", description = "one row per pool thread instead of one [pool] row per pool")
    boolean splitPools;

    @Option(names = "--unicode", negatable = true, description = "text: box-drawing characters (default: detected)")
    Boolean unicode;

    @Option(names = "--color", negatable = true, description = "text: ANSI colours (default: detected)")
    Boolean color;

    /** Refuses combinations that cannot both hold, naming the CLI options. */
    void checkExclusive() {
        exclusive(hide, "--hide", hideRegex, "--hide-regex");
        exclusive(show, "--show", showRegex, "--show-regex");
    }

    private static void exclusive(Object a, String aName, Object b, String bName) {
        if (a != null && b != null) {
            throw new CliException(CliException.USAGE, aName + " and " + bName + " cannot be used together; use one");
        }
    }

    /** Adds these options to agent arguments as their agent keys. */
    void addTo(AgentArgString a) {
        ProfileOptions.optional(a, "hide", hide);
        ProfileOptions.optional(a, "hide_regex", hideRegex);
        ProfileOptions.optional(a, "show", show);
        ProfileOptions.optional(a, "show_regex", showRegex);
        if (showAll) {
            a.add("show_all", "true");
        }
        if (splitPools) {
            a.add("split_pools", "true");
        }
        if (timeline) {
            a.add("timeline", "true");
        }
        if (unicode != null) {
            a.add("unicode", unicode.toString());
        }
        if (color != null) {
            a.add("color", color.toString());
        }
        if (!renderOptions.isEmpty()) {
            ProfileOptions.requireAgentKey("render_option", "-p/--render-option");
            for (String option : renderOptions) {
                a.add("render_option", option);
            }
        }
    }
}

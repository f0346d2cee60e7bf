package dev.jprof.agent;

import dev.jprof.renderers.RenderOptionParser;
import dev.jprof.renderers.Renderers;
import dev.jprof.sampling.PlatformStackSource;
import dev.jprof.sampling.StackSourceKind;
import dev.jprof.sampling.StackWalk;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every agent key, declared once: name, {@link OptionKind kind}, value placeholder, default and help.
 * Parsing, {@code help}, the CLI's checks and the docs all read this table, so they cannot disagree.
 *
 * <p>To add a key: add one {@code row(...)} line below, in the group it belongs to, then a getter in
 * {@link AgentOptions} that reads it ({@code text("key")}, {@code duration("key")}, ...). Nothing else:
 * the value is parsed and checked by its kind. A kind that does not exist yet goes in {@link OptionKind}.
 */
final class AgentOptionTable {
    /** One agent key. */
    static final class Row {
        final String name;
        final OptionKind kind;
        final String metavar;
        /** The default as the user would write it, or null for none (the getter says what none means). */
        final String defaultText;
        final String help;
        final String[] choices;

        Row(String name, OptionKind kind, String metavar, String defaultText, String help, String[] choices) {
            this.name = name;
            this.kind = kind;
            this.metavar = metavar;
            this.defaultText = defaultText;
            this.help = help;
            this.choices = choices;
        }
    }

    private static final Map<String, Row> ROWS = new LinkedHashMap<>();
    /*
     * Placeholders for lists another class knows, filled in when the help is printed: the table loads in every
     * JVM's premain, and loading the renderers and render options there to name them cost start-up time.
     */
    private static final String RENDERERS = "{renderers}";
    private static final String RENDER_OPTIONS = "{render_options}";

    static {
        // ---- where and how the report is written ----
        row("renderer", OptionKind.NAME, "NAME", null, "how the report is rendered: " + RENDERERS
                + ", or a Renderer class name (default: from the outfile extension, else text)");
        row("outfile", OptionKind.NAME, "PATH", null, "write the report here instead of stderr; %p = pid, %t = timestamp");
        // ---- what is recorded ----
        row("interval", OptionKind.INTERVAL, "DURATION", "10ms", "time between samples, e.g. 10ms, 500us, 0.01 (seconds)");
        // ---- how the tree is shown ----
        row("hide", OptionKind.NAME, "GLOB", null, "hide frames whose location path matches, e.g. '*/jackson-*'");
        row("hide_regex", OptionKind.REGEX, "REGEX", null, "hide frames whose location path matches this regex");
        row("show", OptionKind.NAME, "GLOB", null, "show frames whose location path matches, even if hidden otherwise");
        row("show_regex", OptionKind.REGEX, "REGEX", null, "show frames whose location path matches this regex");
        row("show_all", OptionKind.BOOL, "[BOOL]", null, "show everything: library frames, plumbing and tiny nodes");
        row("split_pools", OptionKind.BOOL, "[BOOL]", null, "one row per pool thread instead of one [pool] row per pool");
        row("timeline", OptionKind.BOOL, "[BOOL]", null, "keep samples in time order instead of aggregating repeated calls");
        row("unicode", OptionKind.BOOL, "[BOOL]", null, "text: box-drawing characters (default: detected)");
        row("color", OptionKind.BOOL, "[BOOL]", null, "text: ANSI colours (default: detected)");
        row("time", OptionKind.CHOICE_TEXT, "seconds|percent_of_total", null, "text: how frame times are shown");
        row("filter_threshold", OptionKind.NUMBER, "FRACTION", "0.01", "drop frames under this share of total time");
        // ---- how stacks are sampled ----
        row("async_mode", OptionKind.CHOICE_TEXT, "enabled|disabled|strict", "enabled", "enabled: virtual threads as"
                + " threads, waits as [await], no carrier as [carrier wait]; disabled: raw stacks; strict: as enabled");
        row("virtual_threads_per_tick", OptionKind.POSITIVE_INT, "N", String.valueOf(AgentOptions.DEFAULT_VIRTUAL_THREADS_PER_TICK),
                "virtual threads walked per tick besides the mounted ones, chosen at random");
        row("threads_per_tick", OptionKind.POSITIVE_INT, "N", String.valueOf(PlatformStackSource.DEFAULT_REWALKS_PER_TICK),
                "most platform threads walked again per tick, those waiting longest first (a thread's first walk is"
                        + " never put off)");
        row("max_overhead", OptionKind.SHARE, "PERCENT", "1%", "stretch the interval to keep the sampler's cost under"
                + " this share of wall time, e.g. 1% or 0.01; 0 disables");
        row("max_memory", OptionKind.SIZE, "SIZE", (AgentOptions.DEFAULT_MAX_MEMORY >> 20) + "m", "bound the recording's"
                + " memory, e.g. 32m, 512k, 1g; when full, older detail is aggregated");
        choiceRow("stack_walk", StackWalk.AUTO.option(), "how busy platform threads' stacks are taken: one batched"
                + " safepoint, or per-thread handshakes (auto: see README)", options(StackWalk.values(), StackWalk::option));
        choiceRow("stack_source", StackSourceKind.AUTO.option(), "where running threads' stacks come from: jfr (the"
                + " JVM's execution sampler, no safepoint bias), walk (jprof's walks), auto (walk on the JDKs"
                + " measured so far; see docs/SAMPLING.md)", options(StackSourceKind.values(), StackSourceKind::option));
        // ---- when ----
        row("duration", OptionKind.POSITIVE_DURATION, "DURATION", null, "profile for this long, then write the report"
                + " and stop sampling");
        row("delay", OptionKind.DURATION, "DURATION", "0s", "start profiling this long after the JVM starts");
        row("start", OptionKind.BOOL, "[BOOL]", "true", "start=false loads the agent idle; start it with: jprof attach PID start");
        row("loop", OptionKind.POSITIVE_DURATION, "DURATION", null, "write a report every window (needs outfile; use %n"
                + " or %t in it), e.g. loop=60s");
        row("keep", OptionKind.POSITIVE_INT, "N", null, "with loop: keep only the newest N reports, deleting older ones");
        row("signal", OptionKind.SIGNAL, "NAME", null, "write the report so far on this signal without stopping, e.g."
                + " signal=USR1 (then: kill -USR1 PID)");
        row("push", OptionKind.NAME, "URL", null, "also send every report (each loop window, signal or attach dump, and"
                + " the last) to a Pyroscope-compatible server, e.g. push=http://pyroscope:4040; auth from"
                + " JPROF_PUSH_TOKEN or JPROF_PUSH_USER/JPROF_PUSH_PASSWORD (see docs/fleet.md)");
        row("app_name", OptionKind.NAME, "NAME", null, "with push: the application name in Pyroscope (default: the main class)");
        row("label", OptionKind.LABEL, "KEY=VALUE", null, "with push: a label of every profile, repeatable, e.g. label=env=prod");
        row("probability", OptionKind.PROBABILITY, "P", "1", "profile this JVM with probability P (0..1), decided once at start-up");
        row("exit_timeout", OptionKind.POSITIVE_DURATION, "DURATION", AgentOptions.DEFAULT_EXIT_TIMEOUT.toSeconds() + "s",
                "longest time the report may hold up the JVM's exit");
        // ---- render options and the rest ----
        row("render_option", OptionKind.RENDER_OPTION, "OPTION", null, "a render option, repeatable: FLAG or KEY=JSON,"
                + " e.g. flat, time=percent_of_total, processor_options.filter_threshold=0; valid: "
                + RENDER_OPTIONS);
        row("p", OptionKind.RENDER_OPTION, "OPTION", null, "short for render_option");
        row("target_description", OptionKind.TEXT, "TEXT", null, "what the report header names as the program");
        row("command", OptionKind.CHOICE_TEXT, "start|stop|dump|status", null, "jprof attach only: control a profile"
                + " started by attaching");
        row("reply", OptionKind.NAME, "PATH", null, "jprof attach only: where the agent writes the result of a command");
        row("main", OptionKind.NAME, "GLOB", null, "profile this JVM only when its main class matches (repeatable: any"
                + " matches), e.g. main=org.apache.maven.surefire.*; otherwise the agent loads idle and prints nothing");
        row("report_log", OptionKind.NAME, "PATH", null, "append one line per JVM to PATH: where its report went"
                + " (jprof -- COMMAND lists them)");
        row("quiet", OptionKind.BOOL, "[BOOL]", null, "do not say where the report was written (the jprof command says it"
                + " instead)");
        row("help", OptionKind.FLAG, "", null, "print this help and run the program without profiling");
    }

    private AgentOptionTable() {
    }

    private static void row(String name, OptionKind kind, String metavar, String defaultText, String help) {
        ROWS.put(name, new Row(name, kind, metavar, defaultText, help, new String[0]));
    }

    private static void choiceRow(String name, String defaultText, String help, String... choices) {
        ROWS.put(name, new Row(name, OptionKind.CHOICE, String.join("|", choices), defaultText, help, choices));
    }

    private static <E extends Enum<E>> String[] options(E[] values, java.util.function.Function<E, String> option) {
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = option.apply(values[i]);
        }
        return out;
    }

    /** The row of a key as the user wrote it (case and dashes ignored), or null. */
    static Row find(String key) {
        return ROWS.get(key.toLowerCase(Locale.ROOT).replace('-', '_'));
    }

    static Row get(String name) {
        Row row = ROWS.get(name);
        if (row == null) {
            throw new IllegalStateException("no agent option " + name);
        }
        return row;
    }

    /** Every key, in the help's order. */
    static Set<String> names() {
        return Collections.unmodifiableSet(ROWS.keySet());
    }

    /** The help text listing every option. */
    static String helpText() {
        StringBuilder out = new StringBuilder();
        out.append("jprof agent options: -javaagent:jprof.jar=key=value,key=value,...\n");
        out.append("  A comma inside a value is written \\, ; @FILE reads key=value lines from FILE.\n\n");
        for (Row row : ROWS.values()) {
            String key = row.name + (row.metavar.isEmpty() ? "" : "=" + row.metavar);
            String help = row.help.replace(RENDERERS, String.join(", ", Renderers.names()))
                    .replace(RENDER_OPTIONS, String.join(", ", RenderOptionParser.names()))
                    + (row.defaultText == null ? "" : " (default " + row.defaultText + ")");
            out.append(String.format(Locale.ROOT, "  %-36s %s%n", key, help));
        }
        return out.toString();
    }
}

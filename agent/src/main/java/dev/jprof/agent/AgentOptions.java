package dev.jprof.agent;

import dev.jprof.ProcessorOptions;
import dev.jprof.Processors;
import dev.jprof.renderers.ConsoleRenderer;
import dev.jprof.renderers.RenderOptionParser;
import dev.jprof.renderers.RenderOptions;
import dev.jprof.renderers.Renderers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's options, parsed and checked from {@code -javaagent:jprof.jar=key=value,...}. Every key is
 * in one table with its help text, so {@code help}, validation and the docs agree.
 */
public final class AgentOptions {
    /** Default sampling interval of the agent (all threads); see README for the measurement behind it. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(10);

    private static final Map<String, Spec> SPECS = new LinkedHashMap<>();
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m|h)?");

    static {
        spec("renderer", "NAME", "how the report is rendered: " + String.join(", ", Renderers.names())
                + ", or a Renderer class name (default: from the outfile extension, else text)",
                (o, v) -> o.renderer = nonEmpty("renderer", v));
        spec("outfile", "PATH", "write the report here instead of stderr; %p = pid, %t = timestamp",
                (o, v) -> o.outfile = nonEmpty("outfile", v));
        spec("interval", "DURATION", "time between samples, e.g. 10ms, 500us, 0.01 (seconds); default "
                + DEFAULT_INTERVAL.toMillis() + "ms", (o, v) -> o.interval = interval(v));
        spec("hide", "GLOB", "hide frames whose location path matches, e.g. '*/jackson-*'",
                (o, v) -> o.hide = nonEmpty("hide", v));
        spec("hide_regex", "REGEX", "hide frames whose location path matches this regex",
                (o, v) -> o.hideRegex = regex("hide_regex", v));
        spec("show", "GLOB", "show frames whose location path matches, even if hidden otherwise",
                (o, v) -> o.show = nonEmpty("show", v));
        spec("show_regex", "REGEX", "show frames whose location path matches this regex",
                (o, v) -> o.showRegex = regex("show_regex", v));
        spec("show_all", "[BOOL]", "show everything: library frames, plumbing and tiny nodes",
                (o, v) -> o.render.showAll(bool("show_all", v)));
        spec("timeline", "[BOOL]", "keep samples in time order instead of aggregating repeated calls",
                (o, v) -> o.render.timeline(bool("timeline", v)));
        spec("unicode", "[BOOL]", "text: box-drawing characters (default: detected)",
                (o, v) -> o.render.unicode(bool("unicode", v)));
        spec("color", "[BOOL]", "text: ANSI colours (default: detected)",
                (o, v) -> o.render.color(bool("color", v)));
        spec("time", "seconds|percent_of_total", "text: how frame times are shown",
                (o, v) -> o.render.time(choice("time", v, ConsoleRenderer.TimeFormat::parse)));
        spec("filter_threshold", "FRACTION", "drop frames under this share of total time (default 0.01)",
                (o, v) -> o.processorOption("filter_threshold", number("filter_threshold", v)));
        spec("render_option", "OPTION", "a render option, repeatable: FLAG or KEY=JSON, e.g. flat, time=percent_of_total,"
                + " processor_options.filter_threshold=0; valid: " + String.join(", ", RenderOptionParser.names()),
                (o, v) -> o.renderOptionList.add(nonEmpty("render_option", v)));
        spec("p", "OPTION", "short for render_option", (o, v) -> o.renderOptionList.add(nonEmpty("p", v)));
        spec("target_description", "TEXT", "what the report header names as the program",
                (o, v) -> o.targetDescription = v);
        spec("help", "", "print this help and run the program without profiling", (o, v) -> o.help = true);
    }

    private String renderer;
    private String outfile;
    private Duration interval = DEFAULT_INTERVAL;
    private String hide;
    private String hideRegex;
    private String show;
    private String showRegex;
    private String targetDescription;
    private boolean help;
    private final RenderOptions render = new RenderOptions();
    private final Map<String, Object> processorOptionValues = new LinkedHashMap<>();
    private final List<String> renderOptionList = new ArrayList<>();

    private AgentOptions() {
    }

    /**
     * Parses agent arguments.
     *
     * @throws OptionException naming the key and what is valid
     */
    public static AgentOptions parse(String args) {
        AgentOptions o = new AgentOptions();
        for (AgentArgs.Pair pair : AgentArgs.split(args)) {
            Spec spec = SPECS.get(pair.key.toLowerCase(Locale.ROOT).replace('-', '_'));
            if (spec == null) {
                throw new OptionException("unknown option '" + pair.key + "'; valid options: "
                        + String.join(", ", SPECS.keySet()));
            }
            spec.apply.accept(o, pair.value);
        }
        o.finish();
        return o;
    }

    private void finish() {
        if (hide != null && hideRegex != null) {
            throw new OptionException("hide and hide_regex cannot be used together; use one");
        }
        if (show != null && showRegex != null) {
            throw new OptionException("show and show_regex cannot be used together; use one");
        }
        ProcessorOptions p = new ProcessorOptions();
        String hidePattern = hide != null ? Processors.globToRegex(hide) : hideRegex;
        String showPattern = show != null ? Processors.globToRegex(show) : showRegex;
        if (hidePattern != null) {
            p.hideRegex(hidePattern);
        }
        if (showPattern != null) {
            p.showRegex(showPattern);
        }
        processorOptionValues.forEach(p::set);
        render.processorOptions(p);
        // After the dedicated keys, so an explicit render option wins, as the last -p does in the CLI.
        for (String option : renderOptionList) {
            try {
                RenderOptionParser.apply(render, option);
            } catch (IllegalArgumentException e) {
                throw new OptionException(e.getMessage());
            }
        }
        if (renderer == null) {
            renderer = outfile != null ? Renderers.guessFromFileName(outfile) : "text";
        }
        // Fail now, not at exit: an unknown renderer must be reported while the user is watching.
        try {
            Renderers.create(renderer, render, false);
        } catch (IllegalArgumentException e) {
            throw new OptionException(e.getMessage());
        }
    }

    /** The help text listing every option. */
    public static String helpText() {
        StringBuilder out = new StringBuilder();
        out.append("jprof agent options: -javaagent:jprof.jar=key=value,key=value,...\n");
        out.append("  A comma inside a value is written \\, ; @FILE reads key=value lines from FILE.\n\n");
        for (Map.Entry<String, Spec> e : SPECS.entrySet()) {
            String key = e.getKey() + (e.getValue().value.isEmpty() ? "" : "=" + e.getValue().value);
            out.append(String.format(Locale.ROOT, "  %-36s %s%n", key, e.getValue().description));
        }
        return out.toString();
    }

    public String renderer() {
        return renderer;
    }

    public String outfile() {
        return outfile;
    }

    public Duration interval() {
        return interval;
    }

    public RenderOptions renderOptions() {
        return render;
    }

    public String targetDescription() {
        return targetDescription;
    }

    public boolean helpRequested() {
        return help;
    }

    private void processorOption(String key, Object value) {
        try {
            new ProcessorOptions().set(key, value);
        } catch (IllegalArgumentException e) {
            throw new OptionException(e.getMessage());
        }
        processorOptionValues.put(key, value);
    }

    // ---- value parsers; each throws an OptionException naming the key ----

    private static void spec(String key, String value, String description, BiConsumer<AgentOptions, String> apply) {
        SPECS.put(key, new Spec(value, description, apply));
    }

    static String nonEmpty(String key, String v) {
        if (v == null || v.isEmpty()) {
            throw new OptionException(key + " needs a value, e.g. " + key + "=" + SPECS.get(key).value);
        }
        return v;
    }

    static boolean bool(String key, String v) {
        if (v == null || v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes")) {
            return true;
        }
        if (v.equalsIgnoreCase("false") || v.equals("0") || v.equalsIgnoreCase("no")) {
            return false;
        }
        throw new OptionException(key + " must be true or false, got '" + v + "'");
    }

    static String regex(String key, String v) {
        nonEmpty(key, v);
        try {
            Pattern.compile(v);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new OptionException(key + " is not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex() + " of '" + v + "'");
        }
        return v;
    }

    static double number(String key, String v) {
        nonEmpty(key, v);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new OptionException(key + " must be a number, got '" + v + "'");
        }
    }

    static <T> T choice(String key, String v, java.util.function.Function<String, T> parse) {
        nonEmpty(key, v);
        try {
            return parse.apply(v);
        } catch (IllegalArgumentException e) {
            throw new OptionException(e.getMessage());
        }
    }

    /** Parses a duration such as {@code 10ms}, {@code 1.5s}, {@code 500us}; a bare number is seconds. */
    public static Duration duration(String key, String v) {
        nonEmpty(key, v);
        Matcher m = DURATION.matcher(v.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new OptionException(key + " must be a duration such as 10ms, 500us, 2s or 0.01 (seconds), got '" + v + "'");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double nanos;
        switch (unit) {
            case "ns": nanos = amount; break;
            case "us": nanos = amount * 1e3; break;
            case "ms": nanos = amount * 1e6; break;
            case "m": nanos = amount * 60e9; break;
            case "h": nanos = amount * 3600e9; break;
            default: nanos = amount * 1e9;
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    private static Duration interval(String v) {
        Duration d = duration("interval", v);
        if (d.toNanos() < 100_000 || d.toNanos() > 10_000_000_000L) {
            throw new OptionException("interval must be between 100us and 10s, got '" + v + "'");
        }
        return d;
    }

    private static final class Spec {
        final String value;
        final String description;
        final BiConsumer<AgentOptions, String> apply;

        Spec(String value, String description, BiConsumer<AgentOptions, String> apply) {
            this.value = value;
            this.description = description;
            this.apply = apply;
        }
    }
}

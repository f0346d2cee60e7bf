package dev.jprof.agent;

import dev.jprof.AsyncMode;
import dev.jprof.ProcessorOptions;
import dev.jprof.Processors;
import dev.jprof.renderers.ConsoleRenderer;
import dev.jprof.renderers.RenderOptionParser;
import dev.jprof.renderers.RenderOptions;
import dev.jprof.renderers.Renderers;
import dev.jprof.sampling.PlatformStackSource;
import dev.jprof.sampling.SampleStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's options, parsed and checked from {@code -javaagent:jprof.jar=key=value,...}. Every key is
 * in one table with its help text, so {@code help}, validation and the docs agree.
 */
public final class AgentOptions {
    /** Default sampling interval of the agent (all threads); see README for the measurement behind it. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(10);
    /** Default bound on how long writing the report may hold up the JVM's exit. */
    public static final Duration DEFAULT_EXIT_TIMEOUT = Duration.ofSeconds(15);
    /** Default bound on the sampler's cost, as a share of wall time. */
    public static final double DEFAULT_MAX_OVERHEAD = 0.01;
    /** Default bound on the sample store's memory, in bytes (see README: an hour of 50 threads stays under 64 MB of heap). */
    public static final long DEFAULT_MAX_MEMORY = SampleStore.DEFAULT_MAX_BYTES;
    /** Default bound on virtual-thread stack walks per tick. */
    public static final int DEFAULT_VIRTUAL_THREADS_PER_TICK = 8;

    private static final Map<String, Spec> SPECS = new LinkedHashMap<>();
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m|h)?");

    static {
        spec("renderer", "NAME", "how the report is rendered: " + String.join(", ", Renderers.names())
                + ", or a Renderer class name (default: from the outfile extension, else text)");
        spec("outfile", "PATH", "write the report here instead of stderr; %p = pid, %t = timestamp");
        spec("interval", "DURATION", "time between samples, e.g. 10ms, 500us, 0.01 (seconds); default "
                + DEFAULT_INTERVAL.toMillis() + "ms");
        spec("hide", "GLOB", "hide frames whose location path matches, e.g. '*/jackson-*'");
        spec("hide_regex", "REGEX", "hide frames whose location path matches this regex");
        spec("show", "GLOB", "show frames whose location path matches, even if hidden otherwise");
        spec("show_regex", "REGEX", "show frames whose location path matches this regex");
        spec("show_all", "[BOOL]", "show everything: library frames, plumbing and tiny nodes");
        spec("timeline", "[BOOL]", "keep samples in time order instead of aggregating repeated calls");
        spec("unicode", "[BOOL]", "text: box-drawing characters (default: detected)");
        spec("color", "[BOOL]", "text: ANSI colours (default: detected)");
        spec("time", "seconds|percent_of_total", "text: how frame times are shown");
        spec("filter_threshold", "FRACTION", "drop frames under this share of total time (default 0.01)");
        spec("async_mode", "enabled|disabled|strict", "enabled: virtual threads as threads, waits as [await],"
                + " no carrier as [carrier wait]; disabled: raw stacks; strict: as enabled (default enabled)");
        spec("virtual_threads_per_tick", "N", "virtual threads walked per tick besides the mounted ones, chosen at"
                + " random (default " + DEFAULT_VIRTUAL_THREADS_PER_TICK + ")");
        spec("threads_per_tick", "N", "most platform threads walked again per tick, those waiting longest first"
                + " (default " + PlatformStackSource.DEFAULT_REWALKS_PER_TICK + "; a thread's first walk is never put off)");
        spec("max_overhead", "PERCENT", "stretch the interval to keep the sampler's cost under this share of"
                + " wall time, e.g. 1% or 0.01; 0 disables (default " + DEFAULT_MAX_OVERHEAD * 100 + "%)");
        spec("max_memory", "SIZE", "bound the recording's memory, e.g. 32m, 512k, 1g; when full, older detail is"
                + " aggregated (default " + (DEFAULT_MAX_MEMORY >> 20) + "m)");
        spec("stack_walk", "auto|safepoint|handshake", "how busy platform threads' stacks are taken: one batched"
                + " safepoint, or per-thread handshakes (auto: see README)");
        spec("duration", "DURATION", "profile for this long, then write the report and stop sampling");
        spec("delay", "DURATION", "start profiling this long after the JVM starts");
        spec("start", "[BOOL]", "start=false loads the agent idle; start it with: jprof attach PID start");
        spec("loop", "DURATION", "write a report every window (needs outfile; use %n or %t in it), e.g. loop=60s");
        spec("keep", "N", "with loop: keep only the newest N reports, deleting older ones");
        spec("signal", "NAME", "write the report so far on this signal without stopping, e.g. signal=USR1"
                + " (then: kill -USR1 PID)");
        spec("probability", "P", "profile this JVM with probability P (0..1), decided once at start-up");
        spec("exit_timeout", "DURATION", "longest time the report may hold up the JVM's exit (default "
                + DEFAULT_EXIT_TIMEOUT.toSeconds() + "s)");
        spec("render_option", "OPTION", "a render option, repeatable: FLAG or KEY=JSON, e.g. flat, time=percent_of_total,"
                + " processor_options.filter_threshold=0; valid: " + String.join(", ", RenderOptionParser.names()));
        spec("p", "OPTION", "short for render_option");
        spec("target_description", "TEXT", "what the report header names as the program");
        spec("command", "start|stop|dump|status", "jprof attach only: control a profile started by attaching");
        spec("reply", "PATH", "jprof attach only: where the agent writes the result of a command");
        spec("quiet", "[BOOL]", "do not say where the report was written (the jprof command says it instead)");
        spec("help", "", "print this help and run the program without profiling");
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
    private AsyncMode asyncMode = AsyncMode.ENABLED;
    private boolean asyncModeSet;
    private int virtualThreadsPerTick = DEFAULT_VIRTUAL_THREADS_PER_TICK;
    private int threadsPerTick = PlatformStackSource.DEFAULT_REWALKS_PER_TICK;
    private double maxOverhead = DEFAULT_MAX_OVERHEAD;
    private long maxMemory = DEFAULT_MAX_MEMORY;
    private Duration duration;
    private String stackWalk = "auto";
    private Duration delay = Duration.ZERO;
    private boolean startNow = true;
    private Duration loop;
    private int keep;
    private String signal;
    private double probability = 1;
    private Duration exitTimeout = DEFAULT_EXIT_TIMEOUT;
    private AttachCommand command;
    private String reply;
    private boolean quiet;
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
            o.set(spec.key, pair.value);
        }
        o.finish();
        return o;
    }

    /**
     * Applies one key's value. A switch rather than a lambda per key in the table: linking ~40 lambdas cost
     * about 40 ms of every profiled JVM's start-up.
     */
    private void set(String key, String v) {
        switch (key) {
            case "renderer":
                renderer = nonEmpty("renderer", v);
                break;
            case "outfile":
                outfile = nonEmpty("outfile", v);
                break;
            case "interval":
                interval = interval(v);
                break;
            case "hide":
                hide = nonEmpty("hide", v);
                break;
            case "hide_regex":
                hideRegex = regex("hide_regex", v);
                break;
            case "show":
                show = nonEmpty("show", v);
                break;
            case "show_regex":
                showRegex = regex("show_regex", v);
                break;
            case "show_all":
                render.showAll(bool("show_all", v));
                break;
            case "timeline":
                render.timeline(bool("timeline", v));
                break;
            case "unicode":
                render.unicode(bool("unicode", v));
                break;
            case "color":
                render.color(bool("color", v));
                break;
            case "time":
                render.time(choice("time", v, ConsoleRenderer.TimeFormat::parse));
                break;
            case "filter_threshold":
                processorOption("filter_threshold", number("filter_threshold", v));
                break;
            case "async_mode":
                asyncMode = choice("async_mode", v, AsyncMode::parse);
                asyncModeSet = true;
                break;
            case "virtual_threads_per_tick":
                virtualThreadsPerTick = positiveInt("virtual_threads_per_tick", v);
                break;
            case "threads_per_tick":
                threadsPerTick = positiveInt("threads_per_tick", v);
                break;
            case "max_overhead":
                maxOverhead = share("max_overhead", v);
                break;
            case "max_memory":
                maxMemory = byteSize("max_memory", v);
                break;
            case "stack_walk":
                stackWalk = nonEmpty("stack_walk", v);
                if (!stackWalk.equals("auto") && !stackWalk.equals("safepoint") && !stackWalk.equals("handshake")) {
                    throw new OptionException("stack_walk must be auto, safepoint or handshake, got '" + v + "'");
                }
                break;
            case "duration":
                duration = positiveDuration("duration", v);
                break;
            case "delay":
                delay = duration("delay", v);
                break;
            case "start":
                startNow = bool("start", v);
                break;
            case "loop":
                loop = positiveDuration("loop", v);
                break;
            case "keep":
                keep = positiveInt("keep", v);
                break;
            case "signal":
                signal = SignalDump.normalise(nonEmpty("signal", v));
                break;
            case "probability":
                probability = probability(v);
                break;
            case "exit_timeout":
                exitTimeout = positiveDuration("exit_timeout", v);
                break;
            case "render_option":
                renderOptionList.add(nonEmpty("render_option", v));
                break;
            case "p":
                renderOptionList.add(nonEmpty("p", v));
                break;
            case "target_description":
                targetDescription = v;
                break;
            case "command":
                command = choice("command", v, AttachCommand::parse);
                break;
            case "reply":
                reply = nonEmpty("reply", v);
                break;
            case "quiet":
                quiet = bool("quiet", v);
                break;
            case "help":
                help = true;
                break;
            default:
                throw new IllegalStateException("option " + key + " is in the table but has no setter");
        }
    }

    private void finish() {
        if (hide != null && hideRegex != null) {
            throw new OptionException("hide and hide_regex cannot be used together; use one");
        }
        if (loop != null && outfile == null) {
            throw new OptionException("loop needs an outfile to write each window's report to, e.g."
                    + " outfile=/var/tmp/app-%p-%n.txt");
        }
        if (keep > 0 && loop == null) {
            throw new OptionException("keep only applies with loop");
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

    public AsyncMode asyncMode() {
        return asyncMode;
    }

    /** True when the user chose the async mode (then a JDK without virtual threads is worth a note). */
    public boolean asyncModeSet() {
        return asyncModeSet;
    }

    /** {@code auto}, {@code safepoint} or {@code handshake}. */
    public String stackWalk() {
        return stackWalk;
    }

    /** How long to profile, or null for until exit. */
    public Duration duration() {
        return duration;
    }

    /** How long after start-up to begin. */
    public Duration delay() {
        return delay;
    }

    /** False when the agent loads idle ({@code start=false}). */
    public boolean startNow() {
        return startNow;
    }

    /** The report window in loop mode, or null. */
    public Duration loop() {
        return loop;
    }

    /** How many loop reports to keep; 0 keeps all. */
    public int keep() {
        return keep;
    }

    /** The signal that dumps the report so far (e.g. {@code USR1}), or null. */
    public String signal() {
        return signal;
    }

    /** The chance that this JVM profiles at all. */
    public double probability() {
        return probability;
    }

    /** The longest the report may hold up the JVM's exit. */
    public Duration exitTimeout() {
        return exitTimeout;
    }

    /** The sampler's cost bound, as a share of wall time (0 = none). */
    public double maxOverhead() {
        return maxOverhead;
    }

    /** The sample store's memory bound, in bytes. */
    public long maxMemory() {
        return maxMemory;
    }

    public int virtualThreadsPerTick() {
        return virtualThreadsPerTick;
    }

    /** The most platform threads walked again per tick. */
    public int threadsPerTick() {
        return threadsPerTick;
    }

    public String targetDescription() {
        return targetDescription;
    }

    public boolean helpRequested() {
        return help;
    }

    /** The attach control command, or null when the agent is simply started. */
    public AttachCommand command() {
        return command;
    }

    /** The file the agent writes a command's result to, or null. */
    public String reply() {
        return reply;
    }

    /** True when the agent should not announce where it wrote the report. */
    public boolean quiet() {
        return quiet;
    }

    /** Every option key, in the help's order. */
    static java.util.Set<String> keys() {
        return java.util.Collections.unmodifiableSet(SPECS.keySet());
    }

    /** True when {@code key} is an agent option of this version (the CLI checks before passing one on). */
    public static boolean knows(String key) {
        return SPECS.containsKey(key);
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

    private static void spec(String key, String value, String description) {
        SPECS.put(key, new Spec(key, value, description));
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

    /** Parses {@code 1%} or {@code 0.01} as a share from 0 to 0.5. */
    static double share(String key, String v) {
        nonEmpty(key, v);
        String t = v.trim();
        boolean percent = t.endsWith("%");
        try {
            double d = Double.parseDouble(percent ? t.substring(0, t.length() - 1) : t) / (percent ? 100 : 1);
            if (d >= 0 && d <= 0.5) {
                return d;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new OptionException(key + " must be a share of time such as 1% or 0.01 (at most 50%), got '" + v + "'");
    }

    static Duration positiveDuration(String key, String v) {
        Duration d = duration(key, v);
        if (d.isZero() || d.isNegative()) {
            throw new OptionException(key + " must be longer than zero, got '" + v + "'");
        }
        return d;
    }

    static double probability(String v) {
        double p = number("probability", v);
        if (!(p >= 0 && p <= 1)) {
            throw new OptionException("probability must be between 0 and 1, got '" + v + "'");
        }
        return p;
    }

    static int positiveInt(String key, String v) {
        nonEmpty(key, v);
        try {
            int n = Integer.parseInt(v.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new OptionException(key + " must be a positive whole number, got '" + v + "'");
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

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmg]?)b?");

    /** Parses a memory size such as {@code 32m}, {@code 512k}, {@code 1g} or bytes; from 1 MB to 64 GB. */
    static long byteSize(String key, String v) {
        nonEmpty(key, v);
        Matcher m = SIZE.matcher(v.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            int shift = m.group(2).isEmpty() ? 0 : "kmg".indexOf(m.group(2).charAt(0)) * 10 + 10;
            double bytes = Double.parseDouble(m.group(1)) * (1L << shift);
            if (bytes >= SampleStore.MIN_MAX_BYTES && bytes <= (64L << 30)) {
                return (long) bytes;
            }
        }
        throw new OptionException(key + " must be a size from 1m to 64g such as 32m, 512k or 1g, got '" + v + "'");
    }

    private static Duration interval(String v) {
        Duration d = duration("interval", v);
        if (d.toNanos() < 100_000 || d.toNanos() > 10_000_000_000L) {
            throw new OptionException("interval must be between 100us and 10s, got '" + v + "'");
        }
        return d;
    }

    private static final class Spec {
        final String key;
        final String value;
        final String description;

        Spec(String key, String value, String description) {
            this.key = key;
            this.value = value;
            this.description = description;
        }
    }
}

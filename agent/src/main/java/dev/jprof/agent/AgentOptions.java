package dev.jprof.agent;

import dev.jprof.AsyncMode;
import dev.jprof.tree.ProcessorOptions;
import dev.jprof.tree.Processors;
import dev.jprof.agent.push.PushConfig;
import dev.jprof.renderers.ConsoleRenderer;
import dev.jprof.renderers.RenderOptionParser;
import dev.jprof.renderers.RenderOptions;
import dev.jprof.renderers.Renderers;
import dev.jprof.StackSourceChoice;
import dev.jprof.sampling.SampleStore;
import dev.jprof.sampling.StackSourceKind;
import dev.jprof.sampling.StackWalk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The agent's options, parsed and checked from {@code -javaagent:jprof.jar=key=value,...}. Each key is a
 * row of {@link AgentOptionTable} (name, kind, default, help) and its value is parsed by its
 * {@link OptionKind}; this class holds the values and reads them out typed, plus the checks that span
 * several keys. Adding a key: a row in the table and a getter here.
 */
public final class AgentOptions {
    /** Default sampling interval of the agent (all threads); see docs/SAMPLING.md for the measurement behind it. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(10);
    /** Default bound on how long writing the report may hold up the JVM's exit. */
    public static final Duration DEFAULT_EXIT_TIMEOUT = Duration.ofSeconds(15);
    /** Default bound on the sampler's cost, as a share of wall time. */
    public static final double DEFAULT_MAX_OVERHEAD = 0.01;
    /** Default bound on the sample store's memory, in bytes (see docs/SAMPLING.md: an hour of 50 threads stays under 64 MB of heap). */
    public static final long DEFAULT_MAX_MEMORY = SampleStore.DEFAULT_MAX_BYTES;
    /** Default bound on virtual-thread stack walks per tick. */
    public static final int DEFAULT_VIRTUAL_THREADS_PER_TICK = StackSourceChoice.DEFAULT_VIRTUAL_THREADS_PER_TICK;

    private final Map<String, Object> values = new HashMap<>();
    private final List<String> renderOptionList = new ArrayList<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final RenderOptions render = new RenderOptions();
    private String renderer;
    private AsyncMode asyncMode = AsyncMode.ENABLED;
    private AttachCommand command;

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
            AgentOptionTable.Row row = AgentOptionTable.find(pair.key);
            if (row == null) {
                throw new OptionException("unknown option '" + pair.key + "'; valid options: "
                        + String.join(", ", AgentOptionTable.names()));
            }
            Object value = row.kind.parse(row, pair.value);
            if (row.kind == OptionKind.RENDER_OPTION) {
                o.renderOptionList.add((String) value);
            } else if (row.kind == OptionKind.LABEL) {
                String[] label = (String[]) value;
                o.labels.put(label[0], label[1]);
            } else {
                o.values.put(row.name, value);
            }
        }
        o.finish();
        return o;
    }

    /** A key's value as given, else its parsed default, else null. */
    private Object value(String name) {
        Object v = values.get(name);
        if (v != null) {
            return v;
        }
        AgentOptionTable.Row row = AgentOptionTable.get(name);
        return row.defaultText == null ? null : row.kind.parse(row, row.defaultText);
    }

    /** The checks that span several keys, and the values built from several keys. */
    private void finish() {
        exclusive("hide", "hide_regex");
        exclusive("show", "show_regex");
        if (values.containsKey("push")) {
            try {
                new PushConfig((String) values.get("push"), "app", labels, name -> null);
            } catch (IllegalArgumentException e) {
                throw new OptionException(e.getMessage());
            }
        } else if (values.containsKey("app_name") || !labels.isEmpty()) {
            throw new OptionException("app_name and label only apply with push=URL");
        }
        if (values.containsKey("loop") && !values.containsKey("outfile") && !values.containsKey("push")) {
            throw new OptionException("loop needs an outfile to write each window's report to, e.g."
                    + " outfile=/var/tmp/app-%p-%n.txt");
        }
        if (values.containsKey("keep") && !values.containsKey("loop")) {
            throw new OptionException("keep only applies with loop");
        }
        if (values.containsKey("async_mode")) {
            asyncMode = choice("async_mode", AsyncMode::parse);
        }
        if (values.containsKey("command")) {
            command = choice("command", AttachCommand::parse);
        }
        ProcessorOptions p = new ProcessorOptions();
        String hide = (String) values.get("hide");
        String show = (String) values.get("show");
        String hidePattern = hide != null ? Processors.globToRegex(hide) : (String) values.get("hide_regex");
        String showPattern = show != null ? Processors.globToRegex(show) : (String) values.get("show_regex");
        if (hidePattern != null) {
            p.hideRegex(hidePattern);
        }
        if (showPattern != null) {
            p.showRegex(showPattern);
        }
        if (values.containsKey("filter_threshold")) {
            try {
                p.set("filter_threshold", values.get("filter_threshold"));
            } catch (IllegalArgumentException e) {
                throw new OptionException(e.getMessage());
            }
        }
        render.processorOptions(p);
        render.showAll(flag("show_all")).timeline(flag("timeline")).splitPools(flag("split_pools"));
        render.unicode((Boolean) values.get("unicode")).color((Boolean) values.get("color"));
        if (values.containsKey("time")) {
            render.time(choice("time", ConsoleRenderer.TimeFormat::parse));
        }
        // After the dedicated keys, so an explicit render option wins, as the last -p does in the CLI.
        for (String option : renderOptionList) {
            try {
                RenderOptionParser.apply(render, option);
            } catch (IllegalArgumentException e) {
                throw new OptionException(e.getMessage());
            }
        }
        renderer = (String) values.get("renderer");
        String outfile = (String) values.get("outfile");
        if (renderer == null) {
            renderer = outfile != null ? Renderers.guessFromFileName(outfile) : "text";
        }
        // Fail now, not at exit: an unknown renderer must be reported while the user is watching. A built-in
        // name needs no check, and creating it here would load its classes in every JVM's premain.
        try {
            if (!Renderers.isBuiltIn(renderer)) {
                Renderers.create(renderer, render, false);
            }
        } catch (IllegalArgumentException e) {
            throw new OptionException(e.getMessage());
        }
    }

    private void exclusive(String a, String b) {
        if (values.containsKey(a) && values.containsKey(b)) {
            throw new OptionException(a + " and " + b + " cannot be used together; use one");
        }
    }

    private boolean flag(String name) {
        return Boolean.TRUE.equals(values.get(name));
    }

    private <T> T choice(String name, Function<String, T> parse) {
        try {
            return parse.apply((String) values.get(name));
        } catch (IllegalArgumentException e) {
            throw new OptionException(e.getMessage());
        }
    }

    /** The help text listing every option. */
    public static String helpText() {
        return AgentOptionTable.helpText();
    }

    public String renderer() {
        return renderer;
    }

    public String outfile() {
        return (String) value("outfile");
    }

    public Duration interval() {
        return (Duration) value("interval");
    }

    public RenderOptions renderOptions() {
        return render;
    }

    public AsyncMode asyncMode() {
        return asyncMode;
    }

    /** True when the user chose the async mode (then a JDK without virtual threads is worth a note). */
    public boolean asyncModeSet() {
        return values.containsKey("async_mode");
    }

    /** How busy platform threads' stacks are taken. */
    public StackWalk stackWalk() {
        return StackWalk.parse((String) value("stack_walk"));
    }

    /** Where running threads' stacks come from. */
    public StackSourceKind stackSource() {
        return StackSourceKind.parse((String) value("stack_source"));
    }

    /** How long to profile, or null for until exit. */
    public Duration duration() {
        return (Duration) value("duration");
    }

    /** How long after start-up to begin. */
    public Duration delay() {
        return (Duration) value("delay");
    }

    /** False when the agent loads idle ({@code start=false}). */
    public boolean startNow() {
        return (Boolean) value("start");
    }

    /** The report window in loop mode, or null. */
    public Duration loop() {
        return (Duration) value("loop");
    }

    /** How many loop reports to keep; 0 keeps all. */
    public int keep() {
        return value("keep") == null ? 0 : (Integer) value("keep");
    }

    /** The signal that dumps the report so far (e.g. {@code USR1}), or null. */
    public String signal() {
        return (String) value("signal");
    }

    /** The chance that this JVM profiles at all. */
    public double probability() {
        return ((Number) value("probability")).doubleValue();
    }

    /** The longest the report may hold up the JVM's exit. */
    public Duration exitTimeout() {
        return (Duration) value("exit_timeout");
    }

    /** The sampler's cost bound, as a share of wall time (0 = none). */
    public double maxOverhead() {
        return (Double) value("max_overhead");
    }

    /** The sample store's memory bound, in bytes. */
    public long maxMemory() {
        return (Long) value("max_memory");
    }

    public int virtualThreadsPerTick() {
        return (Integer) value("virtual_threads_per_tick");
    }

    /** The most platform threads walked again per tick. */
    public int threadsPerTick() {
        return (Integer) value("threads_per_tick");
    }

    public String targetDescription() {
        return (String) value("target_description");
    }

    public boolean helpRequested() {
        return values.containsKey("help");
    }

    /** The attach control command, or null when the agent is simply started. */
    public AttachCommand command() {
        return command;
    }

    /** The file the agent writes a command's result to, or null. */
    public String reply() {
        return (String) value("reply");
    }

    /** True when the agent should not announce where it wrote the report. */
    public boolean quiet() {
        return value("quiet") != null && (Boolean) value("quiet");
    }

    /** The file to append a line about this JVM's report to, or null. */
    public String reportLog() {
        return (String) value("report_log");
    }

    /** The Pyroscope-compatible server to push reports to, or null. */
    public String push() {
        return (String) value("push");
    }

    /** The application name to push under, or null for the default. */
    public String appName() {
        return (String) value("app_name");
    }

    /** Labels of pushed profiles, in order. */
    public Map<String, String> labels() {
        return Collections.unmodifiableMap(labels);
    }

    /** Every option key, in the help's order. */
    static Set<String> keys() {
        return AgentOptionTable.names();
    }

    /** True when {@code key} is an agent option of this version (the CLI checks before passing one on). */
    public static boolean knows(String key) {
        return AgentOptionTable.names().contains(key);
    }

    /** Parses a duration such as {@code 10ms}, {@code 1.5s}, {@code 500us}; a bare number is seconds. */
    public static Duration duration(String key, String v) {
        return OptionKind.duration(key, v);
    }
}

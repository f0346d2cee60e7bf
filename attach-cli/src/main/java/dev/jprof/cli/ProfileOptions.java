package dev.jprof.cli;

import dev.jprof.agent.AgentOptions;
import dev.jprof.agent.OptionException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The seed's profiling and rendering options, shared by run, load and attach. They are translated to
 * agent keys, and checked by the agent's own parser before anything starts, so the CLI and the agent can
 * never disagree about what an option means.
 */
final class ProfileOptions {
    @Option(names = {"-o", "--outfile"}, paramLabel = "FILE", description = "write the report to FILE (default: the terminal)")
    String outfile;

    @Option(names = {"-r", "--renderer"}, paramLabel = "NAME",
            description = "text, html, json, speedscope, collapsed, session, pprof, jfr, or a Renderer class name (default: guessed from --outfile, else text)")
    String renderer;

    /** How the session is shown (hide/show, show_all, -p...): the options {@code jprof diff} shares. */
    @Mixin
    ViewOptions view = new ViewOptions();

    @Option(names = {"-i", "--interval"}, paramLabel = "DURATION", description = "time between samples, e.g. 10ms, 1ms, 0.005 (default 10ms)")
    String interval;

    @Option(names = "--max-overhead", paramLabel = "PERCENT",
            description = "stretch the interval to keep the sampler's cost under this share of wall time, e.g. 1%% (default), 0 = never")
    String maxOverhead;

    @Option(names = "--max-memory", paramLabel = "SIZE",
            description = "bound the recording's memory, e.g. 32m (default), 512k, 1g; when full, older detail is aggregated")
    String maxMemory;

    @Option(names = "--async-mode", paramLabel = "MODE", description = "enabled, disabled or strict: how virtual threads are profiled")
    String asyncMode;

    @Option(names = "--stack-source", paramLabel = "SOURCE",
            description = "auto, jfr or walk: where running threads' stacks come from (default auto: walk on the JDKs measured so far)")
    String stackSource;

    @Option(names = "--target-description", paramLabel = "TEXT", description = "what the report header names as the program")
    String targetDescription;

    /** Refuses combinations that cannot both hold, naming the CLI options. */
    void checkExclusive() {
        view.checkExclusive();
        if (asyncMode != null && !List.of("enabled", "disabled", "strict").contains(asyncMode)) {
            throw new CliException(CliException.USAGE, "--async-mode must be enabled, disabled or strict, got '" + asyncMode + "'");
        }
        if (stackSource != null && !List.of("auto", "jfr", "walk").contains(stackSource)) {
            throw new CliException(CliException.USAGE, "--stack-source must be auto, jfr or walk, got '" + stackSource + "'");
        }
    }

    /** Agent keys that decide how a session is rendered (not what is recorded). */
    AgentArgString renderArgs() {
        AgentArgString a = new AgentArgString();
        if (renderer != null) {
            a.add("renderer", renderer);
        }
        if (outfile != null) {
            a.add("outfile", outfile);
        }
        view.addTo(a);
        return a;
    }

    /** Agent keys that decide what is recorded. */
    AgentArgString recordArgs() {
        AgentArgString a = new AgentArgString();
        optional(a, "interval", interval);
        if (maxOverhead != null) {
            requireAgentKey("max_overhead", "--max-overhead");
            a.add("max_overhead", maxOverhead);
        }
        if (maxMemory != null) {
            requireAgentKey("max_memory", "--max-memory");
            a.add("max_memory", maxMemory);
        }
        if (asyncMode != null && !(asyncMode.equals("enabled") && !AgentOptions.knows("async_mode"))) {
            // "enabled" is what an agent without the key does anyway; anything else needs the key.
            requireAgentKey("async_mode", "--async-mode " + asyncMode);
            a.add("async_mode", asyncMode);
        }
        if (stackSource != null) {
            requireAgentKey("stack_source", "--stack-source");
            a.add("stack_source", stackSource);
        }
        optional(a, "target_description", targetDescription);
        return a;
    }

    /** Every option as agent keys, for a target that writes its report itself. */
    AgentArgString allArgs() {
        return new AgentArgString().addAll(recordArgs()).addAll(renderArgs());
    }

    /** Parses agent arguments with the agent's own parser, turning its errors into usage errors. */
    static AgentOptions parse(AgentArgString args) {
        try {
            return AgentOptions.parse(args.toString());
        } catch (OptionException e) {
            throw new CliException(CliException.USAGE, e.getMessage());
        }
    }

    static void requireAgentKey(String key, String what) {
        if (!AgentOptions.knows(key)) {
            throw new CliException(CliException.USAGE, what + " is not supported by this build's agent (no '"
                    + key + "' key yet)");
        }
    }

    static void optional(AgentArgString a, String key, String value) {
        if (value != null) {
            a.add(key, value);
        }
    }
}

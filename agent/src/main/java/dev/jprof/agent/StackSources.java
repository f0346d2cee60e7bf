package dev.jprof.agent;

import dev.jprof.AsyncMode;
import dev.jprof.sampling.Clock;
import dev.jprof.sampling.CompositeStackSource;
import dev.jprof.sampling.PlatformStackSource;
import dev.jprof.sampling.StackSource;
import dev.jprof.sampling.ThreadSelector;
import dev.jprof.sampling.VirtualThreadStackSource;
import dev.jprof.sampling.VirtualThreads;
import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.util.List;

/** Chooses the agent's stack sources for an async mode and the running JDK. */
final class StackSources {
    private StackSources() {
    }

    static StackSource forAgent(AgentOptions options, Instrumentation inst, Clock clock, PrintStream err) {
        PlatformStackSource.useSafepointCounters(inst);
        return forAgent(options.asyncMode(), options.asyncModeSet(), options.virtualThreadsPerTick(),
                options.threadsPerTick(), mechanism(options.stackWalk()), inst, clock, err);
    }

    /** Per-thread handshakes or one batched safepoint: {@code auto} takes the default of the running JDK. */
    static boolean handshakes(String stackWalk) {
        return mechanism(stackWalk) != null ? mechanism(stackWalk) : PlatformStackSource.defaultHandshakes();
    }

    /** True for handshakes, false for a safepoint, null for auto. */
    private static Boolean mechanism(String stackWalk) {
        switch (stackWalk) {
            case "safepoint":
                return false;
            case "handshake":
                return true;
            default:
                return null;
        }
    }

    static StackSource forAgent(AsyncMode mode, boolean modeChosen, int virtualPerTick, int platformPerTick,
                                Boolean handshakes, Instrumentation inst, Clock clock, PrintStream err) {
        if (mode == AsyncMode.DISABLED) {
            return platform(ThreadSelector.allApplicationThreads(), handshakes, platformPerTick);
        }
        String reason = VirtualThreads.unavailableReason();
        if (reason != null) {
            if (modeChosen) {
                err.println("jprof: " + reason + "; async_mode=" + mode.option()
                        + " applies to future waits ([await]) only.");
            }
            return platform(ThreadSelector.allApplicationThreads(), handshakes, platformPerTick);
        }
        try {
            VirtualThreads threads = VirtualThreads.open(inst);
            return new CompositeStackSource(List.of(
                    platform(ThreadSelector.allApplicationThreadsExceptCarriers(), handshakes, platformPerTick),
                    new VirtualThreadStackSource(threads, clock, virtualPerTick)));
        } catch (IllegalStateException e) {
            err.println("jprof: virtual threads cannot be profiled (" + e.getMessage()
                    + "); profiling platform threads only.");
            return platform(ThreadSelector.allApplicationThreads(), handshakes, platformPerTick);
        }
    }

    /** {@code handshakes} null: the JDK's default, adapted when crowded. */
    private static StackSource platform(ThreadSelector selector, Boolean handshakes, int perTick) {
        PlatformStackSource source = handshakes == null
                ? PlatformStackSource.adaptive(selector, PlatformStackSource.DEFAULT_MAX_DEPTH)
                : new PlatformStackSource(selector, handshakes, PlatformStackSource.DEFAULT_MAX_DEPTH);
        return source.rewalksPerTick(perTick);
    }
}

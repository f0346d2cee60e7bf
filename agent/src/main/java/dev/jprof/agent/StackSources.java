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

    static StackSource forAgent(AsyncMode mode, boolean modeChosen, int virtualPerTick, Instrumentation inst,
                                Clock clock, PrintStream err) {
        if (mode == AsyncMode.DISABLED) {
            return new PlatformStackSource(ThreadSelector.allApplicationThreads());
        }
        String reason = VirtualThreads.unavailableReason();
        if (reason != null) {
            if (modeChosen) {
                err.println("jprof: " + reason + "; async_mode=" + mode.option()
                        + " applies to future waits ([await]) only.");
            }
            return new PlatformStackSource(ThreadSelector.allApplicationThreads());
        }
        try {
            VirtualThreads threads = VirtualThreads.open(inst);
            return new CompositeStackSource(List.of(
                    new PlatformStackSource(ThreadSelector.allApplicationThreadsExceptCarriers()),
                    new VirtualThreadStackSource(threads, clock, virtualPerTick)));
        } catch (IllegalStateException e) {
            err.println("jprof: virtual threads cannot be profiled (" + e.getMessage()
                    + "); profiling platform threads only.");
            return new PlatformStackSource(ThreadSelector.allApplicationThreads());
        }
    }
}

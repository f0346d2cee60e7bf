package dev.jprof;

import dev.jprof.sampling.Clock;
import dev.jprof.sampling.CompositeStackSource;
import dev.jprof.sampling.PlatformStackSource;
import dev.jprof.sampling.StackSource;
import dev.jprof.sampling.ThreadSelector;
import dev.jprof.sampling.ThreadStackSource;
import dev.jprof.sampling.VirtualThreadStackSource;
import dev.jprof.sampling.VirtualThreads;
import java.io.PrintStream;
import java.util.List;

/** Chooses the stack sources of a {@link Profiler} for what it profiles and the running JDK. */
final class ProfilerSources {
    private ProfilerSources() {
    }

    /**
     * The stacks to sample: the calling thread (through {@code Thread.getStackTrace()} when it is a virtual
     * thread, which ThreadMXBean cannot see), or every platform thread plus, on JDK 21+ unless the async
     * mode is disabled, the virtual threads when {@code jdk.internal.vm} is exported to jprof.
     */
    static StackSource choose(boolean allThreads, AsyncMode asyncMode, ThreadSelector selector, Thread caller,
                              Clock clock, PrintStream messages) {
        if (!allThreads) {
            return ThreadStackSource.isVirtual(caller) ? new ThreadStackSource(caller) : new PlatformStackSource(selector);
        }
        if (asyncMode == AsyncMode.DISABLED || VirtualThreads.unavailableReason() != null) {
            return new PlatformStackSource(selector);
        }
        try {
            VirtualThreads threads = VirtualThreads.open(null);
            return new CompositeStackSource(List.of(
                    new PlatformStackSource(ThreadSelector.allApplicationThreadsExceptCarriers()),
                    new VirtualThreadStackSource(threads, clock, 8)));
        } catch (IllegalStateException e) {
            messages.println("jprof: virtual threads are not sampled (" + e.getMessage() + ")");
            return new PlatformStackSource(selector);
        }
    }

}

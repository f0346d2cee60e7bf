package dev.jprof;

import dev.jprof.sampling.Clock;
import dev.jprof.sampling.CompositeStackSource;
import dev.jprof.sampling.JfrStackSource;
import dev.jprof.sampling.PlatformStackSource;
import dev.jprof.sampling.StackSource;
import dev.jprof.sampling.StackSourceKind;
import dev.jprof.sampling.StackWalk;
import dev.jprof.sampling.ThreadSelector;
import dev.jprof.sampling.ThreadStackSource;
import dev.jprof.sampling.VirtualThreadStackSource;
import dev.jprof.sampling.VirtualThreads;
import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.util.List;

/**
 * The one choice of stack sources, made the same way for the agent and the {@link Profiler} API: platform
 * threads by the chosen {@link StackWalk}, plus virtual threads on JDK 21+ unless the async mode is
 * disabled. Internal: public only for the agent's package.
 */
public final class StackSourceChoice {
    /** Default bound on virtual-thread stack walks per tick. */
    public static final int DEFAULT_VIRTUAL_THREADS_PER_TICK = 8;

    private final AsyncMode mode;
    private final boolean modeChosen;
    private final StackWalk walk;
    private final int platformPerTick;
    private final int virtualPerTick;
    private StackSourceKind kind = StackSourceKind.WALK;
    private long intervalNanos;
    private Clock jfrClock = Clock.system();
    private PrintStream jfrErr = System.err;

    /**
     * @param mode            the async mode
     * @param modeChosen      true when the user chose the mode (then a JDK without virtual threads is worth a note)
     * @param walk            how platform threads are walked
     * @param platformPerTick most platform threads walked again per tick
     * @param virtualPerTick  most virtual threads walked per tick
     */
    public StackSourceChoice(AsyncMode mode, boolean modeChosen, StackWalk walk, int platformPerTick, int virtualPerTick) {
        this.mode = mode;
        this.modeChosen = modeChosen;
        this.walk = walk;
        this.platformPerTick = platformPerTick;
        this.virtualPerTick = virtualPerTick;
    }

    /**
     * Where running platform threads' stacks come from ({@code stack_source}); {@link StackSourceKind#WALK}
     * unless set. JFR's period is the sampling interval; its timestamps are on the system clock, so another
     * clock (a test's) keeps the walks.
     *
     * @param err where JFR's absence is said, in one line
     * @return this choice
     */
    public StackSourceChoice stackSource(StackSourceKind kind, java.time.Duration interval, Clock clock, PrintStream err) {
        this.kind = clock == Clock.system() ? kind : StackSourceKind.WALK;
        this.intervalNanos = interval.toNanos();
        this.jfrClock = clock;
        this.jfrErr = err;
        return this;
    }

    /** The platform-thread source for {@code selector}: walks, with JFR's stacks of running threads if chosen. */
    private StackSource platform(ThreadSelector selector) {
        PlatformStackSource walked = walk.platformSource(selector, platformPerTick);
        return kind.usesJfr() ? JfrStackSource.over(walked, jfrClock, intervalNanos, jfrErr) : walked;
    }

    /**
     * Every application thread.
     *
     * @param inst  the agent's instrumentation (opens {@code jdk.internal.vm}), or null from the API
     * @param clock the sampler's clock
     * @param err   where a reason for not sampling virtual threads is said, in one line
     */
    public StackSource allThreads(Instrumentation inst, Clock clock, PrintStream err) {
        if (mode == AsyncMode.DISABLED) {
            return platform(ThreadSelector.allApplicationThreads());
        }
        String reason = VirtualThreads.unavailableReason();
        if (reason != null) {
            if (modeChosen) {
                err.println("jprof: " + reason + "; async_mode=" + mode.option()
                        + " applies to future waits ([await]) only.");
            }
            return platform(ThreadSelector.allApplicationThreads());
        }
        try {
            VirtualThreads threads = VirtualThreads.open(inst);
            return new CompositeStackSource(List.of(
                    platform(ThreadSelector.allApplicationThreadsExceptCarriers()),
                    new VirtualThreadStackSource(threads, clock, virtualPerTick)));
        } catch (IllegalStateException e) {
            err.println("jprof: virtual threads cannot be profiled (" + e.getMessage()
                    + "); profiling platform threads only.");
            return platform(ThreadSelector.allApplicationThreads());
        }
    }

    /** The platform threads {@code selector} chooses, without virtual threads (e.g. a thread filter's). */
    public StackSource platformThreads(ThreadSelector selector) {
        return platform(selector);
    }

    /**
     * One thread: through {@code Thread.getStackTrace()} when it is a virtual thread (ThreadMXBean cannot
     * see those), else as a platform thread.
     */
    public StackSource thread(Thread thread) {
        return ThreadStackSource.isVirtual(thread) ? new ThreadStackSource(thread)
                : platform(ThreadSelector.only(thread));
    }
}

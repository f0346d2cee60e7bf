package dev.jprof;

import dev.jprof.sampling.Clock;
import dev.jprof.sampling.PlatformStackSource;
import dev.jprof.sampling.SampleStore;
import dev.jprof.sampling.StackSource;
import dev.jprof.sampling.StackSourceKind;
import dev.jprof.sampling.StackWalk;
import dev.jprof.sampling.ThreadSelector;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The options of a {@link Profiler} and their checks: the body of {@link Profiler.Builder}, which extends
 * this class, and, frozen by {@link #frozenCopy()}, what a profiler reads when it starts.
 *
 * <p>Why a superclass: the builder's option methods and their javadoc live here so that
 * {@code Profiler.java} stays small, while users keep calling them on {@code Profiler.Builder}
 * ({@code Profiler.builder().interval(...).build()}). Public methods of a package-private superclass are
 * public members of the public subclass, and javadoc documents them there.
 */
abstract class ProfilerSettings implements Cloneable {
    Duration interval = Profiler.DEFAULT_INTERVAL;
    AsyncMode asyncMode = AsyncMode.ENABLED;
    boolean allThreads;
    Predicate<Thread> threadFilter;
    long maxMemory = Profiler.DEFAULT_MAX_MEMORY;
    int threadsPerTick = PlatformStackSource.DEFAULT_REWALKS_PER_TICK;
    StackWalk stackWalk = StackWalk.AUTO;
    StackSourceKind stackSource = StackSourceKind.AUTO;
    double maxOverhead;
    String targetDescription;
    Clock clock = Clock.system();
    /** Null: the same choice as the agent's ({@link StackSourceChoice}). */
    Function<ThreadSelector, StackSource> sources;
    boolean manualSampling;
    BrowserLauncher browser = BrowserLauncher.system();
    PrintStream messages = System.err;

    ProfilerSettings() {
    }

    /** The builder these options belong to, returned by every option method for chaining. */
    abstract Profiler.Builder self();

    /** Whether every application thread is profiled: asked for, or implied by a thread filter. */
    boolean profilesAllThreads() {
        return allThreads || threadFilter != null;
    }

    /**
     * A copy a profiler keeps, so that changing the builder afterwards does not change a profiler it built.
     * Every field is immutable or shared on purpose (the clock, the sources), so a shallow copy is right.
     */
    ProfilerSettings frozenCopy() {
        try {
            return (ProfilerSettings) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Sets the minimum time between two samples (default {@link Profiler#DEFAULT_INTERVAL}).
     *
     * @param value a positive duration
     * @return this builder
     * @throws IllegalArgumentException when the duration is null or not positive
     */
    public Profiler.Builder interval(Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("interval must be a positive duration, got " + value);
        }
        interval = value;
        return self();
    }

    /**
     * Sets the async mode (default {@link AsyncMode#ENABLED}).
     *
     * @param value the mode
     * @return this builder
     */
    public Profiler.Builder asyncMode(AsyncMode value) {
        asyncMode = Objects.requireNonNull(value, "asyncMode");
        return self();
    }

    /**
     * Profiles every application thread, each under its own thread frame, instead of only the thread
     * that calls {@code start()} (the default, as in pyinstrument).
     *
     * @param value true to profile all threads
     * @return this builder
     */
    public Profiler.Builder allThreads(boolean value) {
        allThreads = value;
        return self();
    }

    /**
     * Profiles the platform threads {@code filter} accepts, each under its own thread frame (this implies
     * {@link #allThreads(boolean) allThreads}). The filter is asked at every sample, on the sampler
     * thread, so it sees threads started after {@code start()}; it must be fast and thread-safe. Virtual
     * threads are not sampled with a filter. Used by jprof's JUnit extension (the test's thread and the
     * threads it starts) and JMH profiler (the benchmark's worker threads).
     *
     * @param filter which threads to profile, or null for all (as {@link #allThreads(boolean)} says)
     * @return this builder
     */
    public Profiler.Builder threads(Predicate<Thread> filter) {
        threadFilter = filter;
        return self();
    }

    /**
     * Bounds the recording's memory (default {@link Profiler#DEFAULT_MAX_MEMORY}, 32 MB). When it is reached,
     * older timeline detail is aggregated and new stacks are kept at their known callers; totals stay
     * exact and the report's header says so.
     *
     * @param bytes the bound in bytes, at least 1 MB
     * @return this builder
     * @throws IllegalArgumentException when the bound is under 1 MB
     */
    public Profiler.Builder maxMemory(long bytes) {
        if (bytes < SampleStore.MIN_MAX_BYTES) {
            throw new IllegalArgumentException("maxMemory must be at least 1 MB (1048576 bytes), got " + bytes);
        }
        maxMemory = bytes;
        return self();
    }

    /**
     * The most platform threads walked again per tick, those waiting longest first (the agent's
     * {@code threads_per_tick}); a thread's first walk is never put off.
     *
     * @param value at least 1; default {@link PlatformStackSource#DEFAULT_REWALKS_PER_TICK}
     * @return this builder
     * @throws IllegalArgumentException when {@code value} is less than 1
     */
    public Profiler.Builder threadsPerTick(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("threadsPerTick must be at least 1, got " + value);
        }
        threadsPerTick = value;
        return self();
    }

    /**
     * How busy platform threads' stacks are taken (the agent's {@code stack_walk}).
     *
     * @param value default {@link StackWalk#AUTO}
     * @return this builder
     */
    public Profiler.Builder stackWalk(StackWalk value) {
        stackWalk = Objects.requireNonNull(value, "stackWalk");
        return self();
    }

    /**
     * Where running threads' stacks come from (the agent's {@code stack_source}): the JVM's execution
     * sampler (JFR, no safepoint bias, from a second into the profile) or jprof's walks.
     *
     * @param value default {@link StackSourceKind#AUTO}, the same choice as the agent's
     * @return this builder
     */
    public Profiler.Builder stackSource(StackSourceKind value) {
        stackSource = Objects.requireNonNull(value, "stackSource");
        return self();
    }

    /**
     * Stretches the interval to keep the sampler's cost under this share of wall time (the agent's
     * {@code max_overhead}).
     *
     * @param share from 0 (no bound, the default) to 0.5, e.g. 0.01 for 1%
     * @return this builder
     * @throws IllegalArgumentException when {@code share} is outside 0..0.5
     */
    public Profiler.Builder maxOverhead(double share) {
        if (!(share >= 0 && share <= 0.5)) {
            throw new IllegalArgumentException("maxOverhead must be a share from 0 to 0.5, got " + share);
        }
        maxOverhead = share;
        return self();
    }

    /**
     * Sets what the report's header names as the profiled program (default: the command line).
     *
     * @param value a description, or null for the default
     * @return this builder
     */
    public Profiler.Builder targetDescription(String value) {
        targetDescription = value;
        return self();
    }

    /** Injects the clock (tests). */
    Profiler.Builder clock(Clock value) {
        clock = Objects.requireNonNull(value);
        return self();
    }

    /** Injects where stacks come from, given the threads to profile (tests). */
    Profiler.Builder stackSources(Function<ThreadSelector, StackSource> value) {
        sources = Objects.requireNonNull(value);
        return self();
    }

    /** No sampler thread: the caller drives {@link Profiler#tick()} (deterministic tests). */
    Profiler.Builder manualSampling() {
        manualSampling = true;
        return self();
    }

    /** Injects how a browser is opened (tests). */
    Profiler.Builder browser(BrowserLauncher value) {
        browser = Objects.requireNonNull(value);
        return self();
    }

    /** Injects where messages such as "the report is at ..." go (tests). */
    Profiler.Builder messages(PrintStream value) {
        messages = Objects.requireNonNull(value);
        return self();
    }
}

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
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The profiler: pyinstrument's {@code Profiler} for Java code. It samples the stack of the thread that
 * called {@link #start()} (or, with {@link Builder#allThreads(boolean)}, every application thread) every
 * {@link #interval()}, and {@link #stop()} turns what it saw into a {@link Session}.
 *
 * <pre>{@code
 * Profiler profiler = Profiler.startNew();   // profiles this thread every 1 ms
 * try (profiler) {
 *     doWork();
 * }                                          // close() stops the profiler
 * profiler.print();                          // or outputText(), outputHtml(), openInBrowser(), output(renderer)
 * }</pre>
 *
 * <p>No agent is needed: {@code jprof.jar} on the class path is enough. A profiler can be started again
 * after {@link #stop()}; the new recording is combined with the previous one ({@link Session#combine}).
 * Reports are trimmed to begin at the caller of {@code start()}; see {@link #start(StackWalker.StackFrame)}.
 * All methods are thread-safe.
 *
 * <p>A profiler started on a virtual thread (JDK 21+) samples that thread through
 * {@code Thread.getStackTrace()}; its waits while unmounted show as {@code [await]}. With
 * {@link Builder#allThreads(boolean)}, virtual threads are sampled too when the async mode is not
 * {@link AsyncMode#DISABLED} and jprof can reach {@code jdk.internal.vm}; see {@link AsyncMode}.
 */
public final class Profiler extends SessionOutput implements AutoCloseable {
    /** The default time between samples: 1 ms, as in pyinstrument. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(1);
    /** The default memory bound of one recording, in bytes (as the agent's {@code max_memory}). */
    public static final long DEFAULT_MAX_MEMORY = SampleStore.DEFAULT_MAX_BYTES;

    private final Duration interval;
    private final AsyncMode asyncMode;
    private final boolean allThreads;
    private final Predicate<Thread> threadFilter;
    private final long maxMemory;
    private final int threadsPerTick;
    private final StackWalk stackWalk;
    private final StackSourceKind stackSource;
    private final double maxOverhead;
    private final String targetDescription;
    private final Clock clock;
    private final Function<ThreadSelector, StackSource> sources;
    private final boolean manualSampling;
    private final PrintStream messages;

    private Recorder recorder;
    private long startThreadId;
    private List<StackTraceElement> startCallStack = List.of();
    private Session lastSession;

    /** A profiler of the calling thread, sampling every {@link #DEFAULT_INTERVAL}, async mode {@link AsyncMode#ENABLED}. */
    public Profiler() {
        this(DEFAULT_INTERVAL);
    }

    /**
     * A profiler of the calling thread with async mode {@link AsyncMode#ENABLED}.
     *
     * @param interval the minimum time between two samples; the resolution of the profile
     * @throws IllegalArgumentException when the interval is not positive
     */
    public Profiler(Duration interval) {
        this(interval, AsyncMode.ENABLED);
    }

    /**
     * A profiler of the calling thread.
     *
     * @param interval  the minimum time between two samples; the resolution of the profile
     * @param asyncMode how asynchronous code is treated (see {@link AsyncMode})
     * @throws IllegalArgumentException when the interval is not positive
     */
    public Profiler(Duration interval, AsyncMode asyncMode) {
        this(new Builder().interval(interval).asyncMode(asyncMode));
    }

    private Profiler(Builder b) {
        super(b.browser, b.messages);
        this.interval = b.interval;
        this.asyncMode = b.asyncMode;
        this.allThreads = b.allThreads || b.threadFilter != null;
        this.threadFilter = b.threadFilter;
        this.maxMemory = b.maxMemory;
        this.threadsPerTick = b.threadsPerTick;
        this.stackWalk = b.stackWalk;
        this.stackSource = b.stackSource;
        this.maxOverhead = b.maxOverhead;
        this.targetDescription = b.targetDescription;
        this.clock = b.clock;
        this.sources = b.sources;
        this.manualSampling = b.manualSampling;
        this.messages = b.messages;
    }

    /**
     * A builder for the options the constructors do not take, such as profiling all threads.
     *
     * @return a builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates a profiler with the defaults and starts it, for {@code try (Profiler p = Profiler.startNew()) {...}}.
     * (It is not called {@code start()} because that is the instance method that starts or restarts a
     * profiler; Java does not allow a static and an instance method of the same signature.)
     *
     * @return a running profiler of the calling thread
     */
    public static Profiler startNew() {
        return new Profiler().start();
    }

    /**
     * Profiles a block of code on the calling thread with the defaults.
     *
     * @param work the code to profile
     * @param <E>  the checked exception the code may throw
     * @return the session recorded while {@code work} ran
     * @throws E what {@code work} throws; the profiler is stopped first
     */
    public static <E extends Exception> Session profile(ThrowingRunnable<E> work) throws E {
        Profiler profiler = new Profiler().start();
        try {
            work.run();
        } finally {
            profiler.close();
        }
        return profiler.lastSession();
    }

    /**
     * Profiles a computation on the calling thread with the defaults.
     *
     * @param work the code to profile
     * @param <T>  the type of its result
     * @return the result and the session recorded while {@code work} ran
     * @throws Exception what {@code work} throws; the profiler is stopped first
     */
    public static <T> Profiled<T> profile(Callable<T> work) throws Exception {
        Profiler profiler = new Profiler().start();
        T result;
        try {
            result = work.call();
        } finally {
            profiler.close();
        }
        return new Profiled<>(result, profiler.lastSession());
    }

    /**
     * The minimum time between two samples: the resolution of the profile.
     *
     * @return the interval
     */
    public Duration interval() {
        return interval;
    }

    /**
     * How asynchronous code is treated: whether waits on futures and unmounted virtual threads become
     * {@code [await]}, and whether virtual threads are profiled as threads of their own; see {@link AsyncMode}.
     *
     * @return the async mode
     */
    public AsyncMode asyncMode() {
        return asyncMode;
    }

    /**
     * How busy platform threads' stacks are taken.
     *
     * @return the stack walk
     */
    public StackWalk stackWalk() {
        return stackWalk;
    }

    /** Where running threads' stacks come from (the agent's {@code stack_source}). */
    public StackSourceKind stackSource() {
        return stackSource;
    }

    /**
     * The most platform threads walked again per tick.
     *
     * @return at least 1
     */
    public int threadsPerTick() {
        return threadsPerTick;
    }

    /**
     * The bound on the sampler's cost, as a share of wall time.
     *
     * @return 0 for none
     */
    public double maxOverhead() {
        return maxOverhead;
    }

    /**
     * Whether every application thread is profiled rather than only the thread that called {@code start()}.
     *
     * @return true when all threads are profiled
     */
    public boolean profilesAllThreads() {
        return allThreads;
    }

    /**
     * Starts profiling the calling thread (or all threads), treating the caller of this method as the
     * start of the profile: reports begin at the caller. Restarting a stopped profiler records a new
     * session that {@link #stop()} combines with the previous one.
     *
     * @return this profiler, for {@code try (Profiler p = new Profiler().start()) {...}}
     * @throws IllegalStateException when this profiler is already running
     */
    public Profiler start() {
        return begin(null, null);
    }

    /**
     * Starts profiling, treating {@code callerFrame} instead of the caller of this method as the start of
     * the profile (pyinstrument's {@code caller_frame}). A library that wraps jprof passes its own caller,
     * e.g. {@code StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).get()}, so reports begin in
     * the code that called the library.
     *
     * @param callerFrame a frame of the calling thread's current stack, or null for the default
     * @return this profiler
     * @throws IllegalStateException    when this profiler is already running
     * @throws IllegalArgumentException when {@code callerFrame} is not on the calling thread's stack
     */
    public Profiler start(StackWalker.StackFrame callerFrame) {
        if (callerFrame == null) {
            return start();
        }
        return begin(e -> CallerStack.matches(e, callerFrame.getClassName(), callerFrame.getMethodName(),
                callerFrame.getLineNumber()), callerFrame.toString());
    }

    /**
     * As {@link #start(StackWalker.StackFrame)}, with the frame described by a stack trace element
     * (class, method and, when positive, line number must match).
     *
     * @param callerFrame a frame of the calling thread's current stack, or null for the default
     * @return this profiler
     * @throws IllegalStateException    when this profiler is already running
     * @throws IllegalArgumentException when {@code callerFrame} is not on the calling thread's stack
     */
    public Profiler start(StackTraceElement callerFrame) {
        if (callerFrame == null) {
            return start();
        }
        return begin(e -> CallerStack.matches(e, callerFrame.getClassName(), callerFrame.getMethodName(),
                callerFrame.getLineNumber()), callerFrame.toString());
    }

    private synchronized Profiler begin(Predicate<StackTraceElement> isCaller, String callerText) {
        if (recorder != null) {
            throw new IllegalStateException("this Profiler is already running: call stop() before starting it again,"
                    + " or use a second Profiler");
        }
        List<StackTraceElement> stack = CallerStack.of(isCaller, callerText);
        Thread caller = Thread.currentThread();
        ThreadSelector selector = threadFilter != null ? ThreadSelector.applicationThreadsMatching(threadFilter)
                : allThreads ? ThreadSelector.allApplicationThreads() : ThreadSelector.only(caller);
        String description = targetDescription != null ? targetDescription : describeTarget();
        StackSource source = sources != null ? sources.apply(selector)
                : threadFilter != null ? stackSources().platformThreads(selector)
                : allThreads ? stackSources().allThreads(null, clock, messages) : stackSources().thread(caller);
        Recorder r = new Recorder(source, clock, interval, CodeLocator.forCurrentJvm()::locate,
                description, Integer.MAX_VALUE).asyncMode(asyncMode).maxMemory(maxMemory).maxOverhead(maxOverhead)
                .awaitFirstSample();
        if (manualSampling) {
            r.startManual();
        } else {
            r.start();
        }
        recorder = r;
        startThreadId = caller.getId();
        startCallStack = stack;
        return this;
    }

    /** The same choice of stack sources as the agent's, for this profiler's options. */
    private StackSourceChoice stackSources() {
        return new StackSourceChoice(asyncMode, false, stackWalk, threadsPerTick,
                StackSourceChoice.DEFAULT_VIRTUAL_THREADS_PER_TICK).stackSource(stackSource, interval, clock, messages);
    }

    private static String describeTarget() {
        String command = System.getProperty("sun.java.command", "");
        return command.isEmpty() ? "pid " + ProcessHandle.current().pid() : command;
    }

    /**
     * Stops profiling and sets {@link #lastSession()}: the new recording, or, when this profiler was
     * restarted, the previous session combined with it.
     *
     * @return the captured session
     * @throws IllegalStateException when this profiler is not running
     */
    public synchronized Session stop() {
        if (recorder == null) {
            throw new IllegalStateException("this Profiler is not running: call start() before stop()");
        }
        Recorder r = recorder;
        recorder = null;
        r.stop();
        Session session = r.snapshot().withStartCallStack(startThreadId, startCallStack);
        lastSession = lastSession == null ? session : Session.combine(lastSession, session);
        return lastSession;
    }

    /**
     * Whether this profiler is running: started and not yet stopped.
     *
     * @return true while running
     */
    public synchronized boolean isRunning() {
        return recorder != null;
    }

    /**
     * The session captured by the last {@link #stop()} (combined with earlier ones since the last
     * {@link #reset()}).
     *
     * @return the session, or null when none was recorded yet
     */
    public synchronized Session lastSession() {
        return lastSession;
    }

    /** Stops this profiler if it is running and forgets {@link #lastSession()}; the next start begins afresh. */
    public synchronized void reset() {
        if (recorder != null) {
            stop();
        }
        lastSession = null;
    }

    /** Stops this profiler if it is running, so it can be used in try-with-resources; never throws. */
    @Override
    public synchronized void close() {
        if (recorder != null) {
            stop();
        }
    }

    /** Takes one sample now; only for profilers built with manual sampling (deterministic tests). */
    synchronized void tick() {
        if (recorder == null || !manualSampling) {
            throw new IllegalStateException("tick() needs a running profiler built with manual sampling");
        }
        recorder.tick();
    }

    @Override
    public String toString() {
        return "Profiler[interval=" + interval + ", asyncMode=" + asyncMode + ", allThreads=" + allThreads
                + ", running=" + isRunning() + "]";
    }

    /**
     * Options of a {@link Profiler}: {@code Profiler.builder().interval(Duration.ofMillis(5)).allThreads(true).build()}.
     */
    public static final class Builder {
        private Duration interval = DEFAULT_INTERVAL;
        private AsyncMode asyncMode = AsyncMode.ENABLED;
        private boolean allThreads;
        private Predicate<Thread> threadFilter;
        private long maxMemory = DEFAULT_MAX_MEMORY;
        private int threadsPerTick = PlatformStackSource.DEFAULT_REWALKS_PER_TICK;
        private StackWalk stackWalk = StackWalk.AUTO;
        private StackSourceKind stackSource = StackSourceKind.AUTO;
        private double maxOverhead;
        private String targetDescription;
        private Clock clock = Clock.system();
        /** Null: the same choice as the agent's ({@link StackSourceChoice}). */
        private Function<ThreadSelector, StackSource> sources;
        private boolean manualSampling;
        private BrowserLauncher browser = BrowserLauncher.system();
        private PrintStream messages = System.err;

        private Builder() {
        }

        /**
         * Sets the minimum time between two samples (default {@link #DEFAULT_INTERVAL}).
         *
         * @param value a positive duration
         * @return this builder
         * @throws IllegalArgumentException when the duration is null or not positive
         */
        public Builder interval(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("interval must be a positive duration, got " + value);
            }
            interval = value;
            return this;
        }

        /**
         * Sets the async mode (default {@link AsyncMode#ENABLED}).
         *
         * @param value the mode
         * @return this builder
         */
        public Builder asyncMode(AsyncMode value) {
            asyncMode = Objects.requireNonNull(value, "asyncMode");
            return this;
        }

        /**
         * Profiles every application thread, each under its own thread frame, instead of only the thread
         * that calls {@code start()} (the default, as in pyinstrument).
         *
         * @param value true to profile all threads
         * @return this builder
         */
        public Builder allThreads(boolean value) {
            allThreads = value;
            return this;
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
        public Builder threads(Predicate<Thread> filter) {
            threadFilter = filter;
            return this;
        }

        /**
         * Bounds the recording's memory (default {@link #DEFAULT_MAX_MEMORY}, 32 MB). When it is reached,
         * older timeline detail is aggregated and new stacks are kept at their known callers; totals stay
         * exact and the report's header says so.
         *
         * @param bytes the bound in bytes, at least 1 MB
         * @return this builder
         * @throws IllegalArgumentException when the bound is under 1 MB
         */
        public Builder maxMemory(long bytes) {
            if (bytes < SampleStore.MIN_MAX_BYTES) {
                throw new IllegalArgumentException("maxMemory must be at least 1 MB (1048576 bytes), got " + bytes);
            }
            maxMemory = bytes;
            return this;
        }

        /**
         * The most platform threads walked again per tick, those waiting longest first (the agent's
         * {@code threads_per_tick}); a thread's first walk is never put off.
         *
         * @param value at least 1; default {@link PlatformStackSource#DEFAULT_REWALKS_PER_TICK}
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is less than 1
         */
        public Builder threadsPerTick(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("threadsPerTick must be at least 1, got " + value);
            }
            threadsPerTick = value;
            return this;
        }

        /**
         * How busy platform threads' stacks are taken (the agent's {@code stack_walk}).
         *
         * @param value default {@link StackWalk#AUTO}
         * @return this builder
         */
        public Builder stackWalk(StackWalk value) {
            stackWalk = Objects.requireNonNull(value, "stackWalk");
            return this;
        }

        /**
         * Where running threads' stacks come from (the agent's {@code stack_source}): the JVM's execution
         * sampler (JFR, no safepoint bias, from a second into the profile) or jprof's walks.
         *
         * @param value default {@link StackSourceKind#AUTO}, the same choice as the agent's
         * @return this builder
         */
        public Builder stackSource(StackSourceKind value) {
            stackSource = Objects.requireNonNull(value, "stackSource");
            return this;
        }

        /**
         * Stretches the interval to keep the sampler's cost under this share of wall time (the agent's
         * {@code max_overhead}).
         *
         * @param share from 0 (no bound, the default) to 0.5, e.g. 0.01 for 1%
         * @return this builder
         * @throws IllegalArgumentException when {@code share} is outside 0..0.5
         */
        public Builder maxOverhead(double share) {
            if (!(share >= 0 && share <= 0.5)) {
                throw new IllegalArgumentException("maxOverhead must be a share from 0 to 0.5, got " + share);
            }
            maxOverhead = share;
            return this;
        }

        /**
         * Sets what the report's header names as the profiled program (default: the command line).
         *
         * @param value a description, or null for the default
         * @return this builder
         */
        public Builder targetDescription(String value) {
            targetDescription = value;
            return this;
        }

        /** Injects the clock (tests). */
        Builder clock(Clock value) {
            clock = Objects.requireNonNull(value);
            return this;
        }

        /** Injects where stacks come from, given the threads to profile (tests). */
        Builder stackSources(Function<ThreadSelector, StackSource> value) {
            sources = Objects.requireNonNull(value);
            return this;
        }

        /** No sampler thread: the caller drives {@link Profiler#tick()} (deterministic tests). */
        Builder manualSampling() {
            manualSampling = true;
            return this;
        }

        /** Injects how a browser is opened (tests). */
        Builder browser(BrowserLauncher value) {
            browser = Objects.requireNonNull(value);
            return this;
        }

        /** Injects where messages such as "the report is at ..." go (tests). */
        Builder messages(PrintStream value) {
            messages = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Builds a profiler; it does not start until {@link Profiler#start()}.
         *
         * @return a new profiler
         */
        public Profiler build() {
            return new Profiler(this);
        }

        /**
         * Builds a profiler and starts it on the calling thread.
         *
         * @return a running profiler
         */
        public Profiler start() {
            return build().start();
        }
    }
}

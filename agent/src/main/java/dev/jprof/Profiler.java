package dev.jprof;

import dev.jprof.sampling.SampleStore;
import dev.jprof.sampling.StackSourceKind;
import dev.jprof.sampling.StackWalk;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
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

    /** The options, copied from the builder: a profiler's options never change. */
    private final ProfilerSettings settings;

    private ProfilerRun run;
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
        this.settings = b.frozenCopy();
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
        return settings.interval;
    }

    /**
     * How asynchronous code is treated: whether waits on futures and unmounted virtual threads become
     * {@code [await]}, and whether virtual threads are profiled as threads of their own; see {@link AsyncMode}.
     *
     * @return the async mode
     */
    public AsyncMode asyncMode() {
        return settings.asyncMode;
    }

    /**
     * How busy platform threads' stacks are taken.
     *
     * @return the stack walk
     */
    public StackWalk stackWalk() {
        return settings.stackWalk;
    }

    /** Where running threads' stacks come from (the agent's {@code stack_source}). */
    public StackSourceKind stackSource() {
        return settings.stackSource;
    }

    /**
     * The most platform threads walked again per tick.
     *
     * @return at least 1
     */
    public int threadsPerTick() {
        return settings.threadsPerTick;
    }

    /**
     * The bound on the sampler's cost, as a share of wall time.
     *
     * @return 0 for none
     */
    public double maxOverhead() {
        return settings.maxOverhead;
    }

    /**
     * Whether every application thread is profiled rather than only the thread that called {@code start()}.
     *
     * @return true when all threads are profiled
     */
    public boolean profilesAllThreads() {
        return settings.profilesAllThreads();
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
        if (run != null) {
            throw new IllegalStateException("this Profiler is already running: call stop() before starting it again,"
                    + " or use a second Profiler");
        }
        // Taken here, not in ProfilerRun: CallerStack skips the Profiler's own frames to find the caller.
        List<StackTraceElement> stack = CallerStack.of(isCaller, callerText);
        run = ProfilerRun.start(settings, stack);
        return this;
    }

    /**
     * Stops profiling and sets {@link #lastSession()}: the new recording, or, when this profiler was
     * restarted, the previous session combined with it.
     *
     * @return the captured session
     * @throws IllegalStateException when this profiler is not running
     */
    public synchronized Session stop() {
        if (run == null) {
            throw new IllegalStateException("this Profiler is not running: call start() before stop()");
        }
        ProfilerRun r = run;
        run = null;
        Session session = r.stop();
        lastSession = lastSession == null ? session : Session.combine(lastSession, session);
        return lastSession;
    }

    /**
     * Whether this profiler is running: started and not yet stopped.
     *
     * @return true while running
     */
    public synchronized boolean isRunning() {
        return run != null;
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
        if (run != null) {
            stop();
        }
        lastSession = null;
    }

    /** Stops this profiler if it is running, so it can be used in try-with-resources; never throws. */
    @Override
    public synchronized void close() {
        if (run != null) {
            stop();
        }
    }

    /** Takes one sample now; only for profilers built with manual sampling (deterministic tests). */
    synchronized void tick() {
        if (run == null || !settings.manualSampling) {
            throw new IllegalStateException("tick() needs a running profiler built with manual sampling");
        }
        run.tick();
    }

    @Override
    public String toString() {
        return "Profiler[interval=" + settings.interval + ", asyncMode=" + settings.asyncMode
                + ", allThreads=" + settings.profilesAllThreads()
                + ", running=" + isRunning() + "]";
    }

    /**
     * Options of a {@link Profiler}: {@code Profiler.builder().interval(Duration.ofMillis(5)).allThreads(true).build()}.
     */
    public static final class Builder extends ProfilerSettings {
        private Builder() {
        }

        @Override
        Builder self() {
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

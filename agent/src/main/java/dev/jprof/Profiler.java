package dev.jprof;

import dev.jprof.renderers.ConsoleRenderer;
import dev.jprof.renderers.RenderOptions;
import dev.jprof.renderers.Renderer;
import dev.jprof.renderers.Renderers;
import dev.jprof.sampling.Clock;
import dev.jprof.sampling.CompositeStackSource;
import dev.jprof.sampling.PlatformStackSource;
import dev.jprof.sampling.SampleStore;
import dev.jprof.sampling.StackSource;
import dev.jprof.sampling.ThreadSelector;
import dev.jprof.sampling.ThreadStackSource;
import dev.jprof.sampling.VirtualThreadStackSource;
import dev.jprof.sampling.VirtualThreads;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * <p>Today jprof samples platform threads only, whatever the {@link AsyncMode}: a profiler started on a
 * virtual thread records no samples of it until jprof's async support lands.
 */
public final class Profiler implements AutoCloseable {
    /** The default time between samples: 1 ms, as in pyinstrument. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(1);
    /** The default memory bound of one recording, in bytes (as the agent's {@code max_memory}). */
    public static final long DEFAULT_MAX_MEMORY = SampleStore.DEFAULT_MAX_BYTES;

    private final Duration interval;
    private final AsyncMode asyncMode;
    private final boolean allThreads;
    private final long maxMemory;
    private final String targetDescription;
    private final Clock clock;
    private final Function<ThreadSelector, StackSource> sources;
    private final boolean manualSampling;
    private final BrowserLauncher browser;
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
        this.interval = b.interval;
        this.asyncMode = b.asyncMode;
        this.allThreads = b.allThreads;
        this.maxMemory = b.maxMemory;
        this.targetDescription = b.targetDescription;
        this.clock = b.clock;
        this.sources = b.sources;
        this.manualSampling = b.manualSampling;
        this.browser = b.browser;
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
     * How asynchronous code is treated. Today every mode samples platform threads the same way; see
     * {@link AsyncMode}.
     *
     * @return the async mode
     */
    public AsyncMode asyncMode() {
        return asyncMode;
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
        return begin(e -> matches(e, callerFrame.getClassName(), callerFrame.getMethodName(),
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
        return begin(e -> matches(e, callerFrame.getClassName(), callerFrame.getMethodName(),
                callerFrame.getLineNumber()), callerFrame.toString());
    }

    private static boolean matches(StackTraceElement e, String className, String method, int line) {
        return e.getClassName().equals(className) && e.getMethodName().equals(method)
                && (line <= 0 || e.getLineNumber() <= 0 || e.getLineNumber() == line);
    }

    private synchronized Profiler begin(Predicate<StackTraceElement> isCaller, String callerText) {
        if (recorder != null) {
            throw new IllegalStateException("this Profiler is already running: call stop() before starting it again,"
                    + " or use a second Profiler");
        }
        List<StackTraceElement> stack = callerStack(isCaller, callerText);
        Thread caller = Thread.currentThread();
        ThreadSelector selector = allThreads ? ThreadSelector.allApplicationThreads() : ThreadSelector.only(caller);
        String description = targetDescription != null ? targetDescription : describeTarget();
        StackSource source = sources != null ? sources.apply(selector) : defaultSource(selector, caller);
        Recorder r = new Recorder(source, clock, interval, CodeLocator.forCurrentJvm()::locate,
                description, Integer.MAX_VALUE).asyncMode(asyncMode).maxMemory(maxMemory).awaitFirstSample();
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

    /**
     * The stacks to sample: the calling thread (through {@code Thread.getStackTrace()} when it is a virtual
     * thread, which ThreadMXBean cannot see), or every platform thread plus, on JDK 21+ unless the async
     * mode is disabled, the virtual threads when {@code jdk.internal.vm} is exported to jprof.
     */
    private StackSource defaultSource(ThreadSelector selector, Thread caller) {
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

    /**
     * The calling thread's stack, outermost first, down to the caller: the first frame outside jprof's
     * Profiler, or the first frame {@code isCaller} accepts.
     */
    private static List<StackTraceElement> callerStack(Predicate<StackTraceElement> isCaller, String callerText) {
        StackTraceElement[] here = Thread.currentThread().getStackTrace();
        int first = 0;
        while (first < here.length && isOwnFrame(here[first])) {
            first++;
        }
        int caller = isCaller == null ? first : -1;
        for (int i = first; isCaller != null && i < here.length; i++) {
            if (isCaller.test(here[i])) {
                caller = i;
                break;
            }
        }
        if (caller < 0) {
            throw new IllegalArgumentException("callerFrame " + callerText
                    + " is not on the stack of the thread calling start()");
        }
        List<StackTraceElement> out = new ArrayList<>(here.length - caller);
        for (int i = here.length - 1; i >= caller; i--) {
            out.add(here[i]);
        }
        return out;
    }

    private static boolean isOwnFrame(StackTraceElement e) {
        String c = e.getClassName();
        return c.equals("java.lang.Thread") && e.getMethodName().equals("getStackTrace")
                || c.equals(Profiler.class.getName()) || c.startsWith(Profiler.class.getName() + "$");
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

    // ---- output ----

    /**
     * Prints the last session as text to {@code System.out}, detecting unicode and colour support.
     *
     * @throws IllegalStateException when no session was recorded yet
     */
    public void print() {
        print(System.out, new RenderOptions());
    }

    /**
     * Prints the last session as text.
     *
     * @param out     where to print; for {@code System.out} and {@code System.err}, unicode and colour left
     *                unset in {@code options} are detected from the terminal
     * @param options unicode, color, showAll, timeline, time and processor options
     * @throws IllegalStateException when no session was recorded yet
     */
    public void print(PrintStream out, RenderOptions options) {
        boolean toTerminal = out == System.out || out == System.err;
        out.print(output(Renderers.create("text", options, toTerminal)));
        out.flush();
    }

    /**
     * The last session as plain text (no unicode, no colour), as rendered by {@link ConsoleRenderer}.
     *
     * @return the text report
     * @throws IllegalStateException when no session was recorded yet
     */
    public String outputText() {
        return outputText(new RenderOptions());
    }

    /**
     * The last session as text, as rendered by {@link ConsoleRenderer}, with pyinstrument's
     * {@code output_text} parameters.
     *
     * @param unicode  use box-drawing characters
     * @param color    use ANSI colours
     * @param showAll  show library frames and tiny nodes too
     * @param timeline keep samples in time order instead of aggregating
     * @return the text report
     * @throws IllegalStateException when no session was recorded yet
     */
    public String outputText(boolean unicode, boolean color, boolean showAll, boolean timeline) {
        return outputText(new RenderOptions().unicode(unicode).color(color).showAll(showAll).timeline(timeline));
    }

    /**
     * The last session as text, as rendered by {@link ConsoleRenderer}.
     *
     * @param options render options; unicode and colour left unset mean off
     * @return the text report
     * @throws IllegalStateException when no session was recorded yet
     */
    public String outputText(RenderOptions options) {
        RenderOptions o = copy(options);
        o.unicode(options.unicode() != null && options.unicode());
        o.color(options.color() != null && options.color());
        return output(Renderers.create("text", o, false));
    }

    /**
     * The last session as an interactive HTML page, as rendered by the {@code html} renderer.
     *
     * @return the HTML page
     * @throws IllegalStateException         when no session was recorded yet
     * @throws UnsupportedOperationException when this build of jprof has no HTML renderer
     */
    public String outputHtml() {
        return outputHtml(new RenderOptions());
    }

    /**
     * The last session as an interactive HTML page, as rendered by the {@code html} renderer.
     *
     * @param options showAll, timeline and processor options
     * @return the HTML page
     * @throws IllegalStateException         when no session was recorded yet
     * @throws UnsupportedOperationException when this build of jprof has no HTML renderer
     */
    public String outputHtml(RenderOptions options) {
        Session session = requireSession();
        return htmlRenderer(options).render(session);
    }

    /**
     * Writes the last session as HTML to a temporary file and opens it in the web browser; when no browser
     * can be opened (a headless machine), prints the file's path to standard error instead.
     *
     * @return the HTML file
     * @throws IllegalStateException         when no session was recorded yet
     * @throws UnsupportedOperationException when this build of jprof has no HTML renderer
     * @throws UncheckedIOException          when the temporary file cannot be written
     */
    public Path openInBrowser() {
        return openInBrowser(new RenderOptions());
    }

    /**
     * As {@link #openInBrowser()}, with render options.
     *
     * @param options showAll, timeline and processor options
     * @return the HTML file
     * @throws IllegalStateException         when no session was recorded yet
     * @throws UnsupportedOperationException when this build of jprof has no HTML renderer
     * @throws UncheckedIOException          when the temporary file cannot be written
     */
    public Path openInBrowser(RenderOptions options) {
        requireSession();
        return openInBrowser(htmlRenderer(options));
    }

    Path openInBrowser(Renderer renderer) {
        String html = output(renderer);
        Path file;
        try {
            file = Files.createTempFile("jprof-", ".html");
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("jprof: could not write the HTML report to a temporary file: " + e, e);
        }
        if (!browser.open(file)) {
            messages.println("jprof: no web browser could be opened; the report is at " + file.toAbsolutePath());
        }
        return file;
    }

    /**
     * The last session as rendered by {@code renderer}.
     *
     * @param renderer any renderer, e.g. a configured {@link ConsoleRenderer}
     * @return the rendered output
     * @throws IllegalStateException when no session was recorded yet
     */
    public String output(Renderer renderer) {
        Objects.requireNonNull(renderer, "renderer");
        return renderer.render(requireSession());
    }

    /**
     * The last session as rendered by a renderer named as on the command line ({@code text},
     * {@code session}, ... or a {@link Renderer} class name; see {@link Renderers#names()}).
     *
     * @param rendererName the renderer's name
     * @param options      render options
     * @return the rendered output
     * @throws IllegalStateException    when no session was recorded yet
     * @throws IllegalArgumentException when no renderer has that name
     */
    public String output(String rendererName, RenderOptions options) {
        Session session = requireSession();
        return Renderers.create(rendererName, options, false).render(session);
    }

    private Session requireSession() {
        Session s = lastSession();
        if (s == null) {
            throw new IllegalStateException("no profile session recorded yet: call start() and then stop() first");
        }
        return s;
    }

    private static Renderer htmlRenderer(RenderOptions options) {
        try {
            return Renderers.create("html", options, false);
        } catch (IllegalArgumentException e) {
            if (Renderers.names().contains("html")) {
                throw e;
            }
            throw new UnsupportedOperationException("HTML output is not available in this build of jprof ("
                    + e.getMessage() + ")", e);
        }
    }

    private static RenderOptions copy(RenderOptions o) {
        return new RenderOptions().showAll(o.showAll()).timeline(o.timeline()).unicode(o.unicode()).color(o.color())
                .time(o.time()).processorOptions(o.processorOptions());
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
        private long maxMemory = DEFAULT_MAX_MEMORY;
        private String targetDescription;
        private Clock clock = Clock.system();
        /** Null: {@link Profiler#defaultSource}. */
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

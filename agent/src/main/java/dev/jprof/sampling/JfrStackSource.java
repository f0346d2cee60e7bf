package dev.jprof.sampling;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Platform threads' stacks with running threads' stacks taken from the JVM's own execution sampler (JFR)
 * instead of safepoint walks: denser (the walk of a busy thread is what makes the governor stretch the
 * interval) and without safepoint bias. jprof's ticks still read every thread's state and CPU time and keep
 * walking or reusing the stacks of waiting threads; {@link JfrJoin} spreads each running thread's window of
 * wall time over JFR's stacks of it in that window. JFR starts {@link #START_DELAY_NANOS} after sampling, off
 * the sampler thread, so a short program never pays for a recording; until then, and whenever JFR cannot
 * record, every stack is walked as by the walk source alone.
 */
public final class JfrStackSource implements StackSource {
    /** Sampling runs this long on walks alone before JFR is started. */
    public static final long START_DELAY_NANOS = 1_000_000_000L;
    /** At stop, the longest wait for JFR's last samples (JDK 17 cannot ask for them: its flush is periodic). */
    static final long FINISH_TIMEOUT_NANOS = 1_500_000_000L;
    /** In {@link #describe()} when JFR's stacks were used without exact debug info for inlined code. */
    public static final String WITHOUT_DEBUG_NON_SAFEPOINTS = "without DebugNonSafepoints";

    private final StackSource walk;
    private final Clock clock;
    private final JfrJoin join;
    private final JfrFrames frames = new JfrFrames();
    private final Function<JfrFrames, ExecutionSamples> opener;
    private final Consumer<Runnable> starter;
    private final long startDelay;
    private final PrintStream err;
    private final List<JfrSample> arrived = new ArrayList<>();
    private final Joining joining = new Joining();
    private volatile ExecutionSamples feed;
    private boolean startRequested;
    private boolean finished;
    private boolean started;
    private long firstTick;
    private long previousTick;

    /**
     * @param opener     starts the feed of JFR samples (throws when JFR cannot record)
     * @param starter    runs the opener (a thread of its own; tests run it at once)
     * @param startDelay sampling time on walks alone before the opener runs
     */
    JfrStackSource(StackSource walk, Clock clock, long intervalNanos, Function<JfrFrames, ExecutionSamples> opener,
                   Consumer<Runnable> starter, long startDelay, PrintStream err) {
        this.walk = walk;
        this.clock = clock;
        this.join = new JfrJoin(intervalNanos);
        this.opener = opener;
        this.starter = starter;
        this.startDelay = startDelay;
        this.err = err;
        if (walk instanceof RunningWalks) {
            ((RunningWalks) walk).deferRunningWalks(id -> feed != null && join.covered(id));
        }
    }

    /** The real thing: a {@link RecordingStreamSamples} at the interval, started on a thread of its own. */
    public static JfrStackSource over(PlatformStackSource walk, Clock clock, long intervalNanos, PrintStream err) {
        return new JfrStackSource(walk, clock, intervalNanos, f -> new RecordingStreamSamples(intervalNanos, f),
                r -> {
                    Thread t = new Thread(r, "jprof-jfr-start");
                    t.setDaemon(true);
                    t.start();
                }, START_DELAY_NANOS, err);
    }

    @Override
    public void sample(StackConsumer consumer) {
        long now = clock.nanoTime();
        if (!started) {
            started = true;
            firstTick = now;
            previousTick = now;
        }
        join.beginTick(now, previousTick);
        if (!startRequested && now - firstTick >= startDelay) {
            startRequested = true;
            starter.accept(this::open);
        }
        ExecutionSamples f = feed;
        if (f != null) {
            takeArrived(f);
        }
        joining.out = consumer;
        joining.jfr = f != null;
        try {
            walk.sample(joining);
        } finally {
            joining.out = null;
        }
        join.deliver(f == null ? Long.MAX_VALUE : f.watermark(), false, consumer);
        previousTick = now;
    }

    private void takeArrived(ExecutionSamples f) {
        arrived.clear();
        f.drainTo(arrived);
        for (JfrSample s : arrived) {
            join.addSample(s);
        }
        arrived.clear();
    }

    private void open() {
        ExecutionSamples f;
        try {
            f = opener.apply(frames);
        } catch (RuntimeException | LinkageError e) {
            err.println("jprof: JFR execution samples are unavailable (" + oneLine(e)
                    + "); running threads are walked (stack_source=walk)");
            return;
        }
        synchronized (this) {
            if (finished) {
                f.close();
            } else {
                feed = f;
            }
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }

    @Override
    public void finish(StackConsumer consumer) {
        ExecutionSamples f;
        synchronized (this) {
            finished = true;
            f = feed;
            feed = null;
        }
        if (f != null) {
            try {
                if (join.pendingSpans() > 0) {
                    f.awaitUpTo(previousTick, FINISH_TIMEOUT_NANOS);
                    takeArrived(f);
                }
            } finally {
                f.close();
            }
        }
        join.deliver(Long.MAX_VALUE, true, consumer);
    }

    @Override
    public void measureCost() {
        walk.measureCost();
    }

    @Override
    public long lastPauseNanos() {
        return walk.lastPauseNanos();
    }

    @Override
    public long lastHelperCpuNanos() {
        return walk.lastHelperCpuNanos();
    }

    /** Running windows that got JFR stacks, and those that kept a walk's or a neighbour's. */
    public long[] windows() {
        return new long[] {join.joinedWindows(), join.fallbackWindows()};
    }

    @Override
    public String describe() {
        long joined = join.joinedWindows();
        long total = joined + join.fallbackWindows();
        String share = total == 0 ? "no running window joined yet"
                : Math.round(100.0 * joined / total) + "% of running windows from JFR";
        return "JFR execution samples for running threads (" + share
                + (joined == 0 || debugNonSafepoints() ? "" : ", " + WITHOUT_DEBUG_NON_SAFEPOINTS) + "); "
                + walk.describe();
    }

    /** Whether the JVM keeps debug info between safepoints, which JFR needs to name inlined leaves exactly. */
    static boolean debugNonSafepoints() {
        try {
            return Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(
                    com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption("DebugNonSafepoints").getValue());
        } catch (IllegalArgumentException e) {
            return false; // a diagnostic flag is invisible unless unlocked, and then it cannot have been set
        } catch (RuntimeException | LinkageError e) {
            return true; // not HotSpot: nothing to advise
        }
    }

    /** The walk source's consumer: learns walked frames and hands everything to the join. */
    private final class Joining implements StackConsumer {
        StackConsumer out;
        boolean jfr;

        @Override
        public void accept(long threadId, String name, boolean virtual, byte state, StackTraceElement[] stack) {
            if (stack != null) {
                frames.learn(stack);
            }
            join.accept(threadId, name, state, stack, jfr, out);
        }

        @Override
        public void held(long threadId, String name, boolean virtual) {
            join.held(threadId, name, out);
        }

        @Override
        public void running(long threadId, String name) {
            join.running(threadId, name, out);
        }
    }
}

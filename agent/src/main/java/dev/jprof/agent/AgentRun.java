package dev.jprof.agent;

import dev.jprof.sampling.ThisProcess;
import dev.jprof.Recorder;
import dev.jprof.Session;
import dev.jprof.agent.push.PushConfig;
import dev.jprof.agent.push.Pusher;
import dev.jprof.renderers.Renderer;
import dev.jprof.renderers.Renderers;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One agent's profile from start-up to exit, as the options ask: start now, after {@code delay}, or idle
 * until {@code jprof attach PID start}; stop after {@code duration}; in {@code loop} mode write a report
 * every window (so a SIGKILL loses at most one window) keeping the last {@code keep}; dump the report so
 * far on {@code signal}; and write the last report at exit within {@code exit_timeout}. Reports are
 * rendered on jprof's own threads, never on the application's.
 */
final class AgentRun {
    private final AgentOptions options;
    private final Supplier<Recorder> newRecorder;
    private final PrintStream err;
    private final String mainClass;
    private final BooleanSupplier started;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jprof-scheduler");
        t.setDaemon(true);
        return t;
    });
    /**
     * Renders and writes reports, apart from the scheduler: a slow write (the first render loads and compiles
     * the renderer) must not make the next window start late and the one after it short.
     */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jprof-report-writer");
        t.setDaemon(true);
        return t;
    });
    private final Deque<Path> written = new ArrayDeque<>();
    /** Sends each report to the push server, or null without push. */
    private final Pusher pusher;
    private Recorder current;
    private int sequence;
    private boolean finished;

    /**
     * @param mainClass the program's main class, or null when unknown
     * @param started   whether the program started (its main class was loaded), asked at exit
     */
    AgentRun(AgentOptions options, Supplier<Recorder> newRecorder, PrintStream err, String mainClass,
             BooleanSupplier started) {
        this.options = options;
        this.newRecorder = newRecorder;
        this.err = err;
        this.mainClass = mainClass;
        this.started = started;
        this.pusher = options.push() == null ? null : new Pusher(new PushConfig(options.push(),
                options.appName() != null ? options.appName() : mainClass != null ? mainClass : "java",
                options.labels(), System::getenv), err);
    }

    /**
     * Decides whether this JVM profiles ({@code probability}) and sets everything up.
     *
     * @return false when this JVM does not profile
     */
    boolean begin(Random random) {
        if (options.probability() < 1) {
            double draw = random.nextDouble();
            boolean chosen = draw < options.probability();
            err.printf(java.util.Locale.ROOT, "jprof: probability=%s drew %.4f: %s%n", options.probability(), draw,
                    chosen ? "profiling this JVM" : "not profiling this JVM");
            if (!chosen) {
                return false;
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::atExit, "jprof-report"));
        log(ReportLog.Event.START, options.outfile());
        if (options.signal() != null) {
            SignalDump.install(options.signal(), this::onSignal, err);
        }
        if (!options.startNow()) {
            err.println("jprof: loaded idle (start=false); start profiling with: jprof attach "
                    + ThisProcess.pid() + " start");
            return true;
        }
        Duration delay = options.delay();
        if (delay.isZero()) {
            startRecording();
        } else {
            scheduler.schedule(this::startRecording, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
        return true;
    }

    /** The recorder profiling now, or null. */
    synchronized Recorder current() {
        return current;
    }

    private synchronized void startRecording() {
        if (finished) {
            return;
        }
        current = warmRecorder();
        Duration loop = options.loop();
        if (loop != null) {
            scheduler.scheduleAtFixedRate(this::rotate, loop.toNanos(), loop.toNanos(), TimeUnit.NANOSECONDS);
        }
        Duration duration = options.duration();
        if (duration != null) {
            scheduler.schedule(this::finish, duration.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * A new recorder, started once its sampler's warm-up sample is taken (a few ms): in premain, so that the program's
     * main runs inside the session from its first line (neither missing its start nor weighing the warm-up into a
     * sample); on jprof's scheduler thread for a loop window, so that the windows meet.
     */
    private Recorder warmRecorder() {
        Recorder r = newRecorder.get().awaitFirstSample();
        r.start();
        return r;
    }

    /** Ends a loop window: a fresh recorder takes over, then the finished window is written. */
    private void rotate() {
        Recorder done;
        synchronized (this) {
            if (finished || current == null) {
                return;
            }
            done = current;
            current = warmRecorder();
        }
        done.stop();
        writeLater(done);
    }

    /** Ends the profile: the recorder to write last, or null when it already ended or never started. */
    private synchronized Recorder takeLast() {
        if (finished || current == null) {
            return null;
        }
        finished = true;
        Recorder last = current;
        current = null;
        return last;
    }

    /** The {@code duration} is over: the last report, and sampling stops. */
    private void finish() {
        Recorder done = takeLast();
        if (done == null) {
            return;
        }
        done.stop();
        writeLater(done);
        writer.shutdown();
        scheduler.shutdown();
    }

    /** Queues a recorder's report for the writer; once the JVM is exiting the writer is closed, so here. */
    private void writeLater(Recorder r) {
        try {
            writer.execute(() -> write(r.snapshot()));
        } catch (RejectedExecutionException e) {
            write(r.snapshot());
        }
    }

    /**
     * The report so far, without stopping ({@code signal}). On the JVM's signal thread: it only queues the
     * report for the writer.
     */
    private void onSignal() {
        Recorder r = current();
        if (r != null) {
            writeLater(r);
        } else if (scheduler.isShutdown()) {
            err.println("jprof: signal received, but profiling has ended (duration); no report");
        } else {
            err.println("jprof: signal received, but not profiling now; no report");
        }
    }

    /** Writes the last window within {@code exit_timeout}, so a slow disk cannot hold the JVM's exit. */
    void atExit() {
        Recorder done = takeLast();
        if (done == null) {
            if (pusher != null) {
                pusher.close();
            }
            return;
        }
        log(ReportLog.Event.EXIT, options.outfile());
        // Stopped at once, written after the windows still queued; the whole bounded by exit_timeout.
        Thread exit = new Thread(() -> {
            done.stop();
            Future<?> last = writer.submit(() -> {
                if (started.getAsBoolean()) {
                    write(done.snapshot(), true);
                } else {
                    notStarted();
                }
            });
            writer.shutdown();
            try {
                last.get();
            } catch (InterruptedException | ExecutionException e) {
                // write() reports its own failures; the JVM is exiting
            }
            if (pusher != null) {
                pusher.close();
            }
        }, "jprof-exit");
        exit.setDaemon(true);
        exit.start();
        try {
            exit.join(options.exitTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (exit.isAlive()) {
            err.println("jprof: the report was not written within exit_timeout=" + options.exitTimeout().toMillis()
                    + "ms; the JVM exits without it");
        }
    }

    /**
     * The launcher could not load the main class (its own error is above): a report would only show the
     * launcher failing. The jprof command (quiet) gets an empty outfile, meaning "said already".
     */
    private void notStarted() {
        err.println("jprof: " + mainClass + " did not start (the main class was not loaded): no profile");
        log(ReportLog.Event.NONE, "did not start");
        if (options.quiet() && options.outfile() != null) {
            try {
                Files.write(Paths.get(options.outfile()), new byte[0]);
            } catch (IOException | RuntimeException e) {
                // the jprof command then says the profile is missing, which is true as well
            }
        }
    }

    private void write(Session session) {
        write(session, false);
    }

    private void write(Session session, boolean atExit) {
        if (pusher != null) {
            try {
                pusher.offer(session, atExit);
            } catch (Throwable t) {
                err.println("jprof: could not prepare the profile for push: " + t);
            }
            if (options.outfile() == null) {
                return; // pushed only: no report on stderr
            }
        }
        try {
            boolean toTerminal = options.outfile() == null;
            Renderer renderer = Renderers.create(options.renderer(), options.renderOptions(), toTerminal);
            byte[] report = renderer.renderBytes(session);
            int n;
            synchronized (this) {
                n = ++sequence;
            }
            String target = options.outfile() == null ? null
                    // The clock's time zone is looked up only for %t: that reads the tz database (~10-17 ms).
                    : ReportWriter.expand(options.outfile(), session.pid(),
                            options.outfile().contains("%t") ? LocalDateTime.now() : null, n);
            String where = new ReportWriter(err).write(target, report, renderer.outputFileExtension(), renderer.binary());
            if ((target != null && where.equals(target) || target == null && renderer.binary() && !where.equals("nowhere"))
                    && !options.quiet()) {
                err.println("jprof: report written to " + where);
            }
            if (target != null && where.equals(target)) {
                keepLast(Paths.get(where));
            }
            log(ReportLog.Event.REPORT, where);
        } catch (Throwable t) {
            err.println("jprof: could not write the report: " + t);
            log(ReportLog.Event.NONE, "could not write the report: " + t);
        }
    }

    private void log(ReportLog.Event event, String where) {
        ReportLog.append(options.reportLog(), event, MainClass.shown(mainClass, System.getProperty("sun.java.command")),
                where);
    }

    private synchronized void keepLast(Path file) throws IOException {
        written.remove(file);
        written.addLast(file);
        while (options.keep() > 0 && written.size() > options.keep()) {
            Files.deleteIfExists(written.removeFirst());
        }
    }
}

package dev.jprof.junit;

import dev.jprof.Profiler;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One test's profiler, started only once the test has run for a grace period: most tests end sooner and
 * then cost a scheduled task and its cancellation instead of a sampler thread's start and stop (~0.2 ms
 * each on this project's machines, measured in docs/PERFORMANCE.md). A slow test's profile misses at most
 * the grace period, which is at most a twentieth of the threshold (50 ms of the default 1 s); threads the
 * test started during it are still sampled. With a zero grace the profiler starts at once, on the test's
 * thread.
 */
final class DeferredProfile {
    static final Duration MAX_GRACE = Duration.ofMillis(50);

    /** One daemon thread for the whole JVM; its name starts with "jprof-", so it is never sampled. */
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final Profiler profiler;
    private Future<?> pending;
    private boolean started;
    private boolean stopped;

    private DeferredProfile(Profiler profiler) {
        this.profiler = profiler;
    }

    /** The grace period for a threshold: a twentieth of it, at most {@link #MAX_GRACE}. */
    static Duration grace(Duration threshold) {
        Duration twentieth = threshold.dividedBy(20);
        return twentieth.compareTo(MAX_GRACE) < 0 ? twentieth : MAX_GRACE;
    }

    /** Starts {@code profiler} after {@code grace}, or now when the grace is zero. */
    static DeferredProfile start(Profiler profiler, Duration grace) {
        DeferredProfile p = new DeferredProfile(profiler);
        if (grace.isZero()) {
            profiler.start();
            p.started = true;
        } else {
            p.pending = TIMER.schedule(p::startNow, grace.toNanos(), TimeUnit.NANOSECONDS);
        }
        return p;
    }

    private synchronized void startNow() {
        if (!stopped) {
            profiler.start();
            started = true;
        }
    }

    /**
     * Stops the profiler, or cancels its start.
     *
     * @return true when it ran and {@link Profiler#lastSession()} holds the profile
     */
    synchronized boolean stop() {
        stopped = true;
        if (pending != null) {
            pending.cancel(false);
        }
        if (started) {
            profiler.stop();
        }
        return started;
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "jprof-junit-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}

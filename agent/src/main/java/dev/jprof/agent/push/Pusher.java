package dev.jprof.agent.push;

import dev.jprof.Session;
import dev.jprof.renderers.PprofRenderer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Pushes profiles to a Pyroscope-compatible server from one daemon thread, {@code jprof-push}: the caller
 * only renders and queues. The queue holds at most {@link PushConfig#queueCapacity} profiles; when full
 * the oldest is dropped and that is said in one line. A failing server is retried with exponential backoff
 * and reported at most once a minute; an unreachable one costs the application nothing else.
 */
public final class Pusher {
    /** A request in flight this long at exit marks the server as too slow to wait for. */
    private static final long SLOW_NANOS = 1_000_000_000L;

    private final PushConfig config;
    private final PrintStream err;
    private final LongSupplier nanoTime;
    private final Deque<Item> queue = new ArrayDeque<>();
    private final Thread thread;
    private final RateLimitedLine failures;
    private final RateLimitedLine drops;
    private boolean closing;
    private boolean healthy = true;
    private boolean sending;
    private long sendingSince;
    private long sent;
    private long dropped;
    private int skippedAtExit;

    private static final class Item {
        final String name;
        final Instant from;
        final Instant until;
        final long sampleRate;
        final byte[] pprof;

        Item(String name, Instant from, Instant until, long sampleRate, byte[] pprof) {
            this.name = name;
            this.from = from;
            this.until = until;
            this.sampleRate = sampleRate;
            this.pprof = pprof;
        }
    }

    /** Starts the sending thread. */
    public Pusher(PushConfig config, PrintStream err) {
        this(config, err, System::nanoTime);
    }

    Pusher(PushConfig config, PrintStream err, LongSupplier nanoTime) {
        this.config = config;
        this.err = err;
        this.nanoTime = nanoTime;
        this.failures = new RateLimitedLine(err, nanoTime, config.logEvery);
        this.drops = new RateLimitedLine(err, nanoTime, config.logEvery);
        this.thread = new Thread(this::run, "jprof-push");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Renders a finished profile as pprof and queues it. Called on jprof's report writer, never on an
     * application thread.
     */
    public void offer(Session session) {
        offer(session, false);
    }

    /**
     * Like {@link #offer(Session)}; at exit, with a server that has failed, the profile is only counted
     * as not sent: rendering it would hold up the exit for nothing.
     */
    public void offer(Session session, boolean atExit) {
        synchronized (this) {
            if (atExit && !healthy) {
                skippedAtExit++;
                return;
            }
        }
        byte[] pprof = new PprofRenderer().renderBytes(session);
        Instant from = session.startTime();
        Instant until = from.plusNanos(Math.round(session.duration() * 1e9));
        Item item = new Item(IngestRequest.name(config.app, config.labels), from, until,
                IngestRequest.sampleRate(session.interval()), pprof);
        synchronized (this) {
            if (closing) {
                return;
            }
            if (queue.size() >= config.queueCapacity) {
                queue.removeFirst();
                dropped++;
                drops.say("jprof: push queue full (" + config.queueCapacity + " profiles waiting for "
                        + config.server + "); dropped the oldest, " + dropped + " dropped so far");
            }
            queue.addLast(item);
            notifyAll();
        }
    }

    /** The server's URL as given. */
    public String server() {
        return config.server.toString();
    }

    /** Profiles sent so far. */
    public synchronized long sent() {
        return sent;
    }

    /** Profiles dropped so far because the queue was full. */
    public synchronized long dropped() {
        return dropped;
    }

    /**
     * At exit: waits up to the exit budget (2 s) for queued profiles while the server answers; says in one
     * line what was not sent. Never waits on a server that has failed, nor on one that has held a request
     * for over a second already: a slow or unreachable server must not hold up the application's exit.
     */
    public void close() {
        long now = nanoTime.getAsLong();
        long deadline = now + config.exitBudget.toNanos();
        synchronized (this) {
            closing = true;
            if (sending && now - sendingSince > SLOW_NANOS) {
                healthy = false;
            }
            notifyAll();
            while (healthy && (!queue.isEmpty() || sending)) {
                long left = deadline - nanoTime.getAsLong();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            int unsent = queue.size() + skippedAtExit; // the one in flight is still the queue's head
            if (unsent > 0) {
                err.println("jprof: " + unsent + " profile(s) not pushed to " + config.server + " before exit"
                        + (healthy ? " (the server was slow)" : " (the server was not answering in time)"));
            }
            queue.clear();
        }
        thread.interrupt();
    }

    private void run() {
        long backoff = config.firstBackoff.toNanos();
        while (true) {
            Item item;
            synchronized (this) {
                while (queue.isEmpty() && !closing) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (queue.isEmpty() || closing && !healthy) {
                    return;
                }
                item = queue.peekFirst();
                sending = true;
                sendingSince = nanoTime.getAsLong();
            }
            String failure = send(item);
            synchronized (this) {
                sending = false;
                if (failure == null || failure.startsWith("rejected")) {
                    queue.remove(item);
                    if (failure == null) {
                        sent++;
                    }
                }
                healthy = failure == null;
                notifyAll();
            }
            if (failure == null) {
                backoff = config.firstBackoff.toNanos();
                failures.reset();
                continue;
            }
            failures.say("jprof: could not push the profile to " + config.server + " (" + failure + "); "
                    + (failure.startsWith("rejected") ? "dropped it" : "retrying with backoff"));
            if (failure.startsWith("rejected")) {
                continue;
            }
            synchronized (this) {
                if (closing) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, backoff);
                } catch (InterruptedException e) {
                    return;
                }
            }
            backoff = Math.min(backoff * 2, config.maxBackoff.toNanos());
        }
    }

    /**
     * Sends with {@link HttpURLConnection}: java.net.http's client initialises TLS even for http URLs,
     * seconds of CPU on a loaded host at the first push.
     *
     * @return null when sent, "rejected ..." when the server refuses it for good, else why it failed
     */
    private String send(Item item) {
        String boundary = "jprof-" + Long.toHexString(item.from.toEpochMilli()) + "-" + item.pprof.length;
        byte[] body = IngestRequest.multipart(boundary, item.pprof);
        HttpURLConnection c = null;
        try {
            URL url = IngestRequest.uri(config.server, item.name, item.from, item.until, item.sampleRate).toURL();
            c = (HttpURLConnection) url.openConnection();
            c.setConnectTimeout((int) config.connectTimeout.toMillis());
            c.setReadTimeout((int) config.requestTimeout.toMillis());
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(body.length);
            c.setRequestProperty("Content-Type", "multipart/form-data; boundary=" + boundary);
            // No keep-alive: a kept connection starts the JDK's Keep-Alive-Timer thread in the application.
            c.setRequestProperty("Connection", "close");
            if (config.authorization != null) {
                c.setRequestProperty("Authorization", config.authorization);
            }
            if (config.tenant != null) {
                c.setRequestProperty("X-Scope-OrgID", config.tenant);
            }
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
            int status = c.getResponseCode();
            drain(status < 400 ? c.getInputStream() : c.getErrorStream());
            if (status / 100 == 2) {
                return null;
            }
            boolean retry = status >= 500 || status == 408 || status == 429;
            return (retry ? "" : "rejected: ") + "HTTP " + status;
        } catch (IOException | RuntimeException e) {
            return e.getMessage() != null ? e.getClass().getSimpleName() + ": " + e.getMessage()
                    : e.getClass().getSimpleName();
        } finally {
            if (c != null) {
                c.disconnect();
            }
        }
    }

    private static void drain(InputStream in) throws IOException {
        if (in != null) {
            try (in) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
    }

    /** Says a line at most once per period; counts the lines it held back. */
    static final class RateLimitedLine {
        private final PrintStream err;
        private final LongSupplier nanoTime;
        private final long periodNanos;
        private long last;
        private boolean said;
        private int held;

        RateLimitedLine(PrintStream err, LongSupplier nanoTime, Duration period) {
            this.err = err;
            this.nanoTime = nanoTime;
            this.periodNanos = period.toNanos();
        }

        synchronized void say(String line) {
            long now = nanoTime.getAsLong();
            if (said && now - last < periodNanos) {
                held++;
                return;
            }
            err.println(held == 0 ? line : line + " (" + held + " more like it in the last minute)");
            said = true;
            last = now;
            held = 0;
        }

        synchronized void reset() {
            said = false;
            held = 0;
        }
    }
}

package dev.jprof.sampling;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * A debugging record of the sampler's own timing, one line per tick: when it was due, how late it started, how
 * long it took, what it cost the program and the interval the governor chose next. Off unless the system
 * property {@value #PROPERTY} names a file, to which each session appends its ticks when it stops. Every
 * question about sample density or overhead so far (a cold tick costing 15 ms, ticks stretched to 130 ms) was
 * answered by such a log, written each time as a temporary patch.
 */
final class TickLog {
    /** The system property naming the file the ticks are appended to. */
    static final String PROPERTY = "jprof.tickLog";
    /** Ticks kept per session; later ones are counted, not kept (a minute at 1 ms). */
    static final int CAPACITY = 60_000;

    private final String path;
    private final long[] due;
    private final long[] start;
    private final long[] end;
    private final long[] cost;
    private final long[] next;
    private int size;
    private long dropped;

    private TickLog(String path) {
        this.path = path;
        due = new long[CAPACITY];
        start = new long[CAPACITY];
        end = new long[CAPACITY];
        cost = new long[CAPACITY];
        next = new long[CAPACITY];
    }

    /** A log writing to the file the system property names, or null when it names none. */
    static TickLog fromSystemProperty() {
        String path;
        try {
            path = System.getProperty(PROPERTY);
        } catch (SecurityException e) {
            return null;
        }
        return path == null || path.isEmpty() ? null : new TickLog(path);
    }

    /** Records one tick; all times in nanoseconds of the sampler's clock. Allocates nothing. */
    void add(long dueNanos, long startNanos, long endNanos, long costNanos, long nextIntervalNanos) {
        if (size == CAPACITY) {
            dropped++;
            return;
        }
        due[size] = dueNanos;
        start[size] = startNanos;
        end[size] = endNanos;
        cost[size] = costNanos;
        next[size] = nextIntervalNanos;
        size++;
    }

    int size() {
        return size;
    }

    /** Appends this session's ticks to the file, times in microseconds from the session's start. */
    void write(String source, long sessionStartNanos, long intervalNanos) {
        try (PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(path, true),
                StandardCharsets.UTF_8))) {
            out.printf("# session: %s, interval %d us, %d ticks%s%n", source, intervalNanos / 1000, size + dropped,
                    dropped > 0 ? " (" + dropped + " not kept)" : "");
            out.println("# tick due_us late_us length_us cost_us next_interval_us");
            for (int i = 0; i < size; i++) {
                out.printf("%d %d %d %d %d %d%n", i, (due[i] - sessionStartNanos) / 1000, (start[i] - due[i]) / 1000,
                        (end[i] - start[i]) / 1000, cost[i] / 1000, next[i] / 1000);
            }
        } catch (IOException e) {
            System.err.println("jprof: the tick log " + path + " could not be written (" + e.getMessage() + ")");
        }
    }
}

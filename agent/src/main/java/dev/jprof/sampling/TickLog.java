package dev.jprof.sampling;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * A debugging record of the sampler's own timing, one line per tick: when it was due, how late it started, how
 * long it took, what it cost the program (and of what: the sampler's CPU in the tick and waking up to it, the VM
 * thread's, the program's pause) and the interval the governor chose next. Off unless the system
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
    /** The parts of each tick's cost: the sampler's CPU in the tick and waking up to it, the VM thread's, the pause. */
    private final long[] tickCpu;
    private final long[] wakeCpu;
    private final long[] vmCpu;
    private final long[] pause;
    private int size;
    private long dropped;

    private TickLog(String path) {
        this.path = path;
        due = new long[CAPACITY];
        start = new long[CAPACITY];
        end = new long[CAPACITY];
        cost = new long[CAPACITY];
        next = new long[CAPACITY];
        tickCpu = new long[CAPACITY];
        wakeCpu = new long[CAPACITY];
        vmCpu = new long[CAPACITY];
        pause = new long[CAPACITY];
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

    /**
     * The parts of the cost of the tick about to be {@link #add}ed: the sampler thread's CPU in the tick and since the
     * previous one, the VM thread's CPU for it, and the time the program stood still for it.
     */
    void costs(long tickCpuNanos, long wakeCpuNanos, long vmCpuNanos, long pauseNanos) {
        if (size < CAPACITY) {
            tickCpu[size] = tickCpuNanos;
            wakeCpu[size] = wakeCpuNanos;
            vmCpu[size] = vmCpuNanos;
            pause[size] = pauseNanos;
        }
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
            out.println("# tick due_us late_us length_us cost_us next_interval_us tick_cpu_us wake_cpu_us vm_cpu_us pause_us");
            for (int i = 0; i < size; i++) {
                out.printf("%d %d %d %d %d %d %d %d %d %d%n", i, (due[i] - sessionStartNanos) / 1000,
                        (start[i] - due[i]) / 1000, (end[i] - start[i]) / 1000, cost[i] / 1000, next[i] / 1000,
                        tickCpu[i] / 1000, wakeCpu[i] / 1000, vmCpu[i] / 1000, pause[i] / 1000);
            }
        } catch (IOException e) {
            System.err.println("jprof: the tick log " + path + " could not be written (" + e.getMessage() + ")");
        }
    }
}

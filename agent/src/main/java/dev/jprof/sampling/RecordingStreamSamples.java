package dev.jprof.sampling;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;

/**
 * The JVM's own execution sampler read in-process: a {@link RecordingStream} of {@code jdk.ExecutionSample}
 * (threads running Java code) and {@code jdk.NativeMethodSample} (threads in native methods) at jprof's
 * interval. JFR takes these stacks off the thread at any instruction (no safepoint), and with
 * {@code -XX:+DebugNonSafepoints} names the exact inlined method and line. Events arrive with each flush of
 * the stream, about once a second.
 */
final class RecordingStreamSamples implements ExecutionSamples {
    static final String EXECUTION = "jdk.ExecutionSample";
    static final String NATIVE = "jdk.NativeMethodSample";

    private final RecordingStream stream;
    private final JfrFrames frames;
    private final ConcurrentLinkedQueue<JfrSample> received = new ConcurrentLinkedQueue<>();
    /** System.nanoTime() minus the wall clock, in nanoseconds: JFR stamps events with wall-clock instants. */
    private final long offset;
    private volatile long newest = Long.MIN_VALUE;
    private volatile long watermark = Long.MIN_VALUE;
    private volatile boolean closed;

    /** Starts the recording; throws when JFR is absent, disabled or cannot record. */
    RecordingStreamSamples(long intervalNanos, JfrFrames frames) {
        this.frames = frames;
        Instant wall = Instant.now();
        long mono = System.nanoTime();
        this.offset = mono - (wall.getEpochSecond() * 1_000_000_000L + wall.getNano());
        RecordingStream s = new RecordingStream();
        try {
            Duration period = Duration.ofNanos(intervalNanos);
            s.enable(EXECUTION).withPeriod(period).withStackTrace();
            s.enable(NATIVE).withPeriod(period).withStackTrace();
            s.setReuse(true);
            s.onEvent(EXECUTION, this::receive);
            s.onEvent(NATIVE, this::receive);
            s.onFlush(this::flushed);
            // Not startAsync(): its thread is not a daemon on JDK 25 and kept the JVM from exiting.
            Thread t = new Thread(() -> run(s), "jprof-jfr");
            t.setDaemon(true);
            t.start();
        } catch (RuntimeException | Error e) {
            s.close();
            throw e;
        }
        this.stream = s;
    }

    private void run(RecordingStream s) {
        try {
            s.start();
        } catch (RuntimeException | Error e) {
            if (!closed) {
                // Pending windows keep their walks at once; the threads are walked again as JFR's coverage drops.
                System.err.println("jprof: JFR execution samples stopped (" + e + "); running threads are walked");
            }
        } finally {
            watermark = Long.MAX_VALUE;
        }
    }

    private void receive(RecordedEvent event) {
        RecordedThread thread = event.getThread("sampledThread");
        RecordedStackTrace trace = event.getStackTrace();
        if (thread == null || trace == null || thread.getJavaThreadId() < 0) {
            return;
        }
        Instant at = event.getStartTime();
        long nanos = at.getEpochSecond() * 1_000_000_000L + at.getNano() + offset;
        List<RecordedFrame> list = trace.getFrames();
        StackTraceElement[] stack = new StackTraceElement[list.size()];
        int n = 0;
        for (RecordedFrame f : list) {
            RecordedMethod m = f.getMethod();
            if (!f.isJavaFrame() || m == null || m.isHidden()) {
                continue; // a walk never shows lambda forms and other hidden frames either
            }
            String loader = m.getType().getClassLoader() == null ? null : m.getType().getClassLoader().getName();
            stack[n++] = frames.frame(m.getType().getName(), m.getName(), f.getLineNumber(),
                    "Native".equals(f.getType()), loader);
        }
        if (n < stack.length) {
            stack = java.util.Arrays.copyOf(stack, n);
        }
        received.add(new JfrSample(thread.getJavaThreadId(), nanos, stack, trace.isTruncated()));
        if (nanos > newest) {
            newest = nanos;
        }
    }

    /**
     * Everything JFR's sampler wrote before this flush has been delivered: it writes its events in time order
     * from one thread, so the newest one seen bounds them; with no running thread to sample, the flush itself
     * (a second apart) does, less half a second for the time between the flush and this callback.
     */
    private void flushed() {
        watermark = Math.max(newest, System.nanoTime() - 500_000_000L);
    }

    @Override
    public void drainTo(List<JfrSample> out) {
        for (JfrSample s; (s = received.poll()) != null; ) {
            out.add(s);
        }
    }

    @Override
    public long watermark() {
        return watermark;
    }

    /** {@code RecordingStream.stop()} (JDK 20+): ends the recording and delivers all its events. */
    private static final java.lang.reflect.Method STOP = stopMethod();

    private static java.lang.reflect.Method stopMethod() {
        try {
            return RecordingStream.class.getMethod("stop");
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    @Override
    public void awaitUpTo(long nanos, long timeoutNanos) {
        if (STOP != null) {
            try {
                STOP.invoke(stream);
                watermark = Long.MAX_VALUE;
                return;
            } catch (ReflectiveOperationException | RuntimeException e) {
                // wait for the next flush instead
            }
        }
        // JDK 17 has no way to ask for a flush: the next periodic one (at most a second away) brings them.
        long deadline = System.nanoTime() + timeoutNanos;
        while (watermark < nanos && System.nanoTime() < deadline) {
            LockSupport.parkNanos(5_000_000L);
        }
    }

    @Override
    public void close() {
        closed = true;
        stream.close();
    }
}

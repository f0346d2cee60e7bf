package dev.jprof.sampling;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The sampling loop: one daemon thread at maximum priority that wakes on a deadline, asks the
 * {@link StackSource} for stacks and records each with a weight equal to the wall time since that
 * thread's previous sample, so sampler lag and GC pauses never distort time. It never throws into
 * the application: a failure is reported once and sampling stops cleanly.
 */
public final class Sampler {
    /** Name of the sampler thread; it is never shown in reports. */
    public static final String THREAD_NAME = "jprof-sampler";

    private final StackSource source;
    private final SampleStore store;
    private final Clock clock;
    private final long intervalNanos;
    private final ThreadWeights weights = new ThreadWeights();
    private OverheadGovernor governor;
    /** Each tick's timing, when the {@link TickLog#PROPERTY} system property asks for it; else null. */
    private final TickLog tickLog = TickLog.fromSystemProperty();

    private volatile boolean running;
    private Thread thread;
    private CountDownLatch ready;
    private CountDownLatch go;
    private boolean awaitFirstSample;
    private long startNanos;
    private long previousTick;
    /** When the current tick began: sampled walks stand for the time from the previous tick to this. */
    private long tickNanos;
    private long minInterval = Long.MAX_VALUE;
    private long maxInterval;
    private long ticks;
    private volatile Throwable failure;
    private boolean outOfMemoryReported;
    /** The sampler thread's CPU time when its last tick ended, or -1. */
    private long cpuAfterLastTick = -1;
    private static final byte[] OUT_OF_MEMORY = ("jprof: out of memory during a sample; that sample is dropped and"
            + " sampling goes on (later drops are not reported)" + System.lineSeparator())
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    public Sampler(StackSource source, SampleStore store, Clock clock, long intervalNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("interval must be positive");
        }
        this.source = source;
        this.store = store;
        this.clock = clock;
        this.intervalNanos = intervalNanos;
        this.governor = new OverheadGovernor(intervalNanos, 0);
    }

    /**
     * Bounds the sampler's cost to this share of wall time (e.g. 0.01) by stretching the interval;
     * 0 keeps the interval fixed. Call before {@link #start()}.
     */
    public void maxOverhead(double share) {
        governor = new OverheadGovernor(intervalNanos, share);
    }

    /** True when the interval was stretched to respect {@link #maxOverhead}. */
    public boolean intervalStretched() {
        return governor.stretched();
    }

    /** The longest interval the overhead bound chose, in nanoseconds. */
    public long largestIntervalNanos() {
        return governor.largestInterval();
    }

    /** The overhead bound, as a share of wall time; 0 when unbounded. */
    public double maxOverheadShare() {
        return Math.max(0, governor.maxOverhead());
    }

    /** Marks the session's start; time before it is not counted. */
    public void begin() {
        startNanos = clock.nanoTime();
        previousTick = startNanos;
    }

    /**
     * With {@code true}, {@link #start()} returns once the sampler is sampling (the Java API's 1 ms profile of
     * a short block); the agent keeps its start-up fast instead. Call before {@link #start()}.
     */
    public void awaitFirstSample(boolean await) {
        this.awaitFirstSample = await;
    }

    /**
     * Starts the sampler thread, which first takes an unrecorded sample (it loads and links the sampling
     * code and makes the JDK's first thread calls, several ms on a cold JVM). With {@link #awaitFirstSample}
     * it returns only once that sample is taken (at most {@link #READY_TIMEOUT_MILLIS}) and the session starts
     * as this returns: without the wait a 1 ms profile of a short block lost its first milliseconds to the
     * thread's start and to that cold first tick. Without it (a recorder started by {@code jprof attach}) the
     * session starts when that sample is taken: what ran before was not seen.
     */
    public synchronized void start() {
        if (running) {
            return;
        }
        begin();
        running = true;
        ready = new CountDownLatch(1);
        go = new CountDownLatch(1);
        thread = new Thread(this::loop, THREAD_NAME);
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
        try {
            if (awaitFirstSample) {
                ready.await(READY_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // The session starts as start() returns, and the first tick is one interval later: a caller slow to
            // wake from the wait above must not be sampled inside start().
            synchronized (store) {
                begin();
            }
            go.countDown();
        }
    }

    /**
     * When the next tick is due, after one due at {@code deadline} that ended at {@code now} and whose own work (the
     * CPU of the sampler and of the VM thread for it) took {@code tickWorkNanos}. A tick that woke or ended late is
     * followed at once by the one due meanwhile: each sample weighs the time up to its own stack, so the weights
     * stay true, and the count stays what the interval promises (a 1 ms profile on JDK 17 lost ~20% of its ticks to
     * resynchronising: its sampler wakes late, p50 0.86 ms and p90 2.1 ms between safepoints, while the program,
     * the JIT and the VM thread share 2 CPUs). Late by waiting, not by working: a JDK 17 tick of 1-2.5 ms wall
     * took 0.17 ms of CPU, the rest was its VM thread or itself waiting for a CPU the JIT's compiler threads held
     * (tick log and {@code -Xlog:safepoint}). But a tick whose work took an interval or more (thousands of threads
     * with the governor off) is followed by a full interval of rest, not by another tick at once: the sampler
     * must not take a CPU for itself. Far behind (a long GC pause), it resynchronises instead of firing a burst.
     */
    static long nextDeadline(long deadline, long interval, long now, long tickWorkNanos) {
        long next = deadline + interval;
        if (next >= now) {
            return next;
        }
        boolean farBehind = next < now - MAX_BACKLOG_INTERVALS * interval;
        return farBehind || tickWorkNanos >= interval ? now + interval : next;
    }

    /**
     * An interval drawn uniformly from half to one and a half times {@code interval}: ticks at a fixed period alias
     * with a program that has one. 32 tasks on 2 carriers cycle every ~90 ms, and ticks stretched to a steady
     * 30-60 ms saw the same few moments of that cycle all run long: the wait to start 37-54% from one run to the next
     * against 45% measured, each run's error far beyond what its ~100 instants explain. Random intervals see every
     * moment alike; each sample still weighs the time since the previous tick, so the mean rate is the interval's.
     */
    long jittered(long interval) {
        return interval / 2 + (long) (random.nextDouble() * interval);
    }

    private final java.util.SplittableRandom random = new java.util.SplittableRandom();

    /** How far behind its schedule the sampler may fall and still catch up, in intervals. */
    static final int MAX_BACKLOG_INTERVALS = 2;

    /** The longest {@link #start()} waits for the first sample: a stalled machine must not hang the program. */
    static final long READY_TIMEOUT_MILLIS = 2_000;

    /** Stops the sampler thread and waits for its last tick to finish. */
    public synchronized void stop() {
        if (!running) {
            finishSource(); // ticks taken by hand: what the source holds is still delivered
            return;
        }
        running = false;
        Thread t = thread;
        LockSupport.unpark(t);
        if (t != Thread.currentThread()) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        finishSource();
        if (tickLog != null) {
            tickLog.write(source.describe(), startNanos, intervalNanos);
        }
    }

    /**
     * Lets a source that joins late stacks deliver what is pending, so no time is lost at the end; {@link #stop()}
     * calls it. Public for deterministic tests that tick by hand.
     */
    public void finishSource() {
        try {
            synchronized (store) {
                source.finish(consumer);
            }
        } catch (RuntimeException e) {
            System.err.println("jprof: the last samples could not be joined (" + e + "); the report ends before them");
        }
    }

    public boolean isRunning() {
        return running;
    }

    private void loop() {
        try {
            prime();
        } catch (Throwable t) {
            // the real ticks report a lasting failure; a failed first sample only costs its warm-up
        } finally {
            ready.countDown();
        }
        try {
            go.await();
        } catch (InterruptedException e) {
            return;
        }
        long deadline;
        synchronized (store) {
            if (!awaitFirstSample) {
                // No caller waited for the warm-up, so the program ran on meanwhile, unseen: the session starts
                // now. Started earlier, the first tick's samples would weigh the whole warm-up (on a loaded
                // 2-CPU machine 100 ms of a program's start-up drawn as its first phase).
                begin();
            }
            deadline = previousTick + intervalNanos;
        }
        while (running) {
            long now = clock.nanoTime();
            if (now < deadline) {
                LockSupport.parkNanos(deadline - now);
                continue;
            }
            if (!costMeasured && governor.usesCostSoon()) {
                synchronized (store) {
                    source.measureCost(); // its one-time lookup falls in a tick whose cost the governor ignores
                }
                costMeasured = true;
            }
            long cost;
            long tickStart = clock.nanoTime();
            try {
                cost = measuredTick();
            } catch (OutOfMemoryError oom) {
                // Most likely the application filled the heap: this tick is lost, but once the GC frees
                // memory the next one works, so sampling goes on. The message is bytes encoded in advance:
                // writing them allocates nothing, so it is said even while the heap is still full.
                if (!outOfMemoryReported) {
                    try {
                        System.err.write(OUT_OF_MEMORY, 0, OUT_OF_MEMORY.length);
                        System.err.flush();
                        outOfMemoryReported = true;
                    } catch (OutOfMemoryError again) {
                        // said at the next dropped tick instead
                    }
                }
                // The dropped time is lost, not given to whatever stack each thread shows next (a thread's next
                // sample would otherwise weigh the whole heap-full stretch). Allocates nothing.
                synchronized (store) {
                    long dropped = clock.nanoTime();
                    weights.skipTo(dropped);
                    previousTick = dropped;
                }
                cost = 0;
                lastTickWork = -1;
            } catch (Throwable t) {
                failure = t;
                System.err.println("jprof: sampling stopped after an internal error: " + t
                        + " (the program continues; the report covers the time before it)");
                // Only after the message: whoever waits for the sampler to stop then finds it said.
                running = false;
                return;
            }
            long interval = jittered(governor.nextInterval(cost));
            long tickEnd = clock.nanoTime();
            if (tickLog != null) {
                tickLog.add(deadline, tickStart, tickEnd, cost, interval);
            }
            deadline = nextDeadline(deadline, interval, tickEnd, lastTickWork >= 0 ? lastTickWork : tickEnd - tickStart);
        }
    }

    /**
     * Takes one sample and returns what it cost the program: the time it stood still for the tick (a
     * safepoint, see {@link StackSource#lastPauseNanos}), plus the CPU time jprof's and the JVM's helper
     * threads spent on it (the sampler thread's for the tick and for waking up to it since the previous one,
     * its wall time where CPU time is unknown; HotSpot's VM thread's for a safepoint) when that CPU was taken
     * from the program: when the program's running threads fill every CPU, that CPU divided by the CPUs (the
     * program loses that much of its C CPUs' capacity, so its run grows by a C-th of it: counting it in full
     * stretched 32 virtual tasks on 2 carriers to 100-130 ms ticks, ~35 instants in a 3 s run, at half the
     * budget); with a CPU to spare, a twentieth of it ({@link #IDLE_CPU_LENIENCY}). On a CPU the program leaves
     * idle the helpers slow it down by nothing; counting them in full stretched one busy thread on 2 CPUs from
     * 10 ms to 20-25 ms (37-44 samples a second), while a profiler without a governor (async-profiler) takes 100
     * a second at about the same whole-run cost. A pause stops the whole program: it counts in full.
     */
    long measuredTick() {
        long cpuBefore = clock.currentThreadCpuNanos();
        long before = clock.nanoTime();
        tick();
        long cpuAfter = clock.currentThreadCpuNanos();
        long helpers = cpuBefore >= 0 && cpuAfter >= 0 ? cpuAfter - cpuBefore : clock.nanoTime() - before;
        long vm = Math.max(0, source.lastHelperCpuNanos());
        lastTickWork = helpers + vm;
        // Waking from the timed park is the sampler's cost as well: timer, futex and scheduler work measured
        // 40-100 us a wake-up on a 2-vCPU KVM guest, a third of the tick itself there.
        long wake = cpuAfterLastTick >= 0 && cpuBefore >= cpuAfterLastTick ? cpuBefore - cpuAfterLastTick : 0;
        cpuAfterLastTick = cpuAfter;
        long pause = Math.max(0, source.lastPauseNanos());
        if (tickLog != null) {
            tickLog.costs(helpers, wake, vm, pause);
        }
        long all = helpers + wake + vm;
        return runningThisTick >= cpus ? all / cpus + pause : all / IDLE_CPU_LENIENCY + pause;
    }

    /**
     * With a CPU to spare, the helpers' CPU counts this many times less: it slows the program by nothing, but
     * it is still the machine's, so at the default 1% budget the sampler may use at most ~20% of the idle CPU
     * (one busy thread among 2,000 sleeping ones: stretched to 25-39 ms). Ten was too tight for a program's
     * first seconds, when the sampler's code is cold and every new class costs a lookup: a 1.3 s program
     * loading 1,000 classes got 34-43 samples instead of ~125.
     */
    static final long IDLE_CPU_LENIENCY = 20;

    /**
     * The CPUs the program may use (the JDK reads container limits). Public for tests, which pin it.
     *
     * @param cpus at least 1
     */
    public void cpus(int cpus) {
        this.cpus = Math.max(1, cpus);
    }

    private int cpus = Runtime.getRuntime().availableProcessors();
    /** Whether the source was asked to measure costs ({@link StackSource#measureCost}), which it does once. */
    private boolean costMeasured;
    /**
     * The CPU the last tick's own work took (the sampler thread's, and the VM thread's where read; its wall time
     * where CPU time is unknown), or -1 after a dropped tick.
     */
    private long lastTickWork = -1;
    /** Threads seen running (RUNNABLE) in the current tick: whether the helpers' CPU was the program's. */
    private int runningThisTick;

    /**
     * The unrecorded first sample: threads and stacks are interned, so that a thread the source reports as
     * unchanged at the first real tick keeps its stack; the session starts after it (see {@link #start()}).
     */
    private void prime() {
        synchronized (store) {
            source.sample(primer);
        }
    }

    private final StackSource.StackConsumer primer = new StackSource.StackConsumer() {
        @Override
        public void accept(long threadId, String name, boolean virtual, byte state, StackTraceElement[] stack) {
            if (stack != null) {
                int index = store.thread(threadId, name, virtual);
                store.primeStack(index, store.internStack(stack));
            }
        }
    };

    /** Takes one sample of every profiled thread. Public for deterministic tests. */
    public void tick() {
        synchronized (store) {
            long now = clock.nanoTime();
            long sinceTick = now - previousTick;
            minInterval = Math.min(minInterval, sinceTick);
            maxInterval = Math.max(maxInterval, sinceTick);
            weights.beginTick(previousTick);
            tickNanos = now;
            runningThisTick = 0;
            source.sample(consumer);
            previousTick = now;
            ticks++;
        }
    }

    private final StackSource.StackConsumer consumer = new StackSource.StackConsumer() {
        @Override
        public void accept(long threadId, String name, boolean virtual, byte state, StackTraceElement[] stack) {
            record(threadId, name, virtual, state, stack);
        }

        @Override
        public void held(long threadId, String name, boolean virtual) {
            int index = threadIndex(threadId, name, virtual);
            long since = weights.since(index);
            if (previousTick > since && store.lastState(index) != ThreadState.OTHER) {
                store.record(index, store.lastStack(index), store.lastState(index), since - startNanos, previousTick - since);
                weights.seen(index, previousTick);
            }
        }

        @Override
        public void acceptSpan(long threadId, String name, boolean virtual, byte state, StackTraceElement[] stack,
                               long fromNanos, long toNanos) {
            if (state == ThreadState.RUNNABLE) {
                runningThisTick++;
            }
            int index = threadIndex(threadId, name, virtual);
            long stackRef = stack == null ? store.lastStack(index) : store.internStack(stack);
            long from = Math.max(fromNanos, startNanos);
            if (toNanos > from) {
                store.record(index, stackRef, state, from - startNanos, toNanos - from);
            }
            weights.seen(index, Math.max(toNanos, weights.since(index)));
        }

        @Override
        public void acceptSampled(long threadId, String name, boolean virtual, byte state, StackTraceElement[] stack,
                                  double scale) {
            recordSampled(threadId, name, virtual, state, stack, scale);
        }
    };

    /**
     * A walk chosen with probability 1 / scale: it stands for this tick's interval, scaled, and for nothing
     * before it (Horvitz-Thompson), so a thread's unobserved history never lands on the frame it is walked in.
     */
    private void recordSampled(long threadId, String name, boolean virtual, byte state, StackTraceElement[] stack,
                               double scale) {
        if (state == ThreadState.RUNNABLE) {
            runningThisTick++;
        }
        int index = threadIndex(threadId, name, virtual);
        long stackRef = stack == null ? store.lastStack(index) : store.internStack(stack);
        long weight = Math.round((tickNanos - previousTick) * scale);
        if (weight > 0) {
            store.record(index, stackRef, state, previousTick - startNanos, weight);
        }
        weights.seen(index, tickNanos);
    }

    private int threadIndex(long threadId, String name, boolean virtual) {
        int index = store.thread(threadId, name, virtual);
        if (!name.equals(store.threadName(index))) {
            store.renameThread(index, name);
        }
        return index;
    }

    private void record(long threadId, String name, boolean virtual, byte state, StackTraceElement[] stack) {
        if (state == ThreadState.RUNNABLE) {
            runningThisTick++;
        }
        int index = threadIndex(threadId, name, virtual);
        long stackRef = stack == null ? store.lastStack(index) : store.internStack(stack);
        long since = weights.since(index);
        // The sample stands for the time up to when its stack was taken, not up to the tick's start: a
        // safepoint or handshake can complete long after the tick began on a busy machine.
        long capturedAt = Math.max(clock.nanoTime(), since);
        long weight = capturedAt - since;
        if (weight > 0) {
            store.record(index, stackRef, state, since - startNanos, weight);
        }
        weights.seen(index, capturedAt);
    }

    public SampleStore store() {
        return store;
    }

    public long startNanos() {
        return startNanos;
    }

    public long intervalNanos() {
        return intervalNanos;
    }

    /** Smallest observed time between ticks (the first counts from the start), or 0 before any tick. */
    public long minIntervalNanos() {
        return ticks > 0 ? minInterval : 0;
    }

    /** Largest observed time between ticks. */
    public long maxIntervalNanos() {
        return maxInterval;
    }

    public long ticks() {
        return ticks;
    }

    /** The error that stopped sampling, or null. */
    public Throwable failure() {
        return failure;
    }
}

package dev.jprof.sampling;

import dev.jprof.sampling.ThreadStackCache.Cached;
import java.lang.instrument.Instrumentation;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Stacks of platform threads, as cheaply as the running JDK allows (see DESIGN.md's measured facts):
 * states and CPU times are read every tick without a safepoint; a thread that provably did not run
 * since its last walk (same state, no CPU advance) keeps its stack; the others are walked in one safepoint (JDK 17-20) or by per-thread handshakes (JDK 21+).
 * What it remembers of each thread is a {@link ThreadStackCache}; a safepoint's pause is a {@link SafepointPause}.
 */
public final class PlatformStackSource implements StackSource, RunningWalks {
    /** Deepest stack kept; deeper stacks keep their top frames. */
    public static final int DEFAULT_MAX_DEPTH = 2048;
    /** Checks without CPU advance, in the same state, after which a thread counts as quiet. */
    static final int QUIET_AFTER = 3;
    /** Quiet threads checked per tick, about, when there are many. */
    static final int QUIET_PER_TICK = 16;
    /** The longest gap, in ticks, between two checks of a quiet thread. */
    static final int MAX_QUIET_PERIOD = 50;
    /**
     * Threads walked again per tick, at most, by default (a thread's first walk is never put off). Bounds
     * how long one tick can stop the program when many threads run; the threads that wait longest since
     * their last walk go first. 64, not async-profiler's 16 signals a tick: a batched safepoint stops every
     * thread whatever the count, and its cost is the threads' wait for each other, not the walks (32 and 64
     * runnable threads on 2 CPUs: twice to three times the samples at the bound of 64, whole run unchanged
     * within 0.2%); each thread left out is weighed later for the whole gap, which costs the profile precision.
     */
    public static final int DEFAULT_REWALKS_PER_TICK = 64;

    private final ThreadSelector selector;
    private final ThreadMXBean mx = ThreadBean.get();
    /** The bean when it reads other threads' CPU time, else null. */
    private final ThreadMXBean sunMx;
    private final boolean handshakes;
    private boolean adaptive;
    private final int crowded = 2 * Runtime.getRuntime().availableProcessors();
    private final int maxDepth;
    private final ThreadStackCache cache = new ThreadStackCache();
    private long tick;

    private long[] ids = new long[64];
    private Thread[] threads = new Thread[64];
    private int[] walk = new int[64];
    // getThreadInfo takes an array of exactly the ids to walk: kept while the count stays the same.
    private long[] walkIds = new long[0];
    private long walks;
    private long reused;
    private long skipped;
    private long lastPause;
    private long lastHelperCpu;
    private final SafepointPause.Readings readings = new SafepointPause.Readings();
    /**
     * Estimated until the sampler asks for measured costs ({@link #measureCost}): finding HotSpot's counters
     * and the VM thread takes 8-18 ms of a cold JVM's CPU, which neither a short program's start and exit nor a
     * 1 ms profile of a short block (the Java API, whose governor is off) should pay.
     */
    private SafepointPause pauses = SafepointPause.estimated();
    private boolean pausesMeasured;
    private int quietPeriod = 1;
    private int quietLastTick;
    private int rewalksPerTick = DEFAULT_REWALKS_PER_TICK;
    private long deferred;
    /** Running threads whose walk another source makes unnecessary (JFR's samples), or null. */
    private java.util.function.LongPredicate deferRunning;

    public PlatformStackSource(ThreadSelector selector) {
        this(selector, defaultHandshakes(), DEFAULT_MAX_DEPTH);
        this.adaptive = true;
    }

    /**
     * The JDK's default mechanism, adapted each tick: per-thread handshakes (JDK 21+), but one batched
     * safepoint when more than twice as many threads as CPUs need a walk (each handshake waits for its
     * thread to get a CPU: measured 2.8 ms of sampler CPU per tick for 10 busy threads on 2 cores, against
     * 0.15 ms for one safepoint).
     */
    public static PlatformStackSource adaptive(ThreadSelector selector, int maxDepth) {
        PlatformStackSource s = new PlatformStackSource(selector, defaultHandshakes(), maxDepth);
        s.adaptive = true;
        return s;
    }

    /**
     * Lets the sources made from now on read HotSpot's safepoint counters, which count the time threads wait
     * for each other at a batched walk (Java agents only: exporting JDK internals needs {@code inst}).
     */
    public static void useSafepointCounters(Instrumentation inst) {
        SafepointSyncClock.export(inst);
    }

    @Override
    public void measureCost() {
        if (!pausesMeasured) {
            pauses = new SafepointPause();
            pausesMeasured = true;
        }
    }

    /** Whether this source counts the time spent reaching its safepoints. */
    boolean countsSafepointSync() {
        measureCost();
        return pauses.countsSafepointSync();
    }

    /**
     * At most this many threads walked again per tick (threads never walked are walked at once); the
     * others wait for a later tick, whose sample then weighs the whole gap.
     *
     * @return this source
     */
    public PlatformStackSource rewalksPerTick(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("rewalks per tick must be at least 1, got " + n);
        }
        rewalksPerTick = n;
        return this;
    }

    @Override
    public void deferRunningWalks(java.util.function.LongPredicate covered) {
        deferRunning = covered; // their stacks come from JFR's execution samples
    }

    /** The walking mechanism used unless told otherwise: handshakes from JDK 21 on. */
    public static boolean defaultHandshakes() {
        return Runtime.version().feature() >= 21;
    }

    /**
     * @param handshakes walk each thread with {@code Thread.getStackTrace()} (a handshake on JDK 21+)
     *                   instead of one batched safepoint
     */
    public PlatformStackSource(ThreadSelector selector, boolean handshakes, int maxDepth) {
        this.selector = selector;
        this.handshakes = handshakes;
        this.maxDepth = maxDepth;
        this.sunMx = mx.isThreadCpuTimeSupported() && mx.isThreadCpuTimeEnabled() ? mx : null;
    }

    // sample() is split in small steps on purpose: the JIT compiles small methods sooner and far more
    // cheaply than one large one (C2 spent ~0.4 s on the single 931-byte method in a program's first seconds).
    @Override
    public void sample(StackConsumer consumer) {
        lastPause = 0;
        lastHelperCpu = 0;
        int n = enumerate();
        tick++;
        if (cache.size() > 64 && cache.size() > 2 * n) {
            cache.forgetEndedThreads(tick);
        }
        try {
            n = dropQuietThreadsNotDue(n);
            int toWalk = n == 0 ? 0 : reuseStacksOfIdleThreads(consumer, n);
            toWalk = deferRewalksOverTheBound(toWalk);
            if (toWalk == 0) {
                return;
            }
            walks += toWalk;
            if (handshakes && !(adaptive && toWalk > crowded)) {
                walkWithHandshakes(consumer, toWalk);
            } else {
                walkAtOneSafepoint(consumer, toWalk);
            }
        } finally {
            Arrays.fill(threads, 0, n, null); // no references to threads that end kept past the tick
        }
    }

    /** Fills {@code ids} and {@code threads} with the selected threads but this one; returns how many. */
    private int enumerate() {
        Thread[] selected = selector.select();
        int n = 0;
        Thread self = Thread.currentThread();
        for (Thread t : selected) {
            if (t == null) {
                break;
            }
            if (t == self) {
                continue;
            }
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, n * 2);
                threads = Arrays.copyOf(threads, n * 2);
                walk = Arrays.copyOf(walk, n * 2);
            }
            ids[n] = t.getId();
            threads[n] = t;
            n++;
        }
        return n;
    }

    /**
     * Thread.getState() reads a field; ThreadMXBean's ThreadInfo costs ~1 µs a thread. A thread that
     * stayed in the same state without using CPU for QUIET_AFTER checks is "quiet": its CPU time (a system
     * call each, most of a tick's cost with hundreds of idle pool threads) is read only every quietPeriod
     * ticks, round robin, or at once when its state changes. Its next sample then weighs the whole gap, as
     * a round-robin wall-clock sampler does. Returns how many threads are left to check, compacted.
     */
    private int dropQuietThreadsNotDue(int n) {
        int checked = 0;
        int quiet = 0;
        int period = quietPeriod;
        for (int i = 0; i < n; i++) {
            Thread.State jdkState = threads[i].getState();
            if (jdkState == Thread.State.TERMINATED || jdkState == Thread.State.NEW) {
                continue; // ended (or not started) between enumeration and now
            }
            Cached c = cached(ids[i]);
            if (c.quietStreak >= QUIET_AFTER && c.state == ThreadState.of(jdkState)) {
                quiet++;
                if (period > 1 && Math.floorMod(tick + c.id, period) != 0) {
                    skipped++;
                    continue;
                }
            }
            ids[checked] = ids[i];
            threads[checked] = threads[i];
            checked++;
        }
        quietLastTick = quiet;
        quietPeriod = quietPeriodFor(quiet);
        Arrays.fill(threads, checked, n, null);
        return checked;
    }

    /**
     * Reports the threads that provably did not run (same state, no CPU advance) with their previous
     * stack; lists the others in {@code walk}. Returns how many need a walk.
     */
    private int reuseStacksOfIdleThreads(StackConsumer consumer, int n) {
        int toWalk = 0;
        for (int i = 0; i < n; i++) {
            Thread.State jdkState = threads[i].getState();
            long cpuNow = cpuTime(ids[i]);
            if (jdkState == Thread.State.TERMINATED || jdkState == Thread.State.NEW || (sunMx != null && cpuNow < 0)) {
                continue;
            }
            byte state = ThreadState.of(jdkState);
            Cached c = cached(ids[i]);
            if (c.stack != null && !c.stale && cpuNow >= 0 && c.cpu == cpuNow && c.state == state) {
                reused++;
                c.quietStreak++;
                consumer.accept(ids[i], threads[i].getName(), false, state, null);
                continue;
            }
            if (c.quietStreak >= QUIET_AFTER && c.state != state) {
                // Skipped while quiet, its state read unchanged at every tick: the gap is the old state's.
                consumer.held(ids[i], threads[i].getName(), false);
            }
            c.quietStreak = 0;
            c.state = state;
            c.cpu = cpuNow;
            if (deferRunning != null && state == ThreadState.RUNNABLE && c.stack != null && deferRunning.test(ids[i])) {
                c.stale = true; // its stack now comes from elsewhere: never reuse the walked one
                consumer.running(ids[i], threads[i].getName());
                continue;
            }
            walk[toWalk++] = i;
        }
        return toWalk;
    }

    /**
     * Keeps at most {@link #rewalksPerTick} threads that were walked before in the first places of
     * {@code walk}, those walked longest ago first, after every thread not walked yet. The others are not
     * sampled this tick and are marked stale, so that their old stack is not reused. Returns how many to walk.
     */
    private int deferRewalksOverTheBound(int toWalk) {
        if (toWalk <= rewalksPerTick) {
            return toWalk; // the usual tick: nothing to put off, no lookups
        }
        int kept = 0;
        int rewalks = 0;
        for (int w = 0; w < toWalk; w++) {
            int i = walk[w];
            if (cached(ids[i]).lastWalk < 0) {
                walk[w] = walk[kept];
                walk[kept++] = i;
            } else {
                rewalks++;
            }
        }
        if (rewalks <= rewalksPerTick) {
            return toWalk;
        }
        for (int k = 0; k < rewalksPerTick; k++) { // a partial selection sort: no allocation, n * bound steps
            int oldest = kept + k;
            for (int w = oldest + 1; w < toWalk; w++) {
                if (cached(ids[walk[w]]).lastWalk < cached(ids[walk[oldest]]).lastWalk) {
                    oldest = w;
                }
            }
            int i = walk[oldest];
            walk[oldest] = walk[kept + k];
            walk[kept + k] = i;
        }
        int walking = kept + rewalksPerTick;
        for (int w = walking; w < toWalk; w++) {
            cached(ids[walk[w]]).stale = true;
        }
        deferred += toWalk - walking;
        return walking;
    }

    private void walkWithHandshakes(StackConsumer consumer, int toWalk) {
        for (int w = 0; w < toWalk; w++) {
            int i = walk[w];
            Thread t = threads[i];
            StackTraceElement[] stack = t.getStackTrace();
            if (stack.length == 0 && !t.isAlive()) {
                continue;
            }
            deliver(consumer, i, cached(ids[i]).state, StackDepth.limit(stack, maxDepth));
        }
    }

    private void walkAtOneSafepoint(StackConsumer consumer, int toWalk) {
        if (walkIds.length != toWalk) {
            walkIds = new long[toWalk];
        }
        for (int w = 0; w < toWalk; w++) {
            walkIds[w] = ids[walk[w]];
        }
        pauses.before(readings);
        long before = System.nanoTime();
        ThreadInfo[] full = mx.getThreadInfo(walkIds, maxDepth + 1); // one more tells a cut stack
        long wall = System.nanoTime() - before;
        pauses.after(readings);
        long frames = 0;
        int running = 0;
        for (int w = 0; w < toWalk; w++) {
            ThreadInfo info = full[w];
            if (info == null) {
                continue;
            }
            StackTraceElement[] stack = info.getStackTrace();
            frames += stack.length;
            int i = walk[w];
            byte state = ThreadState.of(info.getThreadState());
            if (state == ThreadState.RUNNABLE) {
                running++;
            }
            deliver(consumer, i, state, StackDepth.limit(stack, maxDepth));
        }
        lastPause = pauses.of(wall, readings, frames, running);
        lastHelperCpu = SafepointPause.vmThreadCpu(readings);
    }

    /**
     * One thread's CPU time, or -1. Read one id at a time on purpose: the batched call needs an array of
     * exactly the ids and returns a new one, and with quiet threads checked round robin the count changes
     * every tick. Measured: 20 ns an id more than the batched call (2.8 against 2.4 µs for 16 threads),
     * and no allocation.
     */
    private long cpuTime(long id) {
        return sunMx != null ? sunMx.getThreadCpuTime(id) : -1;
    }

    private void deliver(StackConsumer consumer, int i, byte state, StackTraceElement[] stack) {
        Cached c = cached(ids[i]);
        c.stack = stack;
        c.stale = false;
        c.lastWalk = tick;
        consumer.accept(ids[i], threads[i].getName(), false, state, stack);
    }

    private Cached cached(long id) {
        return cache.get(id, tick);
    }

    /**
     * Every how many ticks a quiet thread's CPU time is read: every tick while few threads are quiet (the
     * check is then cheap and exact), else about {@link #QUIET_PER_TICK} quiet threads a tick, each at
     * least every 50th tick (half a second at the default interval). A quiet thread that changes state is
     * checked at once, so the round robin only bounds how late a burst between two ticks, or a thread
     * that starts computing while it stays RUNNABLE (out of a blocking read), is noticed.
     */
    static int quietPeriodFor(int quietThreads) {
        return Math.max(1, Math.min(MAX_QUIET_PERIOD, (quietThreads + QUIET_PER_TICK - 1) / QUIET_PER_TICK));
    }

    @Override
    public long lastPauseNanos() {
        return lastPause;
    }

    @Override
    public long lastHelperCpuNanos() {
        return lastHelperCpu;
    }

    /** Threads whose last stack is remembered. */
    int cachedThreads() {
        return cache.size();
    }

    /** Stack walks done so far. */
    public long walks() {
        return walks;
    }

    /** Thread checks skipped because the thread was quiet and not due this tick. */
    public long skipped() {
        return skipped;
    }

    /** Walks put off to a later tick by the bound on walks per tick. */
    public long deferred() {
        return deferred;
    }

    /** Threads found quiet in the last tick. */
    int quietThreads() {
        return quietLastTick;
    }

    /** Samples that reused a stack because the thread provably had not run. */
    public long reused() {
        return reused;
    }

    @Override
    public String describe() {
        String how = !handshakes ? "batched safepoint" : adaptive ? "per-thread handshakes (one safepoint when crowded)"
                : "per-thread handshakes";
        return how + ", idle-stack reuse, quiet threads checked round robin, at most " + rewalksPerTick
                + " threads walked again per tick";
    }
}

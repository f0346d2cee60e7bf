package dev.jprof.sampling;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Stacks of virtual threads (JDK 21+). There may be tens of thousands, so each tick walks all the mounted
 * ones (at most one per carrier: where the CPU goes, found exactly) and at most {@code budget} of the others,
 * and weights every walk so that the expected time given to each frame is the true time (Horvitz-Thompson):
 * the unmounted threads are split into runnable (ready, waiting for a carrier) and parked, a random block of
 * each group is walked, and each walk weighs the tick's interval divided by its probability of being chosen.
 * A walk never stands for time before the tick it is taken in, so nothing a thread did unobserved (its wait
 * for a carrier, a stretch of parking) is handed to the frame it happens to be in when walked. Unmounted
 * threads cannot change stack until they run again, so walking few of them loses only precision, not truth.
 * The list of threads is refreshed every tick, or less often (up to every {@link #MAX_REFRESH_TICKS} ticks)
 * when thousands of virtual threads make listing them costly; which group a thread is in may then be stale,
 * which changes its probability, not the truth of the estimate.
 */
public final class VirtualThreadStackSource implements StackSource {
    private final VirtualThreadView threads;
    private final int budget;
    private final SplittableRandom random;
    /** The stack of a thread that has not started yet: one shared empty array, not one per tick. */
    private static final StackTraceElement[] NOT_STARTED = new StackTraceElement[0];
    /** Most ticks between two listings of all virtual threads. */
    static final int MAX_REFRESH_TICKS = 50;
    /** One tick between listings per this many live virtual threads. */
    static final int THREADS_PER_REFRESH_TICK = 200;

    /**
     * Listing walks every thread container, platform threads included: in a program without virtual
     * threads it was an eighth of the sampler's CPU. After this many empty listings in a row...
     */
    static final int EMPTY_LISTINGS_BEFORE_BACK_OFF = 10;
    /** ...the list is refreshed only every this many ticks, until a virtual thread shows up. */
    static final int EMPTY_REFRESH_TICKS = 10;

    private long nextRefresh;
    private int emptyListings;

    private final List<VirtualThreadView.Entry> runnable = new ArrayList<>();
    private final List<VirtualThreadView.Entry> parked = new ArrayList<>();
    private final List<VirtualThreadView.Entry> mounted = new ArrayList<>();
    private final List<VirtualThreadView.Entry> ready = new ArrayList<>();
    /**
     * Runnable threads that never ran, at the split: their stack is empty, known without a walk, so all of them are
     * recorded (up to {@link #MAX_WAITING_TO_START_PER_TICK}) and the walks go to {@link #ready}, the ones that ran
     * before. Mixed with those, the share of the wait to start rested on a random block (6 of ~15 ready threads
     * with 32 tasks on 2 carriers); now it is exact at every tick, and no walk is spent on it.
     */
    private final List<VirtualThreadView.Entry> waitingToStart = new ArrayList<>();
    static final int MAX_WAITING_TO_START_PER_TICK = 1024;
    private final CarrierTime carriers = new CarrierTime();
    /** A group's kept walks, recorded once it is known how many there are: at most the budget. */
    private final VirtualThreadView.Entry[] keptEntries;
    private final StackTraceElement[][] keptStacks;
    private final byte[] keptStates;
    private boolean listed;
    private long tick;
    private int maxLive;
    private int seen;
    /** The ids of the last listing's threads, each {@link #RAN} if it had run by then. */
    private LongIntMap listedIds = new LongIntMap(16);
    private LongIntMap spareIds = new LongIntMap(16);
    /** This tick's listing, when it was taken this tick and the carriers were read: who had run at the instant. */
    private LongIntMap startedAtListing;
    private static final int RAN = 1;
    private long walks;

    public VirtualThreadStackSource(VirtualThreads threads, Clock clock, int budget) {
        this((VirtualThreadView) threads, clock, budget, new SplittableRandom());
    }

    VirtualThreadStackSource(VirtualThreadView threads, Clock clock, int budget, SplittableRandom random) {
        this.threads = threads;
        this.budget = Math.max(1, budget);
        keptEntries = new VirtualThreadView.Entry[this.budget];
        keptStacks = new StackTraceElement[this.budget][];
        keptStates = new byte[this.budget];
        this.random = random;
        this.clock = clock;
    }

    private final Clock clock;

    @Override
    public void sample(StackConsumer consumer) {
        tick++;
        boolean listedNow = !listed || tick >= nextRefresh;
        if (listedNow) {
            int listedCount = refresh();
            // Short-lived virtual threads (one per request) must be seen every tick; only a crowd of
            // thousands makes listing them costly enough to do less often.
            emptyListings = listedCount == 0 ? emptyListings + 1 : 0;
            nextRefresh = tick + (emptyListings >= EMPTY_LISTINGS_BEFORE_BACK_OFF ? EMPTY_REFRESH_TICKS
                    : Math.max(1, Math.min(MAX_REFRESH_TICKS, listedCount / THREADS_PER_REFRESH_TICK)));
        }
        mounted.clear();
        ready.clear();
        waitingToStart.clear();
        // Each carrier is read just before the thread it runs is walked, so that each running thread is counted at
        // about the instant its stack is taken. Through the listing's mounted flags, tasks with 2 in flight lost a
        // third of their 0.5 ms first phase; walked after the split, a fifth. With every carrier read first, the
        // second carrier's thread went on running while the first one's walk took 0.5-13 ms (a handshake waits for
        // a carrier that has no CPU): 23-38% of its walks found it parked in the sleep after its computing, and
        // running time fell 15-20% short of the carriers' (32 tasks on 2 carriers).
        int carriersToRead = threads.carriersToRead();
        onCarrierCount = 0;
        viaCarriers = carriersToRead >= 0;
        for (int c = 0; c < carriersToRead; c++) {
            VirtualThreadView.Entry e = threads.runningOn(c);
            // A thread walked on one carrier may park and be mounted on a later one before that one is read.
            if (e != null && !mountedThisTick(e)) {
                onCarrier(e.id());
                walkRunning(consumer, e);
            }
        }
        // The groups are fixed before any unmounted walk, so the probabilities below are the true ones, and as at the
        // carrier read: a thread the listing found never run and no carrier ran then was waiting to start, even if it
        // runs by now (the running walks take 0.2-3 ms on a busy machine). Taken for a ready one, its walk found it
        // computing and its wait to start was stored as a carrier wait in its computing frames (1.5 s of a 40 s wait
        // to start, with 32 tasks on 2 carriers).
        startedAtListing = listedNow && viaCarriers ? listedIds : null;
        split(runnable);
        int parkedStart = mounted.size();
        split(parked);
        int mountedFromParked = mounted.size() - parkedStart;
        if (!viaCarriers) {
            // Walking the unmounted ones first (a handshake-free walk each, yet 0.2-2 ms apiece on a busy machine)
            // hid a 0.5 ms first phase almost entirely (0.4% vs 5.2% measured).
            for (VirtualThreadView.Entry e : mounted) {
                walkRunning(consumer, e);
            }
        }
        recordWaitingToStart(consumer);
        int forReady = Math.min(ready.size(), Math.max(budget - budget / 4, 1));
        walkUnmounted(consumer, ready, ready.size(), forReady);
        // Parked threads rarely change stacks; a few per tick, each standing for the others, is enough.
        int forParked = Math.max(1, Math.min(budget - forReady, budget / 4));
        walkUnmounted(consumer, parked, parked.size() - mountedFromParked, forParked);
        carriers.read(threads.carrierCpuNanos(), threads.carrierCount(), clock.nanoTime());
        mounted.clear();
        ready.clear();
        waitingToStart.clear();
    }

    /** Mounted threads of {@code list} go to {@link #mounted}; from the runnable list, the others to {@link #ready}. */
    private void split(List<VirtualThreadView.Entry> list) {
        boolean isRunnable = list == runnable;
        for (VirtualThreadView.Entry e : list) {
            if (mountedThisTick(e)) {
                mounted.add(e);
            } else if (isRunnable) {
                boolean startedSince = startedAtListing != null && startedAtListing.get(e.id()) != RAN;
                (startedSince || e.neverRan() ? waitingToStart : ready).add(e);
            }
        }
    }

    /** Whether {@code e} is counted as running this tick: walked on its carrier, or mounted (without carriers). */
    private boolean mountedThisTick(VirtualThreadView.Entry e) {
        if (!viaCarriers) {
            return e.mounted();
        }
        for (int i = 0; i < onCarrierCount; i++) {
            if (onCarrierIds[i] == e.id()) {
                return true;
            }
        }
        return false;
    }

    private void onCarrier(long id) {
        if (onCarrierCount == onCarrierIds.length) {
            onCarrierIds = java.util.Arrays.copyOf(onCarrierIds, Math.max(4, 2 * onCarrierCount));
        }
        onCarrierIds[onCarrierCount++] = id;
    }

    /** The threads walked on their carriers this tick (one per carrier at most), and whether carriers were read. */
    private long[] onCarrierIds = new long[4];
    private int onCarrierCount;
    private boolean viaCarriers;

    /**
     * Walks {@code m} of the {@code n} threads of a group that were unmounted at the split, from a random place in
     * {@code list} on (threads counted running this tick are in the list but not of the group). Each walk stands
     * for the tick's interval times n / (walks kept). A thread that has been mounted since the split, or has ended,
     * no longer shows where it was then: its walk is not kept and the next thread of the group stands in. Kept, a
     * sleeping task that woke and ran by its walk handed its sleep to the frames after it, and one that ended
     * handed it to nothing (sleep 2-3 pp under with 32 tasks on 2 carriers).
     */
    private void walkUnmounted(StackConsumer consumer, List<VirtualThreadView.Entry> list, int n, int m) {
        if (n <= 0 || m <= 0) {
            return;
        }
        int kept = 0;
        int tries = 0;
        int start = random.nextInt(list.size());
        for (int k = 0; k < list.size() && kept < m && tries < 2 * m; k++) {
            VirtualThreadView.Entry e = list.get((start + k) % list.size());
            if (mountedThisTick(e) || e.mounted() || e.state() == Thread.State.TERMINATED) {
                // Walked as running, mounted since the split, or ended: its stack has moved on. Read from fields, so
                // not a try: with walks of ended threads counted, a group whose tasks end after their last sleep
                // (32 tasks on 2 carriers) often used its tries up on them and lost its time (sleep 4 pp under).
                continue;
            }
            tries++;
            StackTraceElement[] stack = StackDepth.limit(e.stack(), PlatformStackSource.DEFAULT_MAX_DEPTH);
            Thread.State state = e.state();
            if (state == Thread.State.TERMINATED || e.mounted()) {
                continue;
            }
            keptEntries[kept] = e;
            keptStacks[kept] = stack;
            keptStates[kept] = unmountedState(state);
            kept++;
        }
        double scale = (double) n / Math.max(1, kept);
        for (int i = 0; i < kept; i++) {
            VirtualThreadView.Entry e = keptEntries[i];
            walks++;
            consumer.acceptSampled(e.id(), e.name(), true, keptStates[i], keptStacks[i], scale);
            keptEntries[i] = null;
            keptStacks[i] = null;
        }
    }

    /**
     * The state to store for a thread unmounted at the split: runnable is waiting for a carrier, not running (its
     * stack is where it stopped), where carriers are seen at all.
     */
    private byte unmountedState(Thread.State state) {
        byte stored = ThreadState.of(state);
        return stored == ThreadState.RUNNABLE && threads.seesCarriers() ? ThreadState.READY : stored;
    }

    /**
     * Records the threads waiting to start at the split with the empty stack they had then, without a walk (a walk
     * now, after the running ones, may find one running); a random block of them when there are very many.
     */
    private void recordWaitingToStart(StackConsumer consumer) {
        int n = waitingToStart.size();
        if (n == 0) {
            return;
        }
        int m = Math.min(n, MAX_WAITING_TO_START_PER_TICK);
        double scale = (double) n / m;
        int start = m == n ? 0 : random.nextInt(n);
        for (int k = 0; k < m; k++) {
            VirtualThreadView.Entry e = waitingToStart.get((start + k) % n);
            walks++;
            consumer.acceptSampled(e.id(), e.name(), true, ThreadState.READY, NOT_STARTED, scale);
        }
    }

    /**
     * True for the top frame of a parked virtual thread's stack (the continuation's own frames are hidden):
     * {@code VirtualThread.park}, {@code parkNanos}..., or {@code Object.wait0} for one that waits unmounted.
     */
    static boolean parkedTop(StackTraceElement top) {
        String c = top.getClassName();
        return c.equals("java.lang.VirtualThread") || c.equals("java.lang.Object") && top.getMethodName().equals("wait0");
    }

    /** Walks a thread counted running this tick: it stands for the whole interval. */
    private void walkRunning(StackConsumer consumer, VirtualThreadView.Entry e) {
        StackTraceElement[] stack = StackDepth.limit(e.stack(), PlatformStackSource.DEFAULT_MAX_DEPTH);
        Thread.State state = e.state();
        if (state == Thread.State.TERMINATED) {
            return; // ended since the carriers were read: its last moments are not worth a guess
        }
        walks++;
        byte stored = ThreadState.of(state);
        if ((state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
                && stack.length > 0 && !parkedTop(stack[0])) {
            // The handshake took the stack while it ran; it parked before the state was read (0.2-6 ms later on a
            // busy machine: a fifth of the running time was stored as parked, in the middle of its computing).
            stored = ThreadState.RUNNABLE;
        }
        // A thread runnable but unmounted after a walk that began mounted is parking or yielding: its stack is
        // where it ran, so it stays running rather than waiting for a carrier.
        consumer.acceptSampled(e.id(), e.name(), true, stored, stack, 1.0);
    }

    /**
     * Lists the virtual threads and splits them into runnable and parked. With ten thousand threads this
     * is the expensive part of a tick, so it then runs less often (see {@link #sample}); in between, the
     * lists are reused (a thread that ended is skipped when walked). Returns how many were listed.
     */
    private int refresh() {
        List<? extends VirtualThreadView.Entry> live = threads.list();
        int n = live.size();
        listed = true;
        maxLive = Math.max(maxLive, n);
        runnable.clear();
        parked.clear();
        // A thread is new when the previous listing did not have it: a live thread is in every listing. "Newer than
        // every id listed before" missed threads created before others but started after them (3 of 9 in one run).
        // The two listings' maps are swapped, not allocated: a listing of 10,000 threads filled a 32,768-slot map.
        LongIntMap ids = spareIds;
        ids.reset(n);
        for (VirtualThreadView.Entry e : live) {
            if (listedIds.get(e.id()) < 0) {
                seen++;
            }
            ids.put(e.id(), e.neverRan() ? 0 : RAN);
            (e.state() == Thread.State.RUNNABLE ? runnable : parked).add(e);
        }
        spareIds = listedIds;
        listedIds = ids;
        return n;
    }

    /** Virtual threads seen in any listing during the recording. */
    @Override
    public int virtualThreadsSeen() {
        return seen;
    }

    /** Most virtual threads alive at once during the recording. */
    public int maxLive() {
        return maxLive;
    }

    public long walks() {
        return walks;
    }

    /** CPU time the carriers used since the first listing, in nanoseconds, or -1 when unknown. */
    @Override
    public long carrierCpuNanos() {
        return carriers.cpuNanos();
    }

    /** Wall time the carriers were alive since the first listing, in nanoseconds (their count times time), or -1. */
    @Override
    public long carrierWallNanos() {
        return carriers.wallNanos();
    }

    @Override
    public String describe() {
        return "virtual threads: the mounted ones and " + budget + " others per tick, chosen at random";
    }
}

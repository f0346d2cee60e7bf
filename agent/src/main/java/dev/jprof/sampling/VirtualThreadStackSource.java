package dev.jprof.sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Stacks of virtual threads (JDK 21+). There may be tens of thousands, so each tick walks at most
 * {@code budget} of them: runnable ones first (three quarters of the budget), then a quarter of the budget
 * of parked ones, each group round robin, from lists refreshed every tick, or less often (up to every {@link #MAX_REFRESH_TICKS} ticks) when
 * thousands of virtual threads make listing them costly, and weights each sample by the time since that thread was last sampled (or first
 * seen), as async-profiler does in wall mode. Unnamed virtual threads are named after
 * their container (e.g. the executor), so reports group them.
 */
public final class VirtualThreadStackSource implements StackSource {
    private final VirtualThreads threads;
    private final Clock clock;
    private final int budget;
    private final LongIntMap slots = new LongIntMap(256);
    private long[] firstSeen = new long[256];
    private long[] lastListed = new long[256];
    private long[] slotIds = new long[256];
    private int slotCount;
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
    private int listedCount;

    private List<VirtualThreads.Found> runnable;
    private List<VirtualThreads.Found> parked;
    private int runnableCursor;
    private int parkedCursor;
    private long tick;
    private int maxLive;
    private long walks;

    public VirtualThreadStackSource(VirtualThreads threads, Clock clock, int budget) {
        this.threads = threads;
        this.clock = clock;
        this.budget = Math.max(1, budget);
    }

    @Override
    public void sample(StackConsumer consumer) {
        tick++;
        if (runnable == null || tick >= nextRefresh) {
            refresh();
            // Short-lived virtual threads (one per request) must be seen every tick; only a crowd of
            // thousands makes listing them costly enough to do less often.
            emptyListings = listedCount == 0 ? emptyListings + 1 : 0;
            nextRefresh = tick + (emptyListings >= EMPTY_LISTINGS_BEFORE_BACK_OFF ? EMPTY_REFRESH_TICKS
                    : Math.max(1, Math.min(MAX_REFRESH_TICKS, listedCount / THREADS_PER_REFRESH_TICK)));
        }
        int forRunnable = Math.min(runnable.size(), Math.max(budget - budget / 4, 1));
        runnableCursor = walk(consumer, runnable, runnableCursor, forRunnable);
        // Parked threads rarely change stacks; a few per tick, weighted by their gap, is enough.
        int forParked = Math.min(parked.size(), Math.max(1, Math.min(budget - forRunnable, budget / 4)));
        parkedCursor = walk(consumer, parked, parkedCursor, forParked);
    }

    /**
     * Lists the virtual threads and splits them into runnable and parked. With ten thousand threads this
     * is the expensive part of a tick, so it then runs less often (see {@link #sample}); in between, the
     * lists are reused (a thread that ended is skipped when walked).
     */
    private void refresh() {
        List<VirtualThreads.Found> live = threads.list();
        int n = live.size();
        listedCount = n;
        maxLive = Math.max(maxLive, n);
        long now = clock.nanoTime();
        if (runnable == null) {
            runnable = new ArrayList<>();
            parked = new ArrayList<>();
        }
        runnable.clear();
        parked.clear();
        for (VirtualThreads.Found f : live) {
            slot(f.thread.getId(), now);
            // Reading a virtual thread's state is cheap; walking its stack is not. Threads that run (or are
            // ready to) are where the time goes: walk them first, then a few parked ones, round robin.
            (f.thread.getState() == Thread.State.RUNNABLE ? runnable : parked).add(f);
        }
        if (slotCount > 256 && slotCount > 2 * n) {
            forgetEnded();
        }
    }

    private int walk(StackConsumer consumer, List<VirtualThreads.Found> list, int cursor, int count) {
        int n = list.size();
        if (n == 0 || count == 0) {
            return cursor;
        }
        int start = cursor % n;
        for (int k = 0; k < count; k++) {
            VirtualThreads.Found f = list.get((start + k) % n);
            Thread t = f.thread;
            StackTraceElement[] stack = StackDepth.limit(t.getStackTrace(), PlatformStackSource.DEFAULT_MAX_DEPTH);
            Thread.State state = t.getState();
            int slot = slots.get(t.getId());
            if (state == Thread.State.TERMINATED || slot < 0) {
                continue;
            }
            walks++;
            String name = t.getName().isEmpty() ? (f.container == null ? "virtual" : f.container) : t.getName();
            consumer.accept(t.getId(), name, true, ThreadState.of(state), stack, firstSeen[slot]);
            firstSeen[slot] = Long.MIN_VALUE; // from now on the sampler's own "last sampled" time applies
        }
        return (start + count) % n;
    }

    private int slot(long id, long now) {
        int s = slots.get(id);
        if (s < 0) {
            if (slotCount == slotIds.length) {
                int m = slotCount * 2;
                slotIds = Arrays.copyOf(slotIds, m);
                firstSeen = Arrays.copyOf(firstSeen, m);
                lastListed = Arrays.copyOf(lastListed, m);
            }
            s = slotCount++;
            slotIds[s] = id;
            firstSeen[s] = now;
            slots.put(id, s);
        }
        lastListed[s] = tick;
        return s;
    }

    private void forgetEnded() {
        int kept = 0;
        LongIntMap fresh = new LongIntMap(slotCount);
        for (int s = 0; s < slotCount; s++) {
            if (lastListed[s] == tick) {
                slotIds[kept] = slotIds[s];
                firstSeen[kept] = firstSeen[s];
                lastListed[kept] = lastListed[s];
                fresh.put(slotIds[kept], kept);
                kept++;
            }
        }
        slotCount = kept;
        slots.clear(fresh);
    }

    @Override
    public int virtualThreadsSeen() {
        return maxLive;
    }

    /** Most virtual threads alive at once during the recording. */
    public int maxLive() {
        return maxLive;
    }

    public long walks() {
        return walks;
    }

    @Override
    public String describe() {
        return "virtual threads: " + budget + " per tick, round robin";
    }
}

package dev.jprof.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Far more virtual threads than walks per tick: the time each frame gets must be the true time, whatever
 * the threads do between walks (issue 13). The threads are scripted phase by phase on two carriers.
 */
class VirtualThreadStackSourceTest {
    private static final long TICK = 10_000_000L;
    private final FakeClock clock = new FakeClock();
    private final Population population = new Population();
    private final SampleStore store = new SampleStore();

    @Test
    void eachFrameGetsItsTrueTimeWithFarMoreThreadsThanWalks() {
        // 32 tasks on 2 carriers: each waits for a carrier, computes 3 ticks, sleeps 20 ticks, again.
        for (int i = 0; i < 32; i++) {
            population.add(new Task(i, 3, 20, i));
        }
        Map<String, Long> truth = run(4_000, 8);
        Map<String, Long> profiled = profiledByTop();
        long total = truth.values().stream().mapToLong(Long::longValue).sum();
        for (String phase : List.of("compute", "sleep", "wait")) {
            double expected = truth.getOrDefault(phase, 0L) / (double) total;
            double got = profiled.getOrDefault(phase, 0L) / (double) total;
            assertEquals(expected, got, 0.02, phase + ": " + profiled + " vs truth " + truth);
        }
    }

    @Test
    void aRunnableThreadNoCarrierRunsIsStoredAsReady() {
        for (int i = 0; i < 8; i++) {
            population.add(new Task(i, 5, 7, 0));
        }
        run(50, 8);
        for (int r = 0; r < store.runCount(); r++) {
            boolean waiting = store.stacks().frame(store.runStack(r)) < 0;
            byte state = store.runState(r);
            assertEquals(waiting, state == ThreadState.READY, "state " + ThreadState.name(state));
        }
    }

    @Test
    void mountedThreadsAreWalkedEveryTickSoRunningTimeIsExact() {
        for (int i = 0; i < 32; i++) {
            population.add(new Task(i, 5, 7, i * 3));
        }
        Map<String, Long> truth = run(1_000, 2);
        assertEquals(truth.get("compute"), profiledByTop().get("compute"),
                "running time is the carriers' busy time, to the tick, whatever the budget");
    }

    @Test
    void aThreadsFirstWalkDoesNotCarryItsWaitForACarrier() {
        // One long wait for a carrier, then a short first call, then long computing: the old gap weighting gave
        // the first call the whole wait.
        population.add(new Task(0, 100, 0, 0) {
            @Override
            String top(long t) {
                return t < 50 ? "wait" : t < 51 ? "firstCall" : "compute";
            }

            @Override
            boolean mounted(long t) {
                return t >= 50;
            }
        });
        run(150, 8);
        Map<String, Long> profiled = profiledByTop();
        assertEquals(TICK, profiled.get("firstCall"), "one tick, not the wait before it");
        assertEquals(50 * TICK, profiled.get("wait"));
    }

    @Test
    void mountedThreadsAreWalkedFirstSoTheirStacksAreThoseOfTheListing() {
        // Which threads run is read at the listing, their stacks at the walk. Walking another thread takes time
        // (milliseconds on a busy machine), in which a task's short first call ends: walked first, it is seen.
        boolean[] anotherWalked = {false};
        population.add(new Task(0, 1000, 0, 0) {
            @Override
            String top(long t) {
                return anotherWalked[0] ? "compute" : "firstCall";
            }

            @Override
            boolean mounted(long t) {
                return true;
            }
        });
        for (int i = 1; i < 5; i++) {
            population.add(new Task(i, 1, 1000, 0) {
                @Override
                String top(long t) {
                    return "sleep";
                }

                @Override
                boolean mounted(long t) {
                    return false;
                }

                @Override
                public StackTraceElement[] stack() {
                    anotherWalked[0] = true;
                    return super.stack();
                }
            });
        }
        run(1, 8);
        assertEquals(TICK, profiledByTop().get("firstCall"), "the first call, as it was at the listing: " + profiledByTop());
    }

    @Test
    void threadsOnCarriersAreWalkedFirstAndOnceWhetherTheListingHasThemOrNot() {
        // The listing knows a parked task; a carrier runs a task it does not have (a view may report one).
        population.add(fixed(0, "sleep", false));
        Task started = fixed(1, "firstCall", true);
        started.population = population;
        population.carriers = List.of(started);
        run(3, 8);
        Map<String, Long> profiled = profiledByTop();
        assertEquals(3 * TICK, profiled.get("firstCall"), "walked on its carrier each tick, once: " + profiled);
        assertEquals(3 * TICK, profiled.get("sleep"), profiled.toString());
        assertEquals(2, profiled.size(), profiled.toString());
    }

    @Test
    void everyThreadWaitingToStartIsCountedEachTickWithoutAWalkAndTheWalksGoToTheOthers() {
        // 20 never ran, 20 woken and waiting for a carrier, 4 walks a tick: the wait to start is exact every tick.
        List<Task> woken = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            boolean neverRan = i < 20;
            Task t = new Task(i, 1000, 0, 0) {
                @Override
                String top(long t) {
                    return neverRan ? "wait" : "sleep";
                }

                @Override
                public boolean neverRan() {
                    return neverRan;
                }

                @Override
                boolean mounted(long t) {
                    return false;
                }

                @Override
                public Thread.State state() {
                    return Thread.State.RUNNABLE; // ready: waiting for a carrier, to start or to go on
                }

                @Override
                public StackTraceElement[] stack() {
                    assertTrue(!neverRan, "a thread that never ran is not walked");
                    woken.add(this);
                    return super.stack();
                }
            };
            population.add(t);
        }
        run(5, 4);
        Map<String, Long> profiled = profiledByTop();
        assertEquals(5 * 20 * TICK, profiled.get("wait"), profiled.toString());
        assertEquals(5 * 20 * TICK, profiled.get("sleep"), 100, "scaled walks, rounded to the ns: " + profiled);
        assertEquals(5 * 3, woken.size(), "the budget's ready walks, all on threads that ran before");
    }

    @Test
    void aThreadWalkedOnItsCarrierIsNotWalkedAgainAmongTheParkedOnes() {
        // Listed as parked, running by the time the carriers are read: one sample, the running one.
        Task woken = new Task(0, 1000, 0, 0) {
            @Override
            String top(long t) {
                return "compute";
            }

            @Override
            boolean mounted(long t) {
                return false; // the listing's flag, read before it was mounted
            }

            @Override
            public Thread.State state() {
                return Thread.State.TIMED_WAITING;
            }
        };
        population.add(woken);
        population.carriers = List.of(woken);
        run(4, 8);
        assertEquals(Map.of("compute", 4 * TICK), profiledByTop());
        for (int r = 0; r < store.runCount(); r++) {
            assertEquals(ThreadState.RUNNABLE, store.runState(r), "running on its carrier, not the listing's sleep");
        }
    }

    @Test
    void aRunningStackStaysRunningWhenTheThreadParksBeforeItsStateIsRead() {
        // The handshake returns the stack of a running thread; it may have parked by the time its state is read.
        population.add(new Task(0, 1000, 0, 0) {
            @Override
            boolean mounted(long t) {
                return true;
            }

            @Override
            public Thread.State state() {
                return Thread.State.TIMED_WAITING;
            }
        });
        run(3, 8);
        for (int r = 0; r < store.runCount(); r++) {
            assertEquals(ThreadState.RUNNABLE, store.runState(r), ThreadState.name(store.runState(r)));
        }
    }

    @Test
    void eachCarrierIsReadJustBeforeItsThreadIsWalked() {
        // While the first carrier's thread is walked, the second carrier's thread parks and the carrier mounts
        // another: read before the first walk, the second carrier's thread would be walked parked, its running time
        // stored as sleep, and the thread that runs then would be counted by no one.
        Task first = fixed(0, "compute", true);
        Task parking = fixed(1, "computeToo", true);
        Task next = fixed(2, "computeNext", false);
        List<Task> onCarriers = new ArrayList<>(List.of(first, parking));
        first.onWalk = () -> {
            parking.fixedState = Thread.State.TIMED_WAITING;
            onCarriers.set(1, next);
        };
        population.add(first);
        population.add(parking);
        population.add(next);
        population.carriers = onCarriers;
        run(1, 8);
        Map<String, Long> profiled = profiledByTop();
        assertEquals(TICK, profiled.get("compute"), profiled.toString());
        assertEquals(TICK, profiled.get("computeNext"), "the thread the second carrier runs when it is read: " + profiled);
        long running = 0;
        for (int r = 0; r < store.runCount(); r++) {
            running += store.runState(r) == ThreadState.RUNNABLE ? store.runWeight(r) : 0;
        }
        assertEquals(2 * TICK, running, "two carriers, two running threads");
    }

    @Test
    void aThreadThatStartsWhileTheRunningOnesAreWalkedWasWaitingToStartAtTheTick() {
        // Not yet started when the carriers are read; a carrier picks it up while the running thread is walked.
        boolean[] started = {false};
        Task running = fixed(0, "compute", true);
        running.onWalk = () -> started[0] = true;
        Task starting = new Task(1, 1000, 0, 0) {
            @Override
            String top(long t) {
                return started[0] ? "firstCall" : "wait";
            }

            @Override
            boolean mounted(long t) {
                return started[0];
            }

            @Override
            public boolean neverRan() {
                return !started[0];
            }
        };
        population.add(running);
        population.add(starting);
        population.carriers = List.of(running);
        run(1, 8);
        assertEquals(Map.of("compute", TICK, "wait", TICK), profiledByTop(),
                "waiting to start at the tick, not ready with the frames it reached by its walk");
    }

    @Test
    void anUnmountedThreadThatRanOrEndedBeforeItsWalkIsStoodInForByAnotherOfItsGroup() {
        // Both sleep at the tick; by its walk one has woken and runs on, another has ended: the third, still asleep,
        // stands for all three.
        population.add(new Task(0, 1000, 0, 0) {
            @Override
            String top(long t) {
                return "afterSleep";
            }

            @Override
            public boolean mounted() {
                return true; // mounted since the split, which found no carrier running it
            }

            @Override
            public Thread.State state() {
                return Thread.State.TIMED_WAITING; // the listing's state
            }
        });
        Task ended = fixedState(1, "ended", Thread.State.TIMED_WAITING);
        ended.onWalk = () -> ended.fixedState = Thread.State.TERMINATED;
        population.add(ended);
        population.add(fixedState(2, "sleep", Thread.State.TIMED_WAITING));
        population.carriers = List.of();
        run(1, 8);
        assertEquals(Map.of("sleep", 3 * TICK), profiledByTop());
    }

    @Test
    void aThreadFoundOnASecondCarrierAfterItsWalkOnTheFirstIsCountedOnce() {
        // Walked on the first carrier, it parks, wakes and is mounted on the second before that one is read.
        Task moving = fixed(0, "compute", true);
        population.add(moving);
        population.carriers = List.of(moving, moving);
        run(2, 8);
        assertEquals(Map.of("compute", 2 * TICK), profiledByTop());
    }

    @Test
    void threadsThatEndedBeforeTheirWalkDoNotUseUpTheWalksOfTheirGroup() {
        // Twelve tasks sleep their last sleep at the tick and end while the running thread is walked; one sleeps on.
        // Walks of ended threads counted against the group's tries, the sleeper was often never reached and the
        // group's 13 intervals of sleep were lost (32 tasks on 2 carriers: sleep up to 4 pp under).
        Task running = fixed(0, "compute", true);
        List<Task> ending = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            ending.add(fixedState(i, "sleep", Thread.State.TIMED_WAITING));
        }
        running.onWalk = () -> ending.forEach(t -> t.fixedState = Thread.State.TERMINATED);
        population.add(running);
        ending.forEach(population::add);
        population.add(fixedState(13, "sleep", Thread.State.TIMED_WAITING));
        population.carriers = List.of(running);
        run(1, 8);
        assertEquals(Map.of("compute", TICK, "sleep", 13 * TICK), profiledByTop());
    }

    @Test
    void aThreadIsSeenOnceWhateverTheOrderOfIdsItIsListedIn() {
        // A thread created before another can start after it: its smaller id shows up in a later listing.
        VirtualThreadStackSource source = new VirtualThreadStackSource(population, clock, 8, new SplittableRandom(7));
        population.add(fixedState(10, "sleep", Thread.State.TIMED_WAITING));
        source.sample(NO_SAMPLES);
        population.add(fixedState(4, "sleep", Thread.State.TIMED_WAITING));
        source.sample(NO_SAMPLES);
        source.sample(NO_SAMPLES);
        assertEquals(2, source.virtualThreadsSeen());
    }

    private static final StackSource.StackConsumer NO_SAMPLES = (id, name, virtual, state, stack) -> { };

    /** A task always at {@code top}, unmounted, in {@code state} until a test changes it. */
    private static Task fixedState(int id, String top, Thread.State state) {
        Task t = fixed(id, top, false);
        t.fixedState = state;
        return t;
    }

    /** A task that is always at {@code top}, mounted or not, whatever the schedule says. */
    private static Task fixed(int id, String top, boolean mounted) {
        return new Task(id, 1000, 1000, 0) {
            @Override
            String top(long t) {
                return top;
            }

            @Override
            boolean mounted(long t) {
                return mounted;
            }
        };
    }

    /** Runs {@code ticks} ticks; returns the true time per top frame, counted per tick as the ticks go. */
    private Map<String, Long> run(int ticks, int budget) {
        VirtualThreadStackSource source = new VirtualThreadStackSource(population, clock, budget, new SplittableRandom(7));
        Sampler sampler = new Sampler(source, store, clock, TICK);
        sampler.begin();
        Map<String, Long> truth = new HashMap<>();
        for (int t = 0; t < ticks; t++) {
            // A walk at the end of an interval stands for it: the truth is the state at the walk.
            clock.advance(Duration.ofNanos(TICK));
            population.now = t;
            population.schedule();
            for (Task task : population.tasks) {
                truth.merge(task.top(t), TICK, Long::sum);
            }
            sampler.tick();
        }
        return truth;
    }

    private Map<String, Long> profiledByTop() {
        Map<String, Long> out = new HashMap<>();
        for (int r = 0; r < store.runCount(); r++) {
            int top = store.stacks().frame(store.runStack(r));
            String name = top < 0 ? "wait" : store.frames().get(top).getMethodName();
            out.merge(name, store.runWeight(r), Long::sum);
        }
        return out;
    }

    /** A scripted crowd of virtual threads on two carriers. */
    private static final class Population implements VirtualThreadView {
        final List<Task> tasks = new ArrayList<>();
        long now;
        /** What the carriers run, when the test scripts it; null: carriers cannot be read. */
        List<Task> carriers;

        @Override
        public int carriersToRead() {
            return carriers == null ? -1 : carriers.size();
        }

        @Override
        public Entry runningOn(int carrier) {
            return carriers.get(carrier);
        }

        void add(Task t) {
            tasks.add(t);
            t.population = this;
        }

        /** Two carriers: the first two tasks that want to compute run, the others wait (FIFO by readiness). */
        void schedule() {
            int free = 2;
            for (Task t : tasks) {
                t.running = false;
            }
            List<Task> wanting = new ArrayList<>();
            for (Task t : tasks) {
                if (t.wantsCarrier(now)) {
                    wanting.add(t);
                }
            }
            wanting.sort((a, b) -> Long.compare(a.readySince, b.readySince));
            for (Task t : wanting) {
                if (free > 0) {
                    t.running = true;
                    free--;
                }
            }
            for (Task t : tasks) {
                t.advance(now);
            }
        }

        @Override
        public List<? extends Entry> list() {
            return tasks;
        }
    }

    /**
     * Computes {@code work} ticks on a carrier (waiting for one when both are busy), then sleeps {@code sleep}
     * ticks, and again.
     */
    private static class Task implements VirtualThreadView.Entry {
        final int id;
        final int work;
        final int sleep;
        Population population;
        /** Run as the task is walked: what changes elsewhere while a walk takes its time. */
        Runnable onWalk;
        /** The state it reports, when the test fixes one; null: the schedule's. */
        Thread.State fixedState;
        int done;
        long sleepUntil;
        long readySince;
        boolean running;

        Task(int id, int work, int sleep, long start) {
            this.id = id;
            this.work = work;
            this.sleep = sleep;
            this.sleepUntil = start;
            this.readySince = start;
        }

        boolean wantsCarrier(long t) {
            return t >= sleepUntil;
        }

        void advance(long t) {
            if (running && ++done == work) {
                done = 0;
                sleepUntil = t + 1 + sleep;
                readySince = sleepUntil;
            }
        }

        String top(long t) {
            return t < sleepUntil && !running ? "sleep" : running ? "compute" : "wait";
        }

        boolean mounted(long t) {
            return running;
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public String name() {
            return "task";
        }

        @Override
        public Thread.State state() {
            if (fixedState != null) {
                return fixedState;
            }
            String top = top(population.now);
            return top.equals("sleep") ? Thread.State.TIMED_WAITING : Thread.State.RUNNABLE;
        }

        @Override
        public boolean mounted() {
            return mounted(population.now);
        }

        @Override
        public StackTraceElement[] stack() {
            if (onWalk != null) {
                onWalk.run();
            }
            String top = top(population.now);
            assertTrue(top != null);
            return top.equals("wait") ? new StackTraceElement[0]
                    : new StackTraceElement[] {new StackTraceElement("com.acme.Task", top, "Task.java", 1)};
        }
    }
}

package dev.jprof.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.testing.FakeClock;
import dev.jprof.testing.ScriptedStackSource;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplerTest {
    private final FakeClock clock = new FakeClock();
    private final ScriptedStackSource source = new ScriptedStackSource();
    private final SampleStore store = new SampleStore();
    private final Sampler sampler = new Sampler(source, store, clock, 10_000_000L);

    @Test
    void weighsEachSampleByWallTimeSinceThatThreadsPreviousSample() {
        sampler.begin();
        source.running(1, "main", "com.acme.Main.main:1");
        clock.advance(Duration.ofMillis(10));
        sampler.tick();
        clock.advance(Duration.ofMillis(50)); // a late tick, e.g. after a GC pause
        sampler.tick();
        assertEquals(1, store.runCount(), "same stack twice is one run");
        assertEquals(60_000_000L, store.runWeight(0));
        assertEquals(2, store.sampleCount());
        assertEquals(10_000_000L, sampler.minIntervalNanos());
        assertEquals(50_000_000L, sampler.maxIntervalNanos());
    }

    @Test
    void aQuietThreadThatChangesStateGivesTheGapToItsOldStateNotItsNewStack() {
        StackTraceElement[] waiting = {new StackTraceElement("com.acme.Pool", "take", "Pool.java", 1)};
        StackTraceElement[] working = {new StackTraceElement("com.acme.Pool", "work", "Pool.java", 2)};
        int[] tick = {0};
        StackSource quiet = consumer -> {
            if (tick[0] == 0) {
                consumer.accept(1, "pool-1", false, ThreadState.WAITING, waiting);
            } else if (tick[0] == 10) { // skipped at ticks 1-9 (quiet, state unchanged), then woke up
                consumer.held(1, "pool-1", false);
                consumer.accept(1, "pool-1", false, ThreadState.RUNNABLE, working);
            }
        };
        Sampler s = new Sampler(quiet, store, clock, 10_000_000L);
        s.begin();
        for (; tick[0] <= 10; tick[0]++) {
            clock.advance(Duration.ofMillis(10));
            s.tick();
        }
        assertEquals(2, store.runCount());
        assertEquals(ThreadState.WAITING, store.runState(0));
        assertEquals(100_000_000L, store.runWeight(0), "ticks 0-9: waiting, as seen at each");
        assertEquals(ThreadState.RUNNABLE, store.runState(1));
        assertEquals(10_000_000L, store.runWeight(1), "only the last interval is the new stack's");
    }

    @Test
    void aTicksCostIncludesTheTimeTheProgramStoodStillAtASafepoint() {
        StackSource pausing = new StackSource() {
            @Override
            public void sample(StackConsumer consumer) {
                source.sample(consumer);
            }

            @Override
            public long lastPauseNanos() {
                return 2_000_000L;
            }
        };
        Sampler s = new Sampler(pausing, store, clock, 10_000_000L);
        s.begin();
        source.running(1, "main", "com.acme.Main.main:1");
        clock.advance(Duration.ofMillis(10));
        long plain = sampler.measuredTick();
        long withPause = s.measuredTick();
        assertEquals(plain + 2_000_000L, withPause, "a 2 ms safepoint is 2 ms of cost whatever the sampler's CPU");
    }

    @Test
    void helperCpuCountsOnlyWhenTheProgramsRunningThreadsFillEveryCpu() {
        StackSource withVmThread = new StackSource() {
            @Override
            public void sample(StackConsumer consumer) {
                source.sample(consumer);
            }

            @Override
            public long lastPauseNanos() {
                return 50_000L;
            }

            @Override
            public long lastHelperCpuNanos() {
                return 80_000L;
            }
        };
        clock.advanceThreadCpu(5_000_000L); // the sampler thread's CPU time is known
        Sampler s = new Sampler(withVmThread, store, clock, 10_000_000L);
        s.cpus(2);
        s.begin();
        source.running(1, "main", "com.acme.Main.main:1");
        clock.advance(Duration.ofMillis(10));
        s.measuredTick();
        clock.advanceThreadCpu(100_000L);
        clock.advance(Duration.ofMillis(10));
        assertEquals(50_000L + (100_000L + 80_000L) / Sampler.IDLE_CPU_LENIENCY, s.measuredTick(),
                "one running thread, 2 CPUs: the helpers ran on the idle one, a twentieth counts");
        source.running(2, "worker", "com.acme.Worker.run:1");
        clock.advanceThreadCpu(100_000L);
        clock.advance(Duration.ofMillis(10));
        assertEquals(50_000L + (100_000L + 80_000L) / 2, s.measuredTick(),
                "two running threads fill both CPUs: the helpers' CPU was taken from them, half of each CPU's");
    }

    @Test
    void intervalsAreDrawnFromHalfToOneAndAHalfTimesTheIntervalAroundItsMean() {
        Sampler s = new Sampler(source, store, clock, 10_000_000L);
        long sum = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            long j = s.jittered(10_000_000L);
            sum += j;
            min = Math.min(min, j);
            max = Math.max(max, j);
        }
        assertTrue(min >= 5_000_000L && max < 15_000_000L, min + " .. " + max);
        assertTrue(min < 5_500_000L && max > 14_500_000L, "the whole range is used: " + min + " .. " + max);
        assertEquals(10_000_000.0, sum / (double) n, 100_000.0, "the mean rate stays the interval's");
    }

    @Test
    void aLateTickIsFollowedAtOnceByTheOneDueMeanwhileButAFarBacklogResynchronises() {
        long ms = 1_000_000L;
        long quick = ms / 5;
        assertEquals(11 * ms, Sampler.nextDeadline(10 * ms, ms, 10 * ms + quick, quick), "on time: one interval later");
        assertEquals(11 * ms, Sampler.nextDeadline(10 * ms, ms, 12 * ms + ms / 2, quick),
                "woke 2.5 ms late, a quick tick: the tick due at 11 ms runs at once");
        assertEquals(21 * ms, Sampler.nextDeadline(10 * ms, ms, 20 * ms, quick),
                "10 ms behind (a GC pause): resynchronised, no burst");
        assertEquals(14 * ms, Sampler.nextDeadline(10 * ms, ms, 13 * ms, 3 * ms),
                "a tick that worked 3 ms of a 1 ms interval: an interval of rest, not another tick at once");
        assertEquals(11 * ms, Sampler.nextDeadline(10 * ms, ms, 12 * ms, quick),
                "a tick that ended 2 ms late having worked 0.2 ms (it waited for a CPU): the one due meanwhile at once");
    }

    @Test
    void aTicksCostIncludesTheCpuTheSamplerSpentWakingUpForIt() {
        clock.advanceThreadCpu(5_000_000L);
        Sampler s = new Sampler(source, store, clock, 10_000_000L);
        s.cpus(1); // the one running thread fills the only CPU: the sampler's CPU is the program's
        s.begin();
        source.running(1, "main", "com.acme.Main.main:1");
        clock.advance(Duration.ofMillis(10));
        assertEquals(0, s.measuredTick(), "the first tick: nothing before it is the sampler's");
        clock.advanceThreadCpu(70_000L); // woken from its park
        clock.advance(Duration.ofMillis(10));
        assertEquals(70_000L, s.measuredTick());
        clock.advance(Duration.ofMillis(10));
        assertEquals(0, s.measuredTick(), "no CPU since the last tick, none counted");
    }

    @Test
    void aNewThreadWeighsTheTimeSinceThePreviousTick() {
        sampler.begin();
        source.running(1, "main", "com.acme.Main.main:1");
        clock.advance(Duration.ofMillis(10));
        sampler.tick();
        source.running(2, "worker", "com.acme.Worker.run:1");
        clock.advance(Duration.ofMillis(10));
        sampler.tick();
        int worker = store.thread(2, "worker", false);
        long weight = 0;
        for (int r = 0; r < store.runCount(); r++) {
            if (store.runThread(r) == worker) {
                weight += store.runWeight(r);
                assertEquals(10_000_000L, store.runStart(r), "starts at the previous tick");
            }
        }
        assertEquals(10_000_000L, weight);
    }

    @Test
    void aSkippedThreadIsWeightedForTheWholeGap() {
        sampler.begin();
        source.running(1, "main", "com.acme.Main.main:1");
        clock.advance(Duration.ofMillis(10));
        sampler.tick();
        source.remove(1);
        clock.advance(Duration.ofMillis(10));
        sampler.tick();
        source.running(1, "main", "com.acme.Main.main:1");
        clock.advance(Duration.ofMillis(10));
        sampler.tick();
        assertEquals(30_000_000L, store.runWeight(0));
    }

    @Test
    void anUnchangedThreadKeepsItsPreviousStack() {
        sampler.begin();
        source.set(1, "main", ThreadState.WAITING, "com.acme.Main.main:1", "java.lang.Object.wait:-2");
        clock.advance(Duration.ofMillis(10));
        sampler.tick();
        int stack = store.runStack(0);
        source.unchanged(1);
        clock.advance(Duration.ofMillis(10));
        sampler.tick();
        assertEquals(1, store.runCount());
        assertEquals(stack, store.runStack(0));
        assertEquals(20_000_000L, store.runWeight(0));
    }

    @Test
    void aStateChangeStartsANewRun() {
        sampler.begin();
        source.set(1, "main", ThreadState.RUNNABLE, "com.acme.Main.main:1");
        clock.advance(Duration.ofMillis(10));
        sampler.tick();
        source.set(1, "main", ThreadState.BLOCKED, "com.acme.Main.main:1");
        clock.advance(Duration.ofMillis(10));
        sampler.tick();
        assertEquals(2, store.runCount());
        assertEquals(ThreadState.BLOCKED, store.runState(1));
    }

    @Test
    void costsAreMeasuredOnlyOnceTheGovernorUsesThem() {
        assertEquals(List.of(), measureCostCalls(0), "governor off (the Java API): the lookup is never made");
        List<Integer> governed = measureCostCalls(0.01);
        assertEquals(1, governed.size(), "asked once: " + governed);
        assertEquals(OverheadGovernor.IGNORED_TICKS - 1, governed.get(0), "before the last tick whose cost is ignored");
    }

    /** Ticks a real sampler 40 times; the ticks taken when the source was asked to measure costs. */
    private static List<Integer> measureCostCalls(double maxOverhead) {
        List<Integer> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger ticks = new java.util.concurrent.atomic.AtomicInteger();
        StackSource counting = new StackSource() {
            @Override
            public void sample(StackConsumer consumer) {
                ticks.incrementAndGet();
            }

            @Override
            public void measureCost() {
                calls.add(ticks.get() - 1); // the priming sample is not a tick
            }
        };
        Sampler real = new Sampler(counting, new SampleStore(), Clock.system(), 1_000_000L);
        real.maxOverhead(maxOverhead);
        real.start();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ticks.get() > 40);
        } finally {
            real.stop();
        }
        return calls;
    }

    @Test
    void theSamplerThreadStopsCleanly() {
        source.running(1, "main", "com.acme.Main.main:1");
        Sampler real = new Sampler(source, new SampleStore(), Clock.system(), 1_000_000L);
        real.start();
        assertTrue(real.isRunning());
        real.stop();
        assertTrue(!real.isRunning());
    }

    @Test
    void anExceptionInsideTheSamplerIsContainedAndStopsSamplingCleanly() throws Exception {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.err;
        StackSource failing = consumer -> {
            throw new IllegalStateException("a JDK API failed");
        };
        Sampler broken = new Sampler(failing, new SampleStore(), Clock.system(), 1_000_000L);
        System.setErr(new java.io.PrintStream(err, true, "UTF-8"));
        try {
            broken.start();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> !broken.isRunning());
        } finally {
            System.setErr(saved);
        }
        assertTrue(broken.failure() instanceof IllegalStateException);
        String message = err.toString("UTF-8");
        assertTrue(message.contains("jprof: sampling stopped after an internal error")
                && message.contains("the program continues"), message);
        assertEquals(1, message.lines().count(), "one line, no stack trace: " + message);
        broken.stop();
    }

    @Test
    void withoutAWaitingCallerTheSessionStartsAfterTheWarmUpSoItsFirstSamplesDoNotWeighIt() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        StackSource slowToWarm = consumer -> {
            if (calls.getAndIncrement() == 0) {
                clock.advance(Duration.ofMillis(100)); // a cold JVM on a loaded machine: the program ran on, unseen
            }
            consumer.accept(1, "main", false, ThreadState.RUNNABLE,
                    new StackTraceElement[] {new StackTraceElement("com.acme.Main", "phaseA", "Main.java", 1)});
        };
        SampleStore recorded = new SampleStore();
        Sampler real = new Sampler(slowToWarm, recorded, clock, 10_000_000L);
        long started = clock.nanoTime();
        real.start();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                synchronized (recorded) {
                    if (recorded.sampleCount() > 0) {
                        return true;
                    }
                }
                clock.advance(Duration.ofMillis(1));
                return false;
            });
        } finally {
            real.stop();
        }
        assertTrue(real.startNanos() >= started + 100_000_000L, "the session starts after the warm-up");
        synchronized (recorded) {
            assertTrue(recorded.runWeight(0) < 50_000_000L,
                    "the first sample weighs the first interval, not the warm-up: " + recorded.runWeight(0));
        }
    }
}

package dev.jprof.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jprof.testing.FakeClock;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A tick allocates nothing beyond what the JDK's thread and stack calls return (issue 7): the sampler
 * thread's allocated bytes, an exact per-thread counter in HotSpot, are compared with those of the JDK
 * calls alone.
 */
class HotPathAllocationTest {
    private static final int WARM_UP = 3_000;
    private static final int MEASURED = 1_000;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private com.sun.management.ThreadMXBean mx;

    @BeforeEach
    void allocationCounter() {
        ThreadMXBean plain = ManagementFactory.getThreadMXBean();
        assumeTrue(plain instanceof com.sun.management.ThreadMXBean,
                "SKIPPED LOUDLY: this JVM has no per-thread allocation counter (com.sun.management.ThreadMXBean)");
        mx = (com.sun.management.ThreadMXBean) plain;
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "SKIPPED LOUDLY: this JVM does not count allocated bytes per thread");
        HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        assumeTrue(hotSpot != null && "false".equals(hotSpot.getVMOption("DoEscapeAnalysis").getValue()),
                "SKIPPED LOUDLY: run with -XX:-DoEscapeAnalysis (agent/pom.xml's hot-path-allocation execution)");
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) {
            t.interrupt();
            t.join(5_000);
        }
    }

    private long allocated() {
        return mx.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @Test
    void theSamplerTheStoreAndTheGovernorAllocateNothingPerTick() {
        FakeClock clock = new FakeClock();
        StackTraceElement[][] stacks = new StackTraceElement[20][];
        for (int t = 0; t < stacks.length; t++) {
            stacks[t] = new StackTraceElement[30];
            for (int f = 0; f < 30; f++) {
                stacks[t][f] = new StackTraceElement("com.acme.C" + (f % 7), "m" + t % 3 + "_" + f, "C.java", f + 1);
            }
        }
        String[] names = new String[stacks.length];
        for (int t = 0; t < names.length; t++) {
            names[t] = "worker-" + t;
        }
        // Half the threads show a (freshly interned) stack each tick, the others reuse theirs: both paths.
        StackSource source = consumer -> {
            for (int t = 0; t < stacks.length; t++) {
                consumer.accept(t + 1, names[t], false, ThreadState.RUNNABLE, t % 2 == 0 ? stacks[t] : null);
            }
        };
        SampleStore store = new SampleStore();
        Sampler sampler = new Sampler(source, store, clock, 10_000_000L);
        OverheadGovernor governor = new OverheadGovernor(10_000_000L, 0.01);
        Duration interval = Duration.ofMillis(10);
        sampler.begin();
        for (int i = 0; i < WARM_UP; i++) {
            clock.advance(interval);
            governor.nextInterval(sampler.measuredTick());
        }
        // An allocation in a tick is at least 16 bytes; C2 itself (not jprof: the interpreter and C1 count exactly
        // 0) adds a few hundred bytes once in a while. So: less than a byte a tick, over 5,000 ticks.
        long[] rounds = new long[5];
        for (int r = 0; r < rounds.length; r++) {
            long before = allocated();
            for (int i = 0; i < MEASURED; i++) {
                clock.advance(interval);
                governor.nextInterval(sampler.measuredTick());
            }
            rounds[r] = allocated() - before;
        }
        assertTrue(Arrays.stream(rounds).sum() < rounds.length * MEASURED, "bytes allocated in rounds of "
                + MEASURED + " ticks of 20 threads: " + Arrays.toString(rounds));
        assertEquals((long) (WARM_UP + rounds.length * MEASURED) * stacks.length, store.sampleCount());
    }

    @ParameterizedTest(name = "handshakes={0}")
    @ValueSource(booleans = {false, true})
    void thePlatformSourceAllocatesOnlyWhatTheJdkCallsItMakesReturn(boolean handshakes) throws Exception {
        CountDownLatch started = new CountDownLatch(11);
        for (int i = 0; i < 10; i++) {
            start("parked-" + i, () -> {
                started.countDown();
                while (!stop.get()) {
                    LockSupport.park();
                }
            });
        }
        Thread busy = start("spinner", () -> {
            started.countDown();
            spin();
        });
        started.await();
        // Just the test's threads (the selector is jprof's; listing all threads is the JDK's allocation).
        ThreadSelector selector = ThreadSelector.only(threads.toArray(new Thread[0]));
        PlatformStackSource source = new PlatformStackSource(selector, handshakes, PlatformStackSource.DEFAULT_MAX_DEPTH);
        StackSource.StackConsumer nothing = (id, name, virtual, state, stack) -> { };
        for (int i = 0; i < WARM_UP; i++) {
            source.sample(nothing);
        }
        long walksBefore = source.walks();
        long before = allocated();
        for (int i = 0; i < MEASURED; i++) {
            source.sample(nothing);
        }
        long sourceBytes = allocated() - before;
        long walks = source.walks() - walksBefore;

        // The same JDK calls, made directly: each thread's CPU time, and the busy one's stack.
        long[] ids = threads.stream().mapToLong(Thread::getId).toArray();
        long[] busyId = {busy.getId()};
        ThreadMXBean plain = ManagementFactory.getThreadMXBean();
        long jdkBytes = 0;
        for (int round = 0; round < 2; round++) { // the first round warms the baseline up as much
            before = allocated();
            for (int i = 0; i < (round == 0 ? WARM_UP : MEASURED); i++) {
                for (long id : ids) {
                    mx.getThreadCpuTime(id);
                }
                if (handshakes) {
                    busy.getStackTrace();
                } else {
                    plain.getThreadInfo(busyId, PlatformStackSource.DEFAULT_MAX_DEPTH + 1)[0].getStackTrace(); // a clone
                }
            }
            jdkBytes = allocated() - before;
        }

        assertEquals(MEASURED, walks, "the spinner is walked at every tick, the parked threads never");
        // Less than a byte a tick more than the JDK calls (see above: C2's occasional few hundred bytes).
        assertTrue(sourceBytes - jdkBytes < MEASURED, "bytes allocated in " + MEASURED + " ticks by jprof's source: "
                + sourceBytes + ", by the JDK calls it makes: " + jdkBytes);
    }

    private Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
        return t;
    }

    private void spin() {
        long x = 0;
        while (!stop.get()) {
            x = x * 31 + 7; // no calls: the stack stays the same depth at every walk
        }
        if (x == 42) {
            threads.clear();
        }
    }
}

package dev.jprof.sampling;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformStackSourceTest {

    private static final class Seen {
        byte state;
        StackTraceElement[] stack;
    }

    private static Seen sampleOf(PlatformStackSource source, Thread t) {
        List<Seen> seen = new ArrayList<>();
        source.sample((id, name, virtual, state, stack) -> {
            if (id == t.getId()) {
                Seen s = new Seen();
                s.state = state;
                s.stack = stack;
                seen.add(s);
            }
        });
        assertEquals(1, seen.size());
        return seen.get(0);
    }

    @ParameterizedTest(name = "handshakes={0}")
    @ValueSource(booleans = {false, true})
    void reusesTheStackOfAThreadThatDidNotRunAndWalksABusyOne(boolean handshakes) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        Thread waiting = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "waiter");
        Thread busy = new Thread(() -> {
            long x = 0;
            while (!stop.get()) {
                x += System.nanoTime() % 7;
            }
            if (x == 42) {
                System.out.println();
            }
        }, "spinner");
        waiting.start();
        busy.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> waiting.getState() == Thread.State.WAITING);
            PlatformStackSource source = new PlatformStackSource(ThreadSelector.only(waiting, busy), handshakes, 64);
            Seen first = sampleOf(source, waiting);
            assertEquals(ThreadState.WAITING, first.state);
            assertNotNull(first.stack);
            assertTrue(first.stack.length > 0);
            Seen second = sampleOf(source, waiting);
            assertNull(second.stack, "a waiting thread that did not run keeps its stack");
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                Seen s = sampleOf(source, busy);
                return s.stack != null && s.state == ThreadState.RUNNABLE;
            });
            assertTrue(source.reused() >= 1);
            assertTrue(source.walks() >= 2);
            assertEquals(!handshakes, source.lastPauseNanos() > 0,
                    "a batched walk reports how long the program stood still; handshakes stop no one else");
        } finally {
            release.countDown();
            stop.set(true);
            waiting.join();
            busy.join();
        }
    }

    @ParameterizedTest(name = "handshakes={0}")
    @ValueSource(booleans = {false, true})
    void neverReportsItselfOrInternalThreads(boolean handshakes) {
        PlatformStackSource source = new PlatformStackSource(ThreadSelector.allApplicationThreads(), handshakes, 64);
        List<String> names = new ArrayList<>();
        source.sample((id, name, virtual, state, stack) -> names.add(name));
        assertTrue(!names.contains(Thread.currentThread().getName()), names.toString());
        assertTrue(!names.contains("Reference Handler") && !names.contains("Signal Dispatcher"), names.toString());
    }

    @ParameterizedTest(name = "handshakes={0}")
    @ValueSource(booleans = {false, true})
    void threadsWalkedAgainPerTickAreBoundedOldestFirstAndAPutOffStackIsNeverReused(boolean handshakes)
            throws Exception {
        AtomicBoolean spin = new AtomicBoolean(true);
        CountDownLatch release = new CountDownLatch(1);
        Thread[] threads = new Thread[40];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                long x = 0;
                while (spin.get()) {
                    x += System.nanoTime() % 7;
                }
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (x == 42) {
                    System.out.println();
                }
            }, "spin-" + i);
            threads[i].start();
        }
        try {
            PlatformStackSource source = new PlatformStackSource(ThreadSelector.only(threads), handshakes, 64)
                    .rewalksPerTick(8);
            java.util.Map<Long, StackTraceElement[]> first = new java.util.HashMap<>();
            source.sample((id, name, virtual, state, stack) -> first.put(id, stack));
            assertEquals(40, first.size(), "a thread's first walk is never put off");
            assertEquals(0, source.deferred());
            spin.set(false);
            await().atMost(Duration.ofSeconds(10)).until(() -> java.util.Arrays.stream(threads)
                    .allMatch(t -> t.getState() == Thread.State.WAITING));
            // All 40 ran since their walk: 8 are walked now, 32 put off; from now on none uses CPU.
            java.util.Set<Long> fresh = new java.util.HashSet<>();
            for (int tick = 0; tick < 5; tick++) {
                int[] walked = new int[1];
                source.sample((id, name, virtual, state, stack) -> {
                    if (stack == null) {
                        assertTrue(fresh.contains(id), "only a stack taken after the thread stopped is reused");
                        return;
                    }
                    walked[0]++;
                    assertTrue(fresh.add(id), "walked once: it did not run since");
                    assertEquals(ThreadState.WAITING, state);
                });
                assertEquals(8, walked[0], "at most 8 walked again per tick");
            }
            assertEquals(40, fresh.size(), "every thread walked again within 5 ticks");
            assertEquals(32 + 24 + 16 + 8, source.deferred());
        } finally {
            spin.set(false);
            release.countDown();
            for (Thread t : threads) {
                t.join();
            }
        }
    }

    @org.junit.jupiter.api.Test
    void forgetsThreadsThatEnded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread[] threads = new Thread[100];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "short-" + i);
            threads[i].start();
        }
        PlatformStackSource source = new PlatformStackSource(ThreadSelector.only(threads), false, 64);
        source.sample((id, name, virtual, state, stack) -> { });
        assertEquals(100, source.cachedThreads());
        release.countDown();
        for (Thread t : threads) {
            t.join();
        }
        source.sample((id, name, virtual, state, stack) -> { });
        source.sample((id, name, virtual, state, stack) -> { });
        assertEquals(0, source.cachedThreads());
    }
    @org.junit.jupiter.api.Test
    void quietThreadsAreCheckedRoundRobinAndAtOnceWhenTheirStateChanges() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Object lock = new Object();
        Thread[] threads = new Thread[200];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                synchronized (lock) {
                    lock.notifyAll();
                }
            }, "pool-" + i);
            threads[i].start();
        }
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> java.util.Arrays.stream(threads)
                    .allMatch(t -> t.getState() == Thread.State.WAITING));
            PlatformStackSource source = new PlatformStackSource(ThreadSelector.only(threads), false, 64);
            int[] reports = new int[1];
            StackSource.StackConsumer count = (id, name, virtual, state, stack) -> reports[0]++;
            for (int t = 0; t < PlatformStackSource.QUIET_AFTER + 2; t++) {
                reports[0] = 0;
                source.sample(count);
                assertEquals(200, reports[0], "every thread is checked until it proved quiet");
            }
            int period = PlatformStackSource.quietPeriodFor(200);
            assertEquals(13, period);
            long[] perThread = new long[threads.length];
            java.util.Map<Long, Integer> index = new java.util.HashMap<>();
            for (int i = 0; i < threads.length; i++) {
                index.put(threads[i].getId(), i);
            }
            for (int t = 0; t < period; t++) {
                reports[0] = 0;
                source.sample((id, name, virtual, state, stack) -> {
                    reports[0]++;
                    perThread[index.get(id)]++;
                });
                assertTrue(reports[0] <= 200 / period + 1, "quiet threads are checked round robin: " + reports[0]);
            }
            for (long c : perThread) {
                assertEquals(1, c, "each quiet thread is checked once per period");
            }
            // A quiet thread that wakes up is checked on the next tick, whatever its turn.
            Thread woken = threads[7];
            LockSupport.unpark(woken); // spurious wake-up: the latch await parks again
            synchronized (lock) {
                release.countDown();
                await().atMost(Duration.ofSeconds(10)).until(() -> woken.getState() == Thread.State.BLOCKED);
                List<Long> seen = new ArrayList<>();
                source.sample((id, name, virtual, state, stack) -> seen.add(id));
                assertTrue(seen.contains(woken.getId()), "a thread whose state changed is checked at once");
            }
            assertTrue(source.skipped() > 0);
        } finally {
            release.countDown();
            for (Thread t : threads) {
                t.join();
            }
        }
    }
}

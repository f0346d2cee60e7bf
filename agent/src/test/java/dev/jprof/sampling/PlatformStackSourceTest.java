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
}

package dev.jprof.sampling;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.testing.ScriptedStackSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The heap runs out while the sampler works: that tick is dropped, sampling goes on. */
class SamplerOutOfMemoryTest {
    @Test
    void anOutOfMemoryErrorDropsTheTickSaysSoOnceAndSamplingGoesOn() {
        ScriptedStackSource scripted = new ScriptedStackSource().running(1, "main", "com.acme.Main.main:1");
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger succeeded = new AtomicInteger();
        StackSource outOfMemoryThrice = consumer -> {
            if (calls.incrementAndGet() <= 3) {
                throw new OutOfMemoryError("Java heap space");
            }
            scripted.sample(consumer);
            succeeded.incrementAndGet();
        };
        SampleStore store = new SampleStore();
        Sampler sampler = new Sampler(outOfMemoryThrice, store, Clock.system(), 1_000_000L);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            sampler.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> succeeded.get() >= 5);
            assertTrue(sampler.isRunning(), "still sampling after three out-of-memory ticks");
        } finally {
            sampler.stop();
            System.setErr(saved);
        }
        assertNull(sampler.failure(), "an out-of-memory tick is not a failure that stops sampling");
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals("jprof: out of memory during a sample; that sample is dropped and sampling goes on"
                + " (later drops are not reported)\n", message, "said once, one line");
        synchronized (store) {
            assertTrue(store.sampleCount() >= 5, "samples after the dropped ticks: " + store.sampleCount());
        }
    }

    @Test
    void otherErrorsStillStopSamplingCleanly() {
        StackSource broken = consumer -> {
            throw new StackOverflowError("not an out-of-memory error");
        };
        Sampler sampler = new Sampler(broken, new SampleStore(), Clock.system(), 1_000_000L);
        PrintStream saved = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            sampler.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> !sampler.isRunning());
        } finally {
            sampler.stop();
            System.setErr(saved);
        }
        assertTrue(sampler.failure() instanceof StackOverflowError, String.valueOf(sampler.failure()));
    }
}

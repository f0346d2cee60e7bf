package dev.jprof.junit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.Profiler;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeferredProfileTest {
    @Test
    void graceIsATwentiethOfTheThresholdAtMost50ms() {
        assertEquals(Duration.ofMillis(50), DeferredProfile.grace(Duration.ofSeconds(1)));
        assertEquals(Duration.ofMillis(50), DeferredProfile.grace(Duration.ofSeconds(30)));
        assertEquals(Duration.ofMillis(25), DeferredProfile.grace(Duration.ofMillis(500)));
        assertEquals(Duration.ZERO, DeferredProfile.grace(Duration.ZERO));
    }

    @Test
    void aTestEndingWithinTheGraceNeverStartsTheProfiler() {
        Profiler profiler = Profiler.builder().build();
        DeferredProfile p = DeferredProfile.start(profiler, Duration.ofHours(1));
        assertFalse(profiler.isRunning());
        assertFalse(p.stop());
        assertNull(profiler.lastSession());
    }

    @Test
    void aLongerTestIsProfiledFromTheEndOfTheGrace() {
        Profiler profiler = Profiler.builder().build();
        DeferredProfile p = DeferredProfile.start(profiler, Duration.ofMillis(1));
        await().atMost(Duration.ofSeconds(30)).until(profiler::isRunning);
        assertTrue(p.stop());
        assertFalse(profiler.isRunning());
        assertNotNull(profiler.lastSession());
    }

    @Test
    void zeroGraceStartsAtOnce() {
        Profiler profiler = Profiler.builder().build();
        DeferredProfile p = DeferredProfile.start(profiler, Duration.ZERO);
        assertTrue(profiler.isRunning());
        assertTrue(p.stop());
    }
}

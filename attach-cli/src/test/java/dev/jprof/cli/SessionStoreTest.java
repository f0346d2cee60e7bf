package dev.jprof.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.Recorder;
import dev.jprof.Session;
import dev.jprof.sampling.Clock;
import dev.jprof.sampling.ThreadState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionStoreTest {
    @TempDir
    Path dir;

    /** A session of {@code samples} ticks of one scripted stack, 10 ms apart. */
    static Session session(int samples) {
        long[] now = {0};
        Clock clock = new Clock() {
            @Override
            public long nanoTime() {
                return now[0];
            }

            @Override
            public long epochMillis() {
                return 1_700_000_000_000L + now[0] / 1_000_000;
            }

            @Override
            public long processCpuNanos() {
                return -1;
            }
        };
        StackTraceElement[] stack = {new StackTraceElement("com.acme.Work", "run", "Work.java", 12),
            new StackTraceElement("com.acme.Main", "main", "Main.java", 3)};
        Recorder r = new Recorder(c -> c.accept(1, "main", false, ThreadState.RUNNABLE, stack), clock,
                Duration.ofMillis(10), e -> null, "test", 1000);
        r.startManual();
        for (int i = 0; i < samples; i++) {
            now[0] += 10_000_000;
            r.tick();
        }
        r.stop();
        return r.snapshot();
    }

    @Test
    void keepsTheNewestTenAndLoadsById() throws Exception {
        SessionStore store = new SessionStore(dir);
        String first = store.save(session(1));
        String last = null;
        for (int i = 2; i <= 12; i++) {
            last = store.save(session(i));
        }
        List<String> ids = store.ids();
        assertEquals(SessionStore.KEEP, ids.size(), ids.toString());
        assertEquals(last, ids.get(ids.size() - 1));
        assertTrue(!ids.contains(first), ids.toString());
        assertEquals(12, store.load(last).sampleCount());
        CliException e = assertThrows(CliException.class, () -> store.load(first));
        assertTrue(e.getMessage().startsWith("no saved session '" + first + "' in " + dir + "; saved: "), e.getMessage());
        assertThrows(CliException.class, () -> store.load("../etc/passwd"));
        assertEquals(12, store.load(SessionStore.LATEST).sampleCount(), "--load-prev without an ID: the newest");
    }

    @Test
    void theLatestOfNoSessionsSaysWhereItLooked() {
        CliException e = assertThrows(CliException.class, () -> new SessionStore(dir.resolve("none")).load(SessionStore.LATEST));
        assertEquals("no saved session in " + dir.resolve("none") + " yet: a text report of a run saves one", e.getMessage());
    }
}

package dev.jprof.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TickLogTest {
    @TempDir
    Path dir;

    @Test
    void offUnlessThePropertyNamesAFile() {
        String was = System.getProperty(TickLog.PROPERTY);
        try {
            System.clearProperty(TickLog.PROPERTY);
            assertNull(TickLog.fromSystemProperty());
            System.setProperty(TickLog.PROPERTY, "");
            assertNull(TickLog.fromSystemProperty());
        } finally {
            if (was != null) {
                System.setProperty(TickLog.PROPERTY, was);
            }
        }
    }

    @Test
    void eachSessionAppendsOneLinePerTickInMicrosecondsFromItsStart() throws Exception {
        Path file = dir.resolve("ticks.log");
        TickLog first = logTo(file);
        TickLog second = logTo(file);
        long start = 5_000_000_000L;
        // due 1 ms after the start, began 0.3 ms late, took 2.5 ms, cost 0.2 ms, next interval 1 ms
        first.costs(150_000, 30_000, 0, 20_000);
        first.add(start + 1_000_000, start + 1_300_000, start + 3_800_000, 200_000, 1_000_000);
        first.write("test source", start, 1_000_000);
        second.add(start + 10_000_000, start + 10_000_000, start + 10_100_000, 90_000, 2_000_000);
        second.write("test source", start, 1_000_000);

        List<String> lines = Files.readAllLines(file);
        assertEquals(6, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("# session: test source, interval 1000 us, 1 ticks"), lines.get(0));
        assertEquals("0 1000 300 2500 200 1000 150 30 0 20", lines.get(2));
        assertEquals("0 10000 0 100 90 2000 0 0 0 0", lines.get(5));
    }

    @Test
    void ticksBeyondTheCapacityAreCountedNotKept() throws Exception {
        Path file = dir.resolve("many.log");
        TickLog log = logTo(file);
        for (int i = 0; i < TickLog.CAPACITY + 5; i++) {
            log.add(i, i, i, 0, 1);
        }
        assertEquals(TickLog.CAPACITY, log.size());
        log.write("s", 0, 1_000_000);
        assertTrue(Files.readAllLines(file).get(0).contains((TickLog.CAPACITY + 5) + " ticks (5 not kept)"));
    }

    /** A log made as the sampler makes it, with the system property naming {@code file} meanwhile. */
    private static TickLog logTo(Path file) {
        String was = System.getProperty(TickLog.PROPERTY);
        System.setProperty(TickLog.PROPERTY, file.toString());
        try {
            return TickLog.fromSystemProperty();
        } finally {
            if (was == null) {
                System.clearProperty(TickLog.PROPERTY);
            } else {
                System.setProperty(TickLog.PROPERTY, was);
            }
        }
    }
}

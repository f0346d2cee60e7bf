package dev.jprof.renderers;

import static dev.jprof.renderers.ScriptedSession.on;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the recording back with the JDK's own JFR parser. */
class JfrRendererTest {
    @TempDir
    Path dir;

    private static Session session() {
        return new ScriptedSession()
                .tick(10, on("main", "com.acme.Main.main", "com.acme.A.a:12"), on("worker", "com.acme.W.run"))
                .tick(20, on("main", "com.acme.Main.main", "com.acme.B.b"), on("worker", "com.acme.W.run"))
                .tick(30, on("main", "com.acme.Main.main", "com.acme.A.a:12"), on("worker", "com.acme.W.run"))
                .build();
    }

    private List<RecordedEvent> events(byte[] jfr) throws Exception {
        Path file = dir.resolve("p.jfr");
        Files.write(file, jfr);
        return RecordingFile.readAllEvents(file);
    }

    private static String stack(RecordedEvent e) {
        List<String> names = new ArrayList<>();
        for (RecordedFrame f : e.getStackTrace().getFrames()) {
            names.add(f.getMethod().getType().getName() + "." + f.getMethod().getName() + ":" + f.getLineNumber());
        }
        return String.join("<", names);
    }

    @Test
    void executionSamplesPerIntervalWithThreadAndStack() throws Exception {
        Map<String, Integer> samples = new HashMap<>();
        for (RecordedEvent e : events(new JfrRenderer().renderBytes(session()))) {
            if (e.getEventType().getName().equals("jdk.ExecutionSample")) {
                String thread = e.getThread("sampledThread").getJavaName();
                samples.merge(thread + " " + stack(e), 1, Integer::sum);
                assertEquals("STATE_RUNNABLE", e.getString("state"));
            }
        }
        assertEquals(Map.of(
                "main com.acme.A.a:12<com.acme.Main.main:10", 4,
                "main com.acme.B.b:10<com.acme.Main.main:10", 2,
                "worker com.acme.W.run:10", 6), samples);
    }

    @Test
    void wallClockSamplesCoverTheSessionInTimeOrder() throws Exception {
        Instant start = Instant.ofEpochMilli(ScriptedSession.START_MILLIS);
        long mainNanos = 0;
        Instant previous = start;
        for (RecordedEvent e : events(new JfrRenderer().renderBytes(session()))) {
            if (!e.getEventType().getName().equals("profiler.WallClockSample")
                    || !e.getThread("sampledThread").getJavaName().equals("main")) {
                continue;
            }
            assertTrue(!e.getStartTime().isBefore(previous), "time order");
            assertEquals(start.plusNanos(mainNanos), e.getStartTime());
            previous = e.getStartTime();
            mainNanos += e.getLong("timeSpan");
            assertEquals(e.getLong("timeSpan") / 10_000_000, e.getInt("samples"));
        }
        assertEquals(60_000_000L, mainNanos);
    }

    @Test
    void deterministic() {
        Session s = session();
        assertArrayEquals(new JfrRenderer().renderBytes(s), new JfrRenderer().renderBytes(s));
    }
}

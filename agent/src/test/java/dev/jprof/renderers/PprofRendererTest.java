package dev.jprof.renderers;

import static dev.jprof.renderers.ScriptedSession.on;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.Session;
import dev.jprof.testing.PprofReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PprofRendererTest {
    private static Session session() {
        return new ScriptedSession()
                .tick(10, on("main", "com.acme.Main.main", "com.acme.A.a:12"), on("worker", "com.acme.W.run"))
                .tick(20, on("main", "com.acme.Main.main", "com.acme.B.b"), on("worker", "com.acme.W.run"))
                .tick(30, on("main", "com.acme.Main.main", "com.acme.A.a:12"), on("worker", "com.acme.W.run", "com.acme.W.step"))
                .tick(5, on("main", "com.acme.Main.main"))
                .build();
    }

    @Test
    void samplesAreWallNanosecondsPerStackAndThreadLeafFirst() throws Exception {
        PprofReader p = PprofReader.read(new PprofRenderer().renderBytes(session()));

        assertEquals("", p.strings.get(0), "string_table[0] must be empty");
        assertEquals(List.of("samples/count", "wall/nanoseconds"), p.sampleTypes);
        assertEquals("wall/nanoseconds", p.periodType);
        assertEquals(10_000_000L, p.period, "period = the 10 ms interval");
        assertEquals("wall", p.defaultSampleType);
        assertEquals(ScriptedSession.START_MILLIS * 1_000_000L, p.timeNanos);
        assertEquals(65_000_000L, p.durationNanos);

        Map<String, Long> wall = new HashMap<>();
        Map<String, Long> counts = new HashMap<>();
        for (PprofReader.Sample s : p.samples) {
            assertEquals("running", s.labels.get("state"));
            String key = s.labels.get("thread") + ":" + String.join("<", s.stack);
            wall.merge(key, s.values.get(1), Long::sum);
            counts.merge(key, s.values.get(0), Long::sum);
        }
        assertEquals(Map.of(
                "main:com.acme.A.a<com.acme.Main.main", 40_000_000L,
                "main:com.acme.B.b<com.acme.Main.main", 20_000_000L,
                "main:com.acme.Main.main", 5_000_000L,
                "worker:com.acme.W.run", 30_000_000L,
                "worker:com.acme.W.step<com.acme.W.run", 30_000_000L), wall);
        assertEquals(4L, counts.get("main:com.acme.A.a<com.acme.Main.main"), "40 ms at 10 ms a sample");
    }

    @Test
    void functionsCarryFileAndLocationsTheLine() throws Exception {
        PprofReader p = PprofReader.read(new PprofRenderer().renderBytes(session()));
        boolean found = false;
        for (Map.Entry<Long, long[]> loc : p.locations.entrySet()) {
            assertEquals(1L, p.locationMapping.get(loc.getKey()), "every location names the one mapping");
            if (p.functionName(loc.getKey()).equals("com.acme.A.a")) {
                found = true;
                assertEquals(12L, loc.getValue()[1]);
                assertTrue(p.fileName(loc.getKey()).endsWith("com/acme/A.java"), p.fileName(loc.getKey()));
            }
        }
        assertTrue(found);
    }

    @Test
    void deterministic() {
        Session s = session();
        assertArrayEquals(new PprofRenderer().renderBytes(s), new PprofRenderer().renderBytes(s));
    }

    @Test
    void isBinaryAndGuessedFromItsExtensions() {
        PprofRenderer r = new PprofRenderer();
        assertTrue(r.binary());
        assertThrows(UnsupportedOperationException.class, () -> r.render(session()));
        assertEquals("pprof", Renderers.guessFromFileName("/tmp/x.pb.gz"));
        assertEquals("pprof", Renderers.guessFromFileName("x.PPROF"));
        assertEquals("jfr", Renderers.guessFromFileName("x.jfr"));
        assertTrue(Renderers.create("pprof", new RenderOptions(), false) instanceof PprofRenderer);
    }

    @Test
    void emptySessionIsAValidProfile() throws Exception {
        PprofReader p = PprofReader.read(new PprofRenderer().renderBytes(new ScriptedSession().build()));
        assertTrue(p.samples.isEmpty());
        assertEquals(List.of("samples/count", "wall/nanoseconds"), p.sampleTypes);
    }
}

package dev.jprof.renderers;

import static dev.jprof.renderers.ScriptedSession.on;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jprof.Session;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeedscopeRendererTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode render(Session session) throws Exception {
        return MAPPER.readTree(new SpeedscopeRenderer().render(session));
    }

    /** Each sample as "frame;frame" names, outermost first, with its weight in ms. */
    private static List<String> samples(JsonNode doc, int profile) {
        JsonNode frames = doc.get("shared").get("frames");
        JsonNode p = doc.get("profiles").get(profile);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < p.get("samples").size(); i++) {
            StringBuilder line = new StringBuilder();
            for (JsonNode index : p.get("samples").get(i)) {
                line.append(line.length() == 0 ? "" : ";").append(frames.get(index.asInt()).get("name").asText());
            }
            out.add(line + " " + Math.round(p.get("weights").get(i).asDouble() * 1000));
        }
        return out;
    }

    @Test
    void oneSampledProfilePerThreadInTimeOrder() throws Exception {
        Session session = new ScriptedSession()
                .tick(10, on("main", "com.acme.Main.main", "com.acme.A.a"), on("worker", "com.acme.W.run"))
                .tick(20, on("main", "com.acme.Main.main", "com.acme.B.b"), on("worker", "com.acme.W.run"))
                .tick(30, on("main", "com.acme.Main.main", "com.acme.A.a"), on("worker", "com.acme.W.run", "com.acme.W.step"))
                .build();
        JsonNode doc = render(session);

        assertEquals(SpeedscopeRenderer.SCHEMA, doc.get("$schema").asText());
        assertTrue(doc.get("exporter").asText().startsWith("jprof@"));
        assertEquals("jprof: com.acme.Main", doc.get("name").asText());
        assertEquals(2, doc.get("profiles").size());
        JsonNode main = doc.get("profiles").get(0);
        assertEquals("sampled", main.get("type").asText());
        assertEquals("main", main.get("name").asText());
        assertEquals("seconds", main.get("unit").asText());
        assertEquals(0, main.get("startValue").asDouble());
        assertEquals(0.060, main.get("endValue").asDouble(), 1e-9);
        assertEquals("worker", doc.get("profiles").get(1).get("name").asText());
        // Not aggregated: A, then B, then A again.
        assertEquals(List.of("com.acme.Main.main;com.acme.A.a 10", "com.acme.Main.main;com.acme.B.b 20",
                "com.acme.Main.main;com.acme.A.a 30"), samples(doc, 0));
        assertEquals(List.of("com.acme.W.run 30", "com.acme.W.run;com.acme.W.step 30"), samples(doc, 1));
    }

    @Test
    void framesAreSharedAndCarryFileAndLine() throws Exception {
        Session session = new ScriptedSession()
                .tick(10, on("main", "com.acme.Main.main:12", "java.util.HashMap.get:300"), on("other", "com.acme.Main.main:12"))
                .build();
        JsonNode doc = render(session);
        JsonNode frames = doc.get("shared").get("frames");
        assertEquals(2, frames.size(), "com.acme.Main.main is shared by both threads");
        JsonNode main = frames.get(0);
        assertEquals("com.acme.Main.main", main.get("name").asText());
        assertEquals("/app/target/classes!/com/acme/Main.java", main.get("file").asText());
        assertEquals(12, main.get("line").asInt());
        assertEquals("jrt:/java.base!/java/util/HashMap.java", frames.get(1).get("file").asText());
        for (JsonNode profile : doc.get("profiles")) {
            assertEquals(profile.get("samples").size(), profile.get("weights").size());
            for (JsonNode sample : profile.get("samples")) {
                for (JsonNode index : sample) {
                    assertTrue(index.asInt() >= 0 && index.asInt() < frames.size());
                }
            }
        }
    }

    @Test
    void activeProfileIsTheBusiestThread() throws Exception {
        Session session = new ScriptedSession()
                .tick(10, on("short", "com.acme.S.s"), on("long", "com.acme.L.l"))
                .tick(10, on("long", "com.acme.L.l"))
                .build();
        JsonNode doc = render(session);
        assertEquals("long", doc.get("profiles").get(doc.get("activeProfileIndex").asInt()).get("name").asText());
    }

    @Test
    void reflectionPlumbingIsRemovedUnlessShowAll() throws Exception {
        Session session = new ScriptedSession()
                .main(10, "com.acme.Main.main", "jdk.internal.reflect.DirectMethodHandleAccessor.invoke", "com.acme.T.run")
                .build();
        assertEquals(List.of("com.acme.Main.main;com.acme.T.run 10"), samples(render(session), 0));
        JsonNode all = MAPPER.readTree(new SpeedscopeRenderer(true, false, null).render(session));
        assertEquals(List.of("com.acme.Main.main;jdk.internal.reflect.DirectMethodHandleAccessor.invoke;com.acme.T.run 10"),
                samples(all, 0));
    }

    @Test
    void tenThousandFrameStack() throws Exception {
        Session session = new ScriptedSession().main(10, ScriptedSession.deepStack(10_000)).build();
        JsonNode doc = render(session);
        JsonNode samples = doc.get("profiles").get(0).get("samples");
        assertEquals(1, samples.size());
        assertEquals(10_000, samples.get(0).size());
        assertEquals(10_000, doc.get("shared").get("frames").size());
    }

    @Test
    void emptySessionIsStillAValidFile() throws Exception {
        JsonNode doc = render(new ScriptedSession().build());
        assertEquals(0, doc.get("profiles").size());
        assertEquals(0, doc.get("shared").get("frames").size());
        assertFalse(doc.has("error"));
    }
}

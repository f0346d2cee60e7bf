package dev.jprof.renderers;

import static dev.jprof.renderers.ScriptedSession.on;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jprof.CodeLocation;
import dev.jprof.tree.Frame;
import dev.jprof.Session;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRendererTest {
    /** Readers of deep trees must lift Jackson's default nesting limit of 1000, as docs/json-format.md says. */
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
            .build());

    private static JsonNode render(JsonRenderer renderer, Session session) throws Exception {
        return MAPPER.readTree(renderer.render(session));
    }

    private static Session twoThreads() {
        return new ScriptedSession()
                .tick(10, on("main", "com.acme.Main.main:5", "com.acme.Work.compute:42"),
                        on("worker", "com.acme.Worker.run:7", "java.util.HashMap.get:300"))
                .tick(20, on("main", "com.acme.Main.main:5", "com.acme.Work.compute:42"),
                        on("worker", "com.acme.Worker.run:7", "java.util.HashMap.get:300"))
                .tick(10, on("main", "com.acme.Main.main:6"),
                        on("worker", "com.acme.Worker.run:8"))
                .build();
    }

    @Test
    void metadataRoundTripsFromTheSession() throws Exception {
        Session session = twoThreads();
        JsonNode doc = render(new JsonRenderer(), session);

        assertEquals(JsonRenderer.FORMAT, doc.get("format").asText());
        assertEquals(JsonRenderer.FORMAT_VERSION, doc.get("format_version").asInt());
        assertEquals(session.startTime().toEpochMilli() / 1000.0, doc.get("start_time").asDouble(), 1e-9);
        assertEquals(session.startTime().toString(), doc.get("start_time_iso").asText());
        assertEquals(session.duration(), doc.get("duration").asDouble(), 1e-12);
        assertEquals(session.sampleCount(), doc.get("sample_count").asLong());
        assertEquals(session.cpuTime(), doc.get("cpu_time").asDouble(), 1e-12);
        assertEquals(session.interval(), doc.get("interval").asDouble(), 1e-12);
        assertEquals("com.acme.Main", doc.get("target_description").asText());
        assertEquals(session.pid(), doc.get("pid").asLong());
        assertEquals(List.of("main", "worker"), texts(doc.get("threads")));
        assertFalse(doc.get("show_all").asBoolean());
    }

    @Test
    void rootFrameHasThreadsAndMethodsWithAllFields() throws Exception {
        JsonNode root = render(new JsonRenderer(true, false, null), twoThreads()).get("root_frame");

        assertEquals("root", root.get("kind").asText());
        assertEquals(0.080, root.get("time").asDouble(), 1e-9);
        JsonNode main = root.get("children").get(0);
        assertEquals("thread", main.get("kind").asText());
        assertEquals("main", main.get("function").asText());
        assertEquals("main", main.get("thread").get("name").asText());
        assertEquals(1, main.get("thread").get("id").asLong());
        assertFalse(main.get("thread").get("virtual").asBoolean());
        assertEquals(0.040, main.get("thread").get("states").get("RUNNABLE").asDouble(), 1e-9);

        JsonNode mainMethod = main.get("children").get(0);
        assertEquals("method", mainMethod.get("kind").asText());
        assertEquals("main", mainMethod.get("function").asText());
        assertEquals("com.acme.Main", mainMethod.get("class").asText());
        assertEquals("Main.java", mainMethod.get("file").asText());
        assertEquals(5, mainMethod.get("line").asInt(), "the line where most time was seen");
        assertEquals("/app/target/classes!/com/acme/Main.java", mainMethod.get("file_path").asText());
        assertEquals("classes", mainMethod.get("library").asText());
        assertTrue(mainMethod.get("is_application_code").asBoolean());
        assertEquals(0.040, mainMethod.get("time").asDouble(), 1e-9);
        assertEquals(0.010, mainMethod.get("self_time").asDouble(), 1e-9);
        assertEquals(0.0, mainMethod.get("await_time").asDouble());
        assertTrue(mainMethod.get("group_id").isNull());
        assertEquals("com.acme.Main.main\0Main.java", mainMethod.get("identifier").asText());
        assertFalse(mainMethod.has("thread"), "only thread frames carry a thread object");

        JsonNode worker = root.get("children").get(1);
        JsonNode get = find(worker, "get");
        assertNotNull(get);
        assertEquals("java.util.HashMap", get.get("class").asText());
        assertEquals("jrt:/java.base!/java/util/HashMap.java", get.get("file_path").asText());
        assertFalse(get.get("is_application_code").asBoolean());

        forEach(root, f -> {
            double sum = f.get("absorbed_time").asDouble();
            for (JsonNode c : f.get("children")) {
                sum += c.get("time").asDouble();
            }
            assertEquals(f.get("time").asDouble(), sum, 1e-9, "time = absorbed + children at " + f.get("identifier"));
        });
    }

    @Test
    void hiddenLibraryRunsCarryAGroupIdListedInGroups() throws Exception {
        Session session = new ScriptedSession()
                .main(10, "com.acme.Main.main", "java.util.stream.ReferencePipeline.collect",
                        "java.util.stream.AbstractPipeline.evaluate", "java.util.stream.ReduceOps.evaluate",
                        "com.acme.Main.lambda")
                .build();
        JsonNode doc = render(new JsonRenderer(), session);
        List<JsonNode> grouped = new ArrayList<>();
        forEach(doc.get("root_frame"), f -> {
            if (!f.get("group_id").isNull()) {
                grouped.add(f);
            }
        });
        assertEquals(3, grouped.size(), "the three java.util.stream frames form one group");
        int id = grouped.get(0).get("group_id").asInt();
        assertTrue(grouped.get(0).get("is_group_root").asBoolean());
        assertEquals(1, doc.get("groups").size());
        JsonNode group = doc.get("groups").get(0);
        assertEquals(id, group.get("id").asInt());
        assertEquals(3, group.get("frame_count").asInt());
        assertEquals(List.of("java.base"), texts(group.get("libraries")));
        assertEquals(grouped.get(0).get("identifier").asText(), group.get("root_identifier").asText());
    }

    @Test
    void awaitTimeSumsAwaitFramesBelow() {
        Frame root = Frame.root("t");
        Frame thread = Frame.thread("main", 1);
        Frame outer = Frame.method("com.acme.A", "outer", "A.java", 1, CodeLocation.UNKNOWN);
        Frame inner = Frame.method("com.acme.A", "inner", "A.java", 2, CodeLocation.UNKNOWN);
        root.addChild(thread);
        thread.addChild(outer);
        outer.addChild(Frame.synthetic(Frame.AWAIT, 0.25));
        outer.addChild(inner);
        inner.addChild(Frame.synthetic(Frame.AWAIT, 0.5));
        inner.addChild(Frame.synthetic(Frame.SELF_TIME, 0.125));

        JsonNode doc = readTree(new JsonRenderer().renderFrame(root, twoThreads()));
        JsonNode outerNode = doc.get("root_frame").get("children").get(0).get("children").get(0);
        assertEquals(0.75, outerNode.get("await_time").asDouble(), 1e-12);
        assertEquals(0.5, outerNode.get("children").get(1).get("await_time").asDouble(), 1e-12);
        assertEquals(0.875, outerNode.get("time").asDouble(), 1e-12);
        assertEquals(0.75, doc.get("root_frame").get("await_time").asDouble(), 1e-12);
    }

    @Test
    void tenThousandFrameStackSerialisesAndParsesBack() throws Exception {
        int depth = 10_000;
        Session session = new ScriptedSession().main(10, ScriptedSession.deepStack(depth)).build();
        JsonNode node = render(new JsonRenderer(true, false, null), session).get("root_frame");
        int levels = 0;
        while (node.get("children").size() > 0) {
            node = node.get("children").get(0);
            levels++;
        }
        // root -> thread -> 10,000 methods; the lone [self] leaf is folded into the deepest method.
        assertEquals(depth + 1, levels);
        assertEquals("level" + (depth - 1), node.get("function").asText());
        assertEquals(0.010, node.get("self_time").asDouble(), 1e-9);
    }

    @Test
    void emptySessionHasNullRootFrame() throws Exception {
        JsonNode doc = render(new JsonRenderer(), new ScriptedSession().build());
        assertTrue(doc.get("root_frame").isNull());
        assertEquals(0, doc.get("sample_count").asLong());
        assertEquals(0, doc.get("groups").size());
    }

    @Test
    void namesAreJsonEscapedNotMangled() throws Exception {
        String hostile = "t\"<img src=x>\n\u0000";
        Session session = new ScriptedSession().tick(10, on(hostile, "com.acme.Main.main")).build();
        JsonNode doc = render(new JsonRenderer(), session);
        assertEquals(hostile, doc.get("root_frame").get("children").get(0).get("thread").get("name").asText());
    }

    private static JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode find(JsonNode frame, String function) {
        JsonNode[] found = {null};
        forEach(frame, f -> {
            if (found[0] == null && function.equals(f.get("function").asText()) && "method".equals(f.get("kind").asText())) {
                found[0] = f;
            }
        });
        return found[0];
    }

    private static void forEach(JsonNode root, java.util.function.Consumer<JsonNode> action) {
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            JsonNode f = todo.pop();
            action.accept(f);
            f.get("children").forEach(todo::push);
        }
    }
}

package dev.jprof.it.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real agent-produced speedscope file validates against speedscope's own published schema. */
class SpeedscopeSchemaTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void install() throws Exception {
        SpeedscopePackage.ensureInstalled();
    }

    private static SpeedscopePackage.Run ajv(Path data) throws Exception {
        Path schema = SpeedscopePackage.release().resolve("file-format-schema.json");
        return SpeedscopePackage.Run.of(List.of(SpeedscopePackage.ajv().toString(), "validate", "-c", "ajv-formats",
                "-s", schema.toString(), "-d", data.toString()), 120);
    }

    private void validateProfileFrom(String java) throws Exception {
        Path file = AgentRun.profile(java, dir.resolve("profile.speedscope.json"), "");
        SpeedscopePackage.Run run = ajv(file);
        assertEquals(0, run.exit, "speedscope schema rejected the file:\n" + run.output);
        assertTrue(run.output.contains("valid"), run.output);

        JsonNode doc = MAPPER.readTree(file.toFile());
        List<String> names = new ArrayList<>();
        doc.get("profiles").forEach(p -> names.add(p.get("name").asText()));
        assertTrue(names.contains("main") && names.contains("render worker"), "one profile per thread: " + names);
        List<String> frames = new ArrayList<>();
        doc.get("shared").get("frames").forEach(f -> frames.add(f.get("name").asText()));
        assertTrue(frames.contains(RenderTarget.class.getName() + ".hotLoop"), frames.toString());

        // The validator must be able to say no: drop a required field and expect a rejection.
        ObjectNode broken = (ObjectNode) doc.deepCopy();
        ((ObjectNode) broken.get("profiles").get(0)).remove("weights");
        Path bad = dir.resolve("broken.speedscope.json");
        MAPPER.writeValue(bad.toFile(), broken);
        assertNotEquals(0, ajv(bad).exit, "ajv accepted a profile without weights");
    }

    @Test
    void agentOutputOnThisJdkIsValid() throws Exception {
        validateProfileFrom(AgentRun.currentJava());
    }

    @Test
    void agentOutputOnJdk25IsValid() throws Exception {
        Path java = Paths.get(System.getProperty("jprof.jdk25", ""), "bin", "java");
        boolean present = Files.isExecutable(java);
        if (!present) {
            System.err.println("SKIPPED: JDK 25 not found at " + java + "; bin/test's CI image has it");
        }
        assumeTrue(present, "JDK 25 not found at " + java);
        validateProfileFrom(java.toString());
    }
}

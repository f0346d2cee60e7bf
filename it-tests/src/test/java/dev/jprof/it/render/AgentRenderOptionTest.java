package dev.jprof.it.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Render options given to the real agent reach the renderers; a bad one is reported and the program runs on. */
class AgentRenderOptionTest {
    @TempDir
    Path dir;

    @Test
    void flatShortPercentTextReport() throws Exception {
        Path out = AgentRun.profile(AgentRun.currentJava(), dir.resolve("flat.txt"),
                "p=flat,render_option=short,p=time=percent_of_total");
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertFalse(lines.isEmpty());
        assertFalse(String.join("\n", lines).contains("Recorded:"), "short mode has no header");
        for (String line : lines) {
            assertTrue(line.matches("^\\d+\\.\\d% \\S+.*"), "one flat line per method: " + line);
        }
        // Start-up frames (class loading, JIT-cold code) may weigh as much as the short cold loop on a
        // loaded machine; the hot loop leads and the cold one is near the top.
        assertTrue(lines.get(0).contains("RenderTarget.hotLoop"), "the hot loop leads:\n" + String.join("\n", lines));
        String top = String.join("\n", lines.subList(0, Math.min(5, lines.size())));
        assertTrue(top.contains("RenderTarget.coldLoop"), "the cold loop is near the top:\n" + String.join("\n", lines));
    }

    @Test
    void jsonReportTakesProcessorOptionsByDotPath() throws Exception {
        Path out = AgentRun.profile(AgentRun.currentJava(), dir.resolve("profile.json"),
                "p=processor_options.filter_threshold=0,p=show_all");
        JsonNode doc = new ObjectMapper(new JsonFactory()).readTree(out.toFile());
        assertTrue(doc.get("show_all").asBoolean());
        assertEquals(List.of("main", "render worker"),
                List.of(doc.get("threads").get(0).asText(), doc.get("threads").get(1).asText()));
    }

    @Test
    void badRenderOptionIsNamedAndTheProgramRunsOn() throws Exception {
        String agent = System.getProperty("jprof.agent.jar");
        Path log = dir.resolve("run.log");
        Process p = new ProcessBuilder(AgentRun.currentJava(), "-javaagent:" + agent + "=p=flatt",
                "-cp", System.getProperty("jprof.test.classes"), RenderTarget.class.getName(), "50")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "target did not exit");
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("unknown render option 'flatt'"), output);
        assertFalse(output.contains("\tat "), "no stack trace:\n" + output);
    }
}

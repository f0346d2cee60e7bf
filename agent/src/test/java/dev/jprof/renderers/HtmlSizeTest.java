package dev.jprof.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jprof.Session;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HtmlSizeTest {
    @Test
    void millionSampleSessionStaysUnderTenMegabytes() throws Exception {
        Session session = HtmlTestSessions.big(20, 50_000, 4000);
        assertEquals(1_000_000, session.sampleCount());
        String html = new HtmlRenderer().render(session);
        int bytes = html.getBytes(StandardCharsets.UTF_8).length;
        System.err.println("HtmlSizeTest: 1,000,000 samples -> " + bytes + " bytes of HTML");
        assertTrue(bytes < 10_000_000, "HTML of a 1M-sample session is " + bytes + " bytes");
        JsonNode d = HtmlRendererTest.data(html);
        JsonNode tl = d.path("timeline");
        assertTrue(tl.path("resampled").asBoolean(), "the timeline is resampled, and the page says so");
        assertTrue(tl.path("weight").size() <= HtmlData.DEFAULT_MAX_TIMELINE_ENTRIES * 11 / 10,
                "timeline entries: " + tl.path("weight").size());
        assertTrue(tl.path("source_runs").asLong() > 900_000, "nearly every sample was its own run");
        long total = 0;
        for (JsonNode w : d.path("tree").path("nodes").path("absorbed")) {
            total += w.asLong();
        }
        // Every thread's 50,000 samples weigh 1 ms each: the tree stays exact.
        assertEquals(20L * 50_000 * 1_000_000, total, "call tree totals count every sample");
    }

    @Test
    void smallTimelineBudgetResamplesEachThreadIntoBuckets() throws Exception {
        Session session = HtmlTestSessions.big(4, 2_000, 50);
        JsonNode tl = HtmlRendererTest.data(new HtmlRenderer(new RenderOptions(), 400).render(session)).path("timeline");
        assertTrue(tl.path("resampled").asBoolean());
        assertTrue(tl.path("weight").size() <= 440, "entries: " + tl.path("weight").size());
        long[] end = new long[4];
        for (int i = 0; i < tl.path("weight").size(); i++) {
            int t = tl.path("thread").get(i).asInt();
            assertTrue(tl.path("gap").get(i).asLong() >= 0, "entries of a thread never overlap");
            end[t] += tl.path("gap").get(i).asLong() + tl.path("weight").get(i).asLong();
        }
        for (long e : end) {
            assertEquals(2_000_000, e, 1, "each thread's timeline still spans the recording (us)");
        }
    }
}

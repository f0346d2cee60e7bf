package dev.jprof.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jprof.Session;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlRendererTest {
    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"jprof-data\">(.*?)</script>", Pattern.DOTALL);

    static JsonNode data(String html) throws Exception {
        Matcher m = DATA.matcher(html);
        assertTrue(m.find(), "the page has its data block");
        return new ObjectMapper().readTree(m.group(1));
    }

    @Test
    void isRegisteredAsHtmlAndGuessedFromTheExtension() {
        assertInstanceOf(HtmlRenderer.class, Renderers.create("html", new RenderOptions(), false));
        assertEquals("html", Renderers.guessFromFileName("/tmp/report.html"));
        assertEquals(".html", new HtmlRenderer().outputFileExtension());
    }

    @Test
    void pageIsSelfContained() {
        String html = new HtmlRenderer().render(HtmlTestSessions.small("worker"));
        assertTrue(html.startsWith("<!DOCTYPE html>"), "an HTML document");
        Pattern external = Pattern.compile("(?i)\\b(src|href|action)\\s*=\\s*[\"']?\\s*(https?:)?//");
        assertFalse(external.matcher(html).find(), "no external src/href");
        assertFalse(html.contains("http://") || html.contains("https://"), "no URL at all: the page never fetches");
        assertFalse(Pattern.compile("(?i)<script[^>]+src=").matcher(html).find(), "scripts are inline");
        assertFalse(Pattern.compile("(?i)<link\\b").matcher(html).find(), "styles are inline");
        assertTrue(html.contains("default-src 'none'"), "a content security policy forbids fetching");
        assertTrue(html.contains("function buildTree()"), "the script is inlined");
        for (String part : new String[] {"function drawFlame()", "function drawChart()", "function renderFlat()", "window.jprof"}) {
            assertTrue(html.contains(part), "every script file is inlined: " + part);
        }
        assertTrue(html.contains(".row.app .name"), "the style sheet is inlined");
        assertFalse(html.contains("JPROF_DATA") || html.contains("/*JPROF_"), "every marker was filled");
    }

    @Test
    void dataBlockHoldsTheSessionTotalsExactly() throws Exception {
        Session session = HtmlTestSessions.small("worker");
        JsonNode d = data(new HtmlRenderer().render(session));
        assertEquals("jprof-html", d.path("format").asText());
        assertEquals(session.sampleCount(), d.path("meta").path("sample_count").asLong());
        // 100 ticks of 10 ms for each of two threads, each sample weighted by the time since the previous one.
        long total = 0;
        int timed = 0;
        for (JsonNode w : d.path("tree").path("nodes").path("absorbed")) {
            total += w.asLong();
            timed += w.asLong() > 0 ? 1 : 0;
        }
        assertEquals(2L * 100 * 10_000_000, total, "the tree's times in nanoseconds");
        assertEquals(3, timed, "one timed leaf per distinct (thread, stack)");
        assertFalse(d.path("timeline").path("resampled").asBoolean());
        JsonNode strings = d.path("strings");
        boolean hot = false;
        for (JsonNode s : strings) {
            hot |= s.asText().equals("hotLoop");
        }
        assertTrue(hot, "method names are in the string table");
        assertEquals("tree", d.path("options").path("view").asText());
    }

    @Test
    void renderOptionsBecomeTheInitialViewOptions() throws Exception {
        RenderOptions o = new RenderOptions().showAll(true).timeline(true).time(ConsoleRenderer.TimeFormat.PERCENT_OF_TOTAL);
        o.processorOptions().set("filter_threshold", 0.05).set("hide_regex", ".*/org/lib/.*");
        JsonNode opts = data(Renderers.create("html", o, false).render(HtmlTestSessions.small("w"))).path("options");
        assertTrue(opts.path("show_all").asBoolean());
        assertEquals("timeline", opts.path("view").asText());
        assertEquals("percent_of_total", opts.path("time").asText());
        assertEquals(0.05, opts.path("filter_threshold").asDouble(), 1e-9);
        assertEquals(".*/org/lib/.*", opts.path("hide_regex").asText());
        assertTrue(opts.path("show_regex").isNull());
    }

    @Test
    void flatModeOpensTheFlatViewWithItsTime() throws Exception {
        RenderOptions o = new RenderOptions().flat(true).flatTime(ConsoleRenderer.FlatTime.TOTAL);
        JsonNode opts = data(Renderers.create("html", o, false).render(HtmlTestSessions.small("w"))).path("options");
        assertEquals("flat", opts.path("view").asText());
        assertEquals("total", opts.path("flat_time").asText());
        assertEquals("self", data(new HtmlRenderer().render(HtmlTestSessions.small("w"))).path("options").path("flat_time").asText());
    }

    @Test
    void timelineKeepsRunsInTimeOrderPerThread() throws Exception {
        JsonNode tl = data(new HtmlRenderer().render(HtmlTestSessions.small("worker"))).path("timeline");
        // main alternates cold (1 tick) and hot (9 ticks): 10 cold and 10 hot runs; the worker's runs merge.
        long mainEntries = 0;
        long mainTime = 0;
        long workerTime = 0;
        for (int i = 0; i < tl.path("thread").size(); i++) {
            long w = tl.path("weight").get(i).asLong();
            if (tl.path("thread").get(i).asInt() == 0) {
                mainEntries++;
                mainTime += w + tl.path("gap").get(i).asLong();
            } else {
                workerTime += w + tl.path("gap").get(i).asLong();
            }
        }
        assertEquals(20, mainEntries, "cold and hot runs alternate, in time order");
        assertEquals(1_000_000, mainTime, "gaps and weights add up to the recording's end, in microseconds");
        assertEquals(1_000_000, workerTime);
    }
}

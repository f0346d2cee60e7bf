package dev.jprof.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.agent.AgentOptions;
import dev.jprof.agent.OptionException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenderOptionParserTest {
    private static RenderOptions parse(String... options) {
        return RenderOptionParser.applyAll(new RenderOptions(), List.of(options));
    }

    private static String error(String option) {
        return assertThrows(IllegalArgumentException.class, () -> parse(option)).getMessage();
    }

    @Test
    void bareFlagsMeanTrue() {
        RenderOptions o = parse("show_all", "timeline", "flat", "short", "unicode", "color");
        assertTrue(o.showAll());
        assertTrue(o.timeline());
        assertTrue(o.flat());
        assertTrue(o.shortMode());
        assertEquals(Boolean.TRUE, o.unicode());
        assertEquals(Boolean.TRUE, o.color());
    }

    @Test
    void valuesAreJsonWithStringFallback() {
        RenderOptions o = parse("show_all=true", "show_all=false", "time=percent_of_total", "flat_time=total",
                "short_mode=true", "color=null", "time=\"seconds\"");
        assertTrue(!o.showAll());
        assertEquals(ConsoleRenderer.TimeFormat.SECONDS, o.time());
        assertEquals(ConsoleRenderer.FlatTime.TOTAL, o.flatTime());
        assertTrue(o.shortMode());
        assertNull(o.color(), "null means detect");
        assertEquals(ConsoleRenderer.TimeFormat.PERCENT_OF_TOTAL, parse("time=percent_of_total").time());
        assertEquals(2, RenderOptionParser.parseValue("2"));
        assertEquals(0.5, RenderOptionParser.parseValue("0.5"));
        assertEquals("1 2", RenderOptionParser.parseValue("1 2"), "trailing tokens make it a string");
        assertEquals("a,b", RenderOptionParser.parseValue("a,b"));
        assertEquals(Map.of("x", List.of(1, true)), RenderOptionParser.parseValue("{\"x\":[1,true]}"));
    }

    @Test
    void dotPathsReachProcessorOptions() {
        RenderOptions o = parse("processor_options.filter_threshold=0", "processor_options.hide_regex=.*/jackson-.*");
        assertEquals(0.0, o.processorOptions().filterThreshold());
        assertEquals(".*/jackson-.*", o.processorOptions().hideRegex().pattern());
    }

    @Test
    void processorOptionsAsOneJsonObject() {
        RenderOptions o = parse("processor_options={\"filter_threshold\":0.05,\"show_regex\":\"acme\"}");
        assertEquals(0.05, o.processorOptions().filterThreshold());
        assertEquals("acme", o.processorOptions().showRegex().pattern());
    }

    @Test
    void optionsChooseTheConsoleRendererModes() {
        RenderOptions o = parse("flat", "flat_time=total", "short", "time=percent_of_total");
        ConsoleRenderer r = (ConsoleRenderer) Renderers.create("text", o, false);
        assertTrue(r.flat());
        assertTrue(r.shortMode());
        assertEquals(ConsoleRenderer.FlatTime.TOTAL, r.flatTime());
        assertEquals(ConsoleRenderer.TimeFormat.PERCENT_OF_TOTAL, r.time());
    }

    @Test
    void unknownOptionIsNamedWithTheValidOnes() {
        String message = error("flatt");
        assertTrue(message.contains("unknown render option 'flatt'"), message);
        assertTrue(message.contains("flat_time") && message.contains("processor_options.KEY"), message);
    }

    @Test
    void wrongTypesNameTheOption() {
        assertEquals("render option 'show_all' must be true or false, got 'yes please' (a string)", error("show_all=yes please"));
        assertEquals("render option 'flat' must be true or false, got 1 (a number)", error("flat=1"));
        assertEquals("render option 'time' must be one of seconds|percent_of_total, got 5 (a number)", error("time=5"));
        assertEquals("render option 'time': time must be 'seconds' or 'percent_of_total', got 'minutes'", error("time=minutes"));
        assertEquals("render option 'flat_time': flat_time must be 'self' or 'total', got 'both'", error("flat_time=both"));
        assertEquals("render option 'time' needs a value, e.g. time=percent_of_total", error("time"));
        String threshold = error("processor_options.filter_threshold=lots");
        assertTrue(threshold.startsWith("render option 'processor_options.filter_threshold': "), threshold);
        assertTrue(threshold.contains("must be a number from 0 to 1"), threshold);
        String unknown = error("processor_options.nope=1");
        assertTrue(unknown.contains("'processor_options.nope'") && unknown.contains("filter_threshold"), unknown);
        assertTrue(error("processor_options=3").contains("must be a JSON object"));
        assertTrue(error("").contains("empty render option"));
    }

    @Test
    void aBadProcessorOptionLeavesTheOptionsUnchanged() {
        RenderOptions o = parse("processor_options.filter_threshold=0.2");
        assertThrows(IllegalArgumentException.class,
                () -> RenderOptionParser.apply(o, "processor_options.hide_regex=("));
        assertNull(o.processorOptions().hideRegex());
        assertEquals(0.2, o.processorOptions().filterThreshold());
    }

    @Test
    void agentTakesRepeatableRenderOptions() {
        AgentOptions o = AgentOptions.parse(
                "render_option=flat,p=time=percent_of_total,p=processor_options.filter_threshold=0,filter_threshold=0.5");
        assertTrue(o.renderOptions().flat());
        assertEquals(ConsoleRenderer.TimeFormat.PERCENT_OF_TOTAL, o.renderOptions().time());
        assertEquals(0.0, o.renderOptions().processorOptions().filterThreshold(), "the render option wins");
        assertTrue(AgentOptions.helpText().contains("render_option=OPTION"));
    }

    @Test
    void agentTakesAJsonObjectWithAnEscapedComma() {
        AgentOptions o = AgentOptions.parse("p=processor_options={\"filter_threshold\":0.3\\,\"show_regex\":\"acme\"}");
        assertEquals(0.3, o.renderOptions().processorOptions().filterThreshold());
        assertEquals("acme", o.renderOptions().processorOptions().showRegex().pattern());
    }

    @Test
    void agentReportsABadRenderOptionByName() {
        OptionException e = assertThrows(OptionException.class, () -> AgentOptions.parse("p=flat=maybe"));
        assertEquals("render option 'flat' must be true or false, got 'maybe' (a string)", e.getMessage());
        e = assertThrows(OptionException.class, () -> AgentOptions.parse("render_option"));
        assertTrue(e.getMessage().startsWith("render_option needs a value"), e.getMessage());
    }
}

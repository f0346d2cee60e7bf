package dev.jprof.renderers;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.jprof.tree.ProcessorOptions;
import java.io.IOException;
import java.util.regex.Pattern;

/** The view options the page opens with; the reader changes them on the page without re-profiling. */
final class HtmlViewOptions {
    private final boolean showAll;
    private final boolean timeline;
    private final boolean percent;
    private final ProcessorOptions processorOptions;
    private final boolean flat;
    private final boolean flatTotal;
    private final boolean splitPools;

    /** {@code flat}: the page opens on its flat view (the text report's flat mode), summing self or total time. */
    HtmlViewOptions(boolean showAll, boolean timeline, boolean percent, ProcessorOptions processorOptions,
                    boolean flat, boolean flatTotal, boolean splitPools) {
        this.flat = flat;
        this.flatTotal = flatTotal;
        this.showAll = showAll;
        this.splitPools = splitPools;
        this.timeline = timeline;
        this.percent = percent;
        this.processorOptions = processorOptions == null ? new ProcessorOptions() : processorOptions;
    }

    boolean showAll() {
        return showAll;
    }

    boolean splitPools() {
        return splitPools;
    }

    void write(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("options");
        g.writeBooleanField("show_all", showAll);
        g.writeStringField("view", flat ? "flat" : timeline ? "timeline" : "tree");
        g.writeStringField("flat_time", flatTotal ? "total" : "self");
        g.writeStringField("time", percent ? "percent_of_total" : "seconds");
        g.writeNumberField("filter_threshold", processorOptions.filterThreshold());
        writePattern(g, "hide_regex", processorOptions.hideRegex());
        writePattern(g, "show_regex", processorOptions.showRegex());
        g.writeEndObject();
    }

    private static void writePattern(JsonGenerator g, String name, Pattern pattern) throws IOException {
        if (pattern == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, pattern.pattern());
        }
    }
}

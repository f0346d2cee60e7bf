package dev.jprof.renderers;

import dev.jprof.tree.ProcessorOptions;
import dev.jprof.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * An interactive, self-contained HTML page (call tree, flame graph, timeline) that opens from
 * {@code file://} with no network access. The page receives the call tree as the text report's code
 * classified it ({@code [await]}, virtual-thread groups, plumbing and library flags) and applies only
 * the view options itself (show all, threshold, hide/show patterns), with the same processors as the
 * text report, so changing a view option never needs a new profile and every view tells the same story.
 * The options given here are the ones the page opens with.
 */
public class HtmlRenderer implements Renderer {
    private static final String RESOURCES = "html/";
    /**
     * The page's script, one concern a file, run in this order inside one function scope (later files use
     * what earlier ones define): data and shared helpers, the view options' processors, then the views.
     */
    private static final String[] SCRIPTS = {"common.js", "processors.js", "tree.js", "flame.js", "flat.js",
        "timeline.js", "chart.js", "main.js"};

    private final HtmlViewOptions options;
    private final HtmlData data;

    /** A renderer with pyinstrument's defaults: library code grouped, 1% threshold, seconds. */
    public HtmlRenderer() {
        this(new RenderOptions());
    }

    /** A renderer whose page opens with these options. */
    public HtmlRenderer(RenderOptions options) {
        this(options, HtmlData.DEFAULT_MAX_TIMELINE_ENTRIES);
    }

    /**
     * @param options            the options the page opens with
     * @param maxTimelineEntries timeline entries kept before the timeline is resampled
     */
    HtmlRenderer(RenderOptions options, int maxTimelineEntries) {
        ProcessorOptions po = options.processorOptions();
        this.options = new HtmlViewOptions(options.showAll(), options.timeline(),
                options.time() == ConsoleRenderer.TimeFormat.PERCENT_OF_TOTAL, po == null ? null : new ProcessorOptions(po),
                options.flat(), options.flatTime() == ConsoleRenderer.FlatTime.TOTAL, options.splitPools());
        this.data = new HtmlData(maxTimelineEntries);
    }

    @Override
    public String render(Session session) {
        // Building the tree walks every stack: give deep ones room, as FrameRenderer does.
        String json = DeepStack.call(() -> data.toJson(session, options), 512L << 20);
        return fill(resource("template.html"), new String[] {"/*JPROF_STYLE*/", "\"JPROF_DATA\"", "/*JPROF_SCRIPT*/"},
                new String[] {resource("style.css"), json, script()});
    }

    private static String script() {
        StringBuilder out = new StringBuilder(96 * 1024);
        for (String name : SCRIPTS) {
            out.append("/* ").append(name).append(" */\n").append(resource(name)).append('\n');
        }
        return out.toString();
    }

    /** Replaces each marker once, in template order, so inserted text is never searched for later markers. */
    private static String fill(String template, String[] markers, String[] values) {
        StringBuilder out = new StringBuilder(template.length() + values[1].length() + 65536);
        int from = 0;
        for (int i = 0; i < markers.length; i++) {
            int at = template.indexOf(markers[i], from);
            if (at < 0) {
                throw new IllegalStateException("the HTML template has no " + markers[i]);
            }
            out.append(template, from, at).append(values[i]);
            from = at + markers[i].length();
        }
        return out.append(template, from, template.length()).toString();
    }

    @Override
    public String outputFileExtension() {
        return ".html";
    }

    private static String resource(String name) {
        try (InputStream in = HtmlRenderer.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("jprof.jar is missing its HTML resource " + RESOURCES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

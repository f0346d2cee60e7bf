package dev.jprof;

import dev.jprof.renderers.ConsoleRenderer;
import dev.jprof.renderers.RenderOptions;
import dev.jprof.renderers.Renderer;
import dev.jprof.renderers.Renderers;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The ways a {@link Profiler} shows its last session: printed, as text, as HTML, in the browser, or
 * through any renderer, with pyinstrument's names ({@code print}, {@code output_text},
 * {@code output_html}, {@code open_in_browser}, {@code output}).
 */
public abstract class SessionOutput {
    private final BrowserLauncher browser;
    private final PrintStream messages;

    SessionOutput(BrowserLauncher browser, PrintStream messages) {
        this.browser = browser;
        this.messages = messages;
    }

    /**
     * The session of the last recording (combined with earlier ones when the profiler was restarted).
     *
     * @return the session, or null when none was recorded yet
     */
    public abstract Session lastSession();

    /**
     * Prints the last session as text to {@code System.out}, detecting unicode and colour support.
     *
     * @throws IllegalStateException when no session was recorded yet
     */
    public void print() {
        print(System.out, new RenderOptions());
    }

    /**
     * Prints the last session as text.
     *
     * @param out     where to print; for {@code System.out} and {@code System.err}, unicode and colour left
     *                unset in {@code options} are detected from the terminal
     * @param options unicode, color, showAll, timeline, time and processor options
     * @throws IllegalStateException when no session was recorded yet
     */
    public void print(PrintStream out, RenderOptions options) {
        boolean toTerminal = out == System.out || out == System.err;
        out.print(output(Renderers.create("text", options, toTerminal)));
        out.flush();
    }

    /**
     * The last session as plain text (no unicode, no colour), as rendered by {@link ConsoleRenderer}.
     *
     * @return the text report
     * @throws IllegalStateException when no session was recorded yet
     */
    public String outputText() {
        return outputText(new RenderOptions());
    }

    /**
     * The last session as text, as rendered by {@link ConsoleRenderer}, with pyinstrument's
     * {@code output_text} parameters.
     *
     * @param unicode  use box-drawing characters
     * @param color    use ANSI colours
     * @param showAll  show library frames and tiny nodes too
     * @param timeline keep samples in time order instead of aggregating
     * @return the text report
     * @throws IllegalStateException when no session was recorded yet
     */
    public String outputText(boolean unicode, boolean color, boolean showAll, boolean timeline) {
        return outputText(new RenderOptions().unicode(unicode).color(color).showAll(showAll).timeline(timeline));
    }

    /**
     * The last session as text, as rendered by {@link ConsoleRenderer}.
     *
     * @param options render options; unicode and colour left unset mean off
     * @return the text report
     * @throws IllegalStateException when no session was recorded yet
     */
    public String outputText(RenderOptions options) {
        RenderOptions o = new RenderOptions(options);
        o.unicode(options.unicode() != null && options.unicode());
        o.color(options.color() != null && options.color());
        return output(Renderers.create("text", o, false));
    }

    /**
     * The last session as an interactive HTML page, as rendered by the {@code html} renderer.
     *
     * @return the HTML page
     * @throws IllegalStateException         when no session was recorded yet
     * @throws UnsupportedOperationException when this build of jprof has no HTML renderer
     */
    public String outputHtml() {
        return outputHtml(new RenderOptions());
    }

    /**
     * The last session as an interactive HTML page, as rendered by the {@code html} renderer.
     *
     * @param options showAll, timeline and processor options
     * @return the HTML page
     * @throws IllegalStateException         when no session was recorded yet
     * @throws UnsupportedOperationException when this build of jprof has no HTML renderer
     */
    public String outputHtml(RenderOptions options) {
        Session session = requireSession();
        return htmlRenderer(options).render(session);
    }

    /**
     * Writes the last session as HTML to a temporary file and opens it in the web browser; when no browser
     * can be opened (a headless machine), prints the file's path to standard error instead.
     *
     * @return the HTML file
     * @throws IllegalStateException         when no session was recorded yet
     * @throws UnsupportedOperationException when this build of jprof has no HTML renderer
     * @throws UncheckedIOException          when the temporary file cannot be written
     */
    public Path openInBrowser() {
        return openInBrowser(new RenderOptions());
    }

    /**
     * As {@link #openInBrowser()}, with render options.
     *
     * @param options showAll, timeline and processor options
     * @return the HTML file
     * @throws IllegalStateException         when no session was recorded yet
     * @throws UnsupportedOperationException when this build of jprof has no HTML renderer
     * @throws UncheckedIOException          when the temporary file cannot be written
     */
    public Path openInBrowser(RenderOptions options) {
        requireSession();
        return openInBrowser(htmlRenderer(options));
    }

    Path openInBrowser(Renderer renderer) {
        String html = output(renderer);
        Path file;
        try {
            file = Files.createTempFile("jprof-", ".html");
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("jprof: could not write the HTML report to a temporary file: " + e, e);
        }
        if (!browser.open(file)) {
            messages.println("jprof: no web browser could be opened; the report is at " + file.toAbsolutePath());
        }
        return file;
    }

    /**
     * The last session as rendered by {@code renderer}.
     *
     * @param renderer any renderer, e.g. a configured {@link ConsoleRenderer}
     * @return the rendered output
     * @throws IllegalStateException when no session was recorded yet
     */
    public String output(Renderer renderer) {
        Objects.requireNonNull(renderer, "renderer");
        return renderer.render(requireSession());
    }

    /**
     * The last session as rendered by a renderer named as on the command line ({@code text},
     * {@code session}, ... or a {@link Renderer} class name; see {@link Renderers#names()}).
     *
     * @param rendererName the renderer's name
     * @param options      render options
     * @return the rendered output
     * @throws IllegalStateException    when no session was recorded yet
     * @throws IllegalArgumentException when no renderer has that name
     */
    public String output(String rendererName, RenderOptions options) {
        Session session = requireSession();
        return Renderers.create(rendererName, options, false).render(session);
    }

    private Session requireSession() {
        Session s = lastSession();
        if (s == null) {
            throw new IllegalStateException("no profile session recorded yet: call start() and then stop() first");
        }
        return s;
    }

    static Renderer htmlRenderer(RenderOptions options) {
        try {
            return Renderers.create("html", options, false);
        } catch (IllegalArgumentException e) {
            if (Renderers.names().contains("html")) {
                throw e;
            }
            throw new UnsupportedOperationException("HTML output is not available in this build of jprof ("
                    + e.getMessage() + ")", e);
        }
    }

}

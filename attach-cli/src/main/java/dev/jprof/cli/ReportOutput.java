package dev.jprof.cli;

import dev.jprof.Session;
import dev.jprof.agent.AgentOptions;
import dev.jprof.renderers.Renderer;
import dev.jprof.renderers.Renderers;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Puts a rendered session where the options say: the outfile; for HTML without an outfile, a temporary
 * file opened in the browser; otherwise the terminal. A text report on the terminal also saves the
 * session to the {@link SessionStore} and says how to re-render it.
 */
final class ReportOutput {
    private final PrintStream terminal;
    private final PrintStream messages;
    private final SessionStore store;
    private final Browser browser;

    /**
     * @param terminal where reports for the terminal go (stderr in run mode, beside the program's output)
     * @param messages where jprof's own lines go
     */
    ReportOutput(PrintStream terminal, PrintStream messages, SessionStore store, Browser browser) {
        this.terminal = terminal;
        this.messages = messages;
        this.store = store;
        this.browser = browser;
    }

    /**
     * @param saveText true to keep a text report's session for {@code --load-prev}
     */
    void write(Session session, AgentOptions options, boolean saveText) {
        try {
            if (options.outfile() != null) {
                Renderer renderer = create(options, false);
                Path target = Paths.get(options.outfile());
                Files.write(target, renderer.renderBytes(session));
                messages.println("jprof: report written to " + target);
            } else if (create(options, false).binary()) {
                Renderer renderer = create(options, false);
                Path file = Files.createTempFile("jprof-", renderer.outputFileExtension());
                Files.write(file, renderer.renderBytes(session));
                messages.println("jprof: " + options.renderer() + " report written to " + file);
            } else if (options.renderer().equals("html")) {
                openHtml(create(options, false).render(session), "jprof-", "HTML report");
            } else {
                Renderer renderer = create(options, true);
                terminal.print(renderer.render(session));
                terminal.flush();
                if (saveText && options.renderer().equals("text")) {
                    saveForLater(session);
                }
            }
        } catch (IOException e) {
            throw new CliException(CliException.FAILED, "could not write the report: " + e.getMessage());
        }
    }

    /**
     * HTML with no outfile: written to a temporary file, which is opened in the browser (reports and diffs alike).
     *
     * @param what what the file holds, for the line that names it
     */
    void openHtml(String html, String prefix, String what) throws IOException {
        Path file = Files.createTempFile(prefix, ".html");
        Files.write(file, html.getBytes(StandardCharsets.UTF_8));
        messages.println("jprof: " + what + " written to " + file);
        browser.open(file, messages);
    }

    private void saveForLater(Session session) {
        try {
            String id = store.save(session);
            messages.println("jprof: to view this report with different options, run: " + Launcher.command() + " --load-prev "
                    + id + " [options]");
        } catch (IOException | RuntimeException e) {
            messages.println("jprof: could not save the session for --load-prev (" + e.getMessage() + ")");
        }
    }

    private static Renderer create(AgentOptions options, boolean toTerminal) {
        try {
            return Renderers.create(options.renderer(), options.renderOptions(), toTerminal);
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, e.getMessage());
        }
    }
}

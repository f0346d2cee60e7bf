package dev.jprof.cli;

import dev.jprof.Session;
import dev.jprof.cli.diff.DiffHtmlRenderer;
import dev.jprof.cli.diff.DiffTextRenderer;
import dev.jprof.cli.diff.ProfileDiff;
import dev.jprof.renderers.RenderOptions;
import dev.jprof.renderers.Renderers;
import dev.jprof.renderers.Terminal;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jprof diff A B}: how each frame's share of wall time changed from one profile to another. */
@Command(name = "jprof diff", descriptionHeading = "%n", optionListHeading = "%nOptions:%n", sortOptions = false,
        usageHelpAutoWidth = true, synopsisHeading = "Usage: ", customSynopsis = "jprof diff [options] A B",
        description = {"Compare two profiles: for each frame path, its time and share of the total in A and in B,"
                + " largest change of share first (red: grew in B, blue: shrank). With -o FILE.html (or -r html),"
                + " a differential flame graph: B's frames, coloured by change.",
            "",
            "Profiles are compared by share, so runs of different lengths or programs still compare (the header says so)."},
        footer = {"", "A and B are saved sessions (.jprof: jprof -o run.jprof ...), or IDs that --load-prev accepts ('latest' for the newest).",
            "", "Example:",
            "  jprof -o before.jprof -jar app.jar      (then change the code)",
            "  jprof -o after.jprof -jar app.jar",
            "  jprof diff before.jprof after.jprof -o diff.html"})
final class DiffCli implements Callable<Integer> {
    /** Stack of the thread that compares: both trees are walked recursively and may be 10,000 frames deep. */
    private static final long STACK_BYTES = 512L << 20;

    @Parameters(index = "0", paramLabel = "A", description = "the profile before: a .jprof file or a saved session ID")
    String before;

    @Parameters(index = "1", paramLabel = "B", description = "the profile after")
    String after;

    @Option(names = {"-o", "--outfile"}, paramLabel = "FILE",
            description = "write the diff to FILE (default: text to the terminal; HTML to a temporary file opened in the browser)")
    String outfile;

    @Option(names = {"-r", "--renderer"}, paramLabel = "NAME", description = "text or html (default: guessed from --outfile, else text)")
    String renderer;

    @Option(names = {"-n", "--top"}, paramLabel = "N", description = "how many frame paths to list (default 20)")
    int top = 20;

    @Option(names = "--tree", description = "text: also show the call tree with each frame's change")
    boolean tree;

    /** The report's view options (-p, -t, --hide, --show, --show-all, --unicode, --color): both profiles get them. */
    @Mixin
    ViewOptions view = new ViewOptions();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    private final PrintStream out;
    private final PrintStream messages;
    private final SessionStore store;
    private final Browser browser;

    DiffCli(PrintStream out, PrintStream messages, SessionStore store, Browser browser) {
        this.out = out;
        this.messages = messages;
        this.store = store;
        this.browser = browser;
    }

    @Override
    public Integer call() {
        if (top < 1) {
            throw new CliException(CliException.USAGE, "--top must be at least 1, got " + top);
        }
        String format = renderer != null ? renderer : outfile != null && Renderers.guessFromFileName(outfile).equals("html")
                ? "html" : "text";
        if (!format.equals("text") && !format.equals("html")) {
            throw new CliException(CliException.USAGE, "jprof diff renders text or html, not '" + format + "'");
        }
        RenderOptions options = renderOptions();
        ProfileDiff.Profile a = new ProfileDiff.Profile(load(before), before);
        ProfileDiff.Profile b = new ProfileDiff.Profile(load(after), after);
        boolean toTerminal = outfile == null;
        String report = deep(() -> {
            ProfileDiff diff = ProfileDiff.compare(a, b, options);
            if (format.equals("html")) {
                return new DiffHtmlRenderer(top).render(diff);
            }
            boolean uni = options.unicode() != null ? options.unicode() : !toTerminal || Terminal.supportsUnicode();
            boolean col = options.color() != null ? options.color() : toTerminal && Terminal.supportsColor();
            return new DiffTextRenderer(top, tree, uni, col).render(diff);
        });
        if (toTerminal && format.equals("text")) {
            out.print(report);
            out.flush();
            return 0;
        }
        try {
            if (toTerminal) {
                // As for reports: HTML without -o goes to a temporary file, opened in the browser.
                new ReportOutput(out, messages, store, browser).openHtml(report, "jprof-diff-", "diff");
            } else {
                Files.write(Paths.get(outfile), report.getBytes(StandardCharsets.UTF_8));
                messages.println("jprof: diff written to " + outfile);
            }
        } catch (IOException e) {
            throw new CliException(CliException.FAILED, "could not write " + (toTerminal ? "a temporary file" : outfile)
                    + ": " + e.getMessage());
        }
        return 0;
    }

    /** The render options through the same parser as every report's, so an option means the same here. */
    private RenderOptions renderOptions() {
        view.checkExclusive();
        AgentArgString args = new AgentArgString();
        view.addTo(args);
        return ProfileOptions.parse(args).renderOptions();
    }

    /** A file when one is there; else a session ID of {@code --load-prev} ({@code latest}: the newest). */
    private Session load(String what) {
        Path file = Paths.get(what);
        if (Files.exists(file) || what.endsWith(Session.EXTENSION) || what.contains("/")) {
            return SessionFiles.load(file);
        }
        return store.load(what.equals("latest") ? SessionStore.LATEST : what);
    }

    private static String deep(Callable<String> work) {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(work.call());
            } catch (Exception | StackOverflowError e) {
                result.set(e);
            }
        }, "jprof-diff", STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(CliException.FAILED, "interrupted");
        }
        if (result.get() instanceof CliException) {
            throw (CliException) result.get();
        }
        if (result.get() instanceof Throwable) {
            throw new CliException(CliException.FAILED, "could not compare the profiles: " + result.get());
        }
        return (String) result.get();
    }
}

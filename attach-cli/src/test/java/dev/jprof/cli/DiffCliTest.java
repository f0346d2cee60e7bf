package dev.jprof.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.Session;
import dev.jprof.cli.diff.Recording;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DiffCliTest {
    @TempDir
    Path dir;
    private Path a;
    private Path b;
    private SessionStore store;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static Session split(int hot, int cold) {
        return new Recording("Main")
                .only(1, "main", "com.acme.Main.main", "com.acme.Main.hot").ticks(hot)
                .only(1, "main", "com.acme.Main.main", "com.acme.Main.cold").ticks(cold)
                .session();
    }

    @BeforeEach
    void sessions() throws Exception {
        a = dir.resolve("a.jprof");
        b = dir.resolve("b.jprof");
        split(20, 80).save(a);
        split(60, 40).save(b);
        store = new SessionStore(dir.resolve("store"));
    }

    /** Runs {@code jprof diff ARGS} as Main does, its error lines captured. */
    private int run(String... args) {
        PrintStream savedErr = System.err;
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        System.setErr(errors);
        try {
            return Main.execute(new CommandLine(new DiffCli(new PrintStream(out, true, StandardCharsets.UTF_8), errors, store,
                    new Browser("true", false))), args);
        } finally {
            System.setErr(savedErr);
        }
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void textGoesToTheTerminalWithTheGrownFrameFirst() {
        assertEquals(0, run(a.toString(), b.toString(), "--no-color", "--no-unicode"));
        String[] lines = out().split("\n");
        assertEquals("   +40.0%    20.0%    60.0%     0.200     0.600  Main.hot  < Main.main < [thread] main", lines[6], out());
        assertEquals("", err());
    }

    @Test
    void htmlGoesToTheOutfileAsOneOfflinePage() throws Exception {
        Path page = dir.resolve("diff.html");
        assertEquals(0, run(a.toString(), b.toString(), "-o", page.toString()));
        assertEquals("jprof: diff written to " + page + "\n", err());
        String html = Files.readString(page);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.contains("<script id=\"diff-data\" type=\"application/json\">{\"a\":{\"label\":\"" + a + "\""), html);
        assertTrue(html.contains("{\"n\":\"Main.hot\",\"f\":\"Main.java\",\"app\":1,\"a\":0.2,\"b\":0.6}"), html);
        assertTrue(html.contains("data-jprof-ready"), "the page's script is inlined");
        assertTrue(!html.contains("src=\"http") && !html.contains("href=\"http"), "nothing is fetched");
    }

    @Test
    void htmlWithoutAnOutfileGoesToATemporaryFileOpenedInTheBrowser() throws Exception {
        assertEquals(0, run(a.toString(), b.toString(), "-r", "html"));
        String[] lines = err().split("\n");
        assertEquals(2, lines.length, err());
        assertTrue(lines[0].startsWith("jprof: diff written to ") && lines[0].endsWith(".html"), err());
        assertEquals("jprof: opening it with true", lines[1]);
        Path page = Path.of(lines[0].substring("jprof: diff written to ".length()));
        try {
            assertTrue(Files.readString(page).contains("\"n\":\"Main.hot\""));
        } finally {
            Files.delete(page);
        }
        assertEquals("", out());
    }

    @Test
    void tenThousandFramesDeepCompareAndRowsNameOnlyTheNearestCallers() throws Exception {
        String[] deep = new String[10_001];
        deep[0] = "com.acme.Main.main";
        for (int i = 1; i < deep.length; i++) {
            deep[i] = "com.acme.Main.recurse";
        }
        Path da = dir.resolve("deep-a.jprof");
        Path db = dir.resolve("deep-b.jprof");
        new Recording("Main").only(1, "main", deep).ticks(30)
                .only(1, "main", "com.acme.Main.main", "com.acme.Main.other").ticks(70).session().save(da);
        new Recording("Main").only(1, "main", deep).ticks(70)
                .only(1, "main", "com.acme.Main.main", "com.acme.Main.other").ticks(30).session().save(db);
        assertEquals(0, run(da.toString(), db.toString(), "--no-color", "--no-unicode", "--top", "1"), err());
        assertEquals("   +40.0%    30.0%    70.0%     0.300     0.700  Main.recurse  < Main.recurse < Main.recurse"
                + " < Main.recurse < Main.recurse < ... < [thread] main", out().split("\n")[6], out());
        assertEquals(0, run(da.toString(), db.toString(), "-o", dir.resolve("deep.html").toString()), err());
        assertTrue(Files.size(dir.resolve("deep.html")) < 2_000_000, "one line per frame, no path per row");
    }

    @Test
    void savedSessionIdsAndLatestAreAccepted() throws Exception {
        String older = store.save(Session.load(a));
        store.save(Session.load(b));
        assertEquals(0, run(older, "latest", "--no-color", "--no-unicode"));
        assertTrue(out().contains("  A: " + older + "  1.000 s, 100 samples"), out());
        assertTrue(out().contains("  B: latest  1.000 s"), out());
        assertTrue(out().split("\n")[6].contains("Main.hot"), out());
    }

    @Test
    void aMissingOrDamagedFileIsOnePlainLine() throws Exception {
        assertEquals(CliException.USAGE, run(a.toString(), dir.resolve("nope.jprof").toString()));
        assertEquals("jprof: no such file: " + dir.resolve("nope.jprof") + "\n", err());
        err.reset();
        Path cut = dir.resolve("cut.jprof");
        String json = Files.readString(b);
        Files.writeString(cut, json.substring(0, json.length() / 2));
        assertEquals(CliException.USAGE, run(a.toString(), cut.toString()));
        assertEquals(1, err().split("\n").length, err());
        assertTrue(err().startsWith("jprof: ") && err().contains("cut.jprof") && err().contains("is truncated"), err());
        assertEquals("", out());
    }

    @Test
    void wrongOptionsAreUsageErrors() {
        assertEquals(CliException.USAGE, run(a.toString(), b.toString(), "-r", "json"));
        assertEquals("jprof: jprof diff renders text or html, not 'json'\n", err());
        err.reset();
        assertEquals(CliException.USAGE, run(a.toString(), b.toString(), "--top", "0"));
        assertEquals("jprof: --top must be at least 1, got 0\n", err());
        err.reset();
        assertEquals(CliException.USAGE, run(a.toString(), b.toString(), "--hide", "x", "--hide-regex", "y"));
        assertEquals("jprof: --hide and --hide-regex cannot be used together; use one\n", err());
        err.reset();
        assertEquals(CliException.USAGE, run(a.toString()));
        assertTrue(err().startsWith("jprof: Missing required parameter: 'B' (jprof diff --help)"), err());
    }
}

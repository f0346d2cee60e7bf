package dev.jprof.it.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.Session;
import dev.jprof.it.programs.PoolServer;
import dev.jprof.it.support.Jvm;
import dev.jprof.it.support.Lines;
import dev.jprof.renderers.ConsoleRenderer;
import dev.jprof.renderers.RenderOptions;
import dev.jprof.tree.ProcessorOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A platform-thread HTTP server ({@code com.sun.net.httpserver} on a fixed pool) profiled by the agent, on
 * JDK 17 and 25: lightly loaded, its pool threads wait for work nearly all the time and fold into the
 * idle-threads line; busy, its request pool is one {@code [pool]} row that ranks first. The report's text
 * and the HTML page (Chromium) show the same rows.
 */
class PoolServerIT {
    @TempDir
    Path tmp;

    private Session profile(Jvm jvm, int poolThreads, int clients, int requests, int workMs, long pauseMs) throws Exception {
        Path out = tmp.resolve("server-" + jvm + ".jprof");
        Process p = new ProcessBuilder(jvm.command("-javaagent:" + Jvm.agentJar() + "=outfile=" + out, "-cp",
                Jvm.testClasses(), PoolServer.class.getName(), Integer.toString(poolThreads))).redirectErrorStream(true).start();
        Lines lines = new Lines(p.getInputStream());
        try {
            int port = Integer.parseInt(lines.awaitLine("ready ", Duration.ofSeconds(30)).substring(6).trim());
            HttpClient client = HttpClient.newHttpClient();
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Thread t = new Thread(() -> {
                    for (int i = 0; i < requests; i++) {
                        get(client, port, "/work?ms=" + workMs);
                        pace(pauseMs);
                    }
                });
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join(120_000);
            }
            get(client, port, "/quit");
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "server exits on /quit");
        } finally {
            p.destroyForcibly();
        }
        String output = lines.join();
        assertEquals(0, p.exitValue(), output);
        return Session.load(out);
    }

    /** The load's shape (requests spaced out), not a synchronisation. */
    private static void pace(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void get(HttpClient client, int port, String path) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
        } catch (java.io.IOException e) {
            if (!path.equals("/quit")) {
                throw new AssertionError(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String text(Session s, RenderOptions o) {
        return new ConsoleRenderer(false, false, ConsoleRenderer.TimeFormat.SECONDS, o.showAll(), false,
                o.processorOptions(), ZoneOffset.UTC).splitPools(o.splitPools()).render(s);
    }

    /** The thread rows of the default text report (depth 0), in order. */
    private static List<String> threadRows(Session s) {
        return TreeParity.textRows(s, false, new ProcessorOptions()).stream().filter(r -> r.startsWith("0\t"))
                .collect(Collectors.toList());
    }

    @ParameterizedTest
    @MethodSource("dev.jprof.it.support.Jvm#names")
    void aLightlyLoadedPoolWaitsForWorkAndFoldsIntoTheIdleLine(String jdk) throws Exception {
        Session s = profile(Jvm.named(jdk), 8, 1, 12, 5, 300); // ~98% idle; the first request's JDK set-up (0.3 s on a loaded machine) must not reach 5%
        List<String> rows = threadRows(s);
        String text = text(s, new RenderOptions());
        String idleRow = rows.stream().filter(r -> r.contains(" idle threads]")).findFirst().orElse("");
        assertTrue(idleRow.contains("pool-1-thread (8)"), "the pool waited for work over 95% of its time: " + text);
        assertTrue(idleRow.contains("HTTP-Dispatcher"), "the dispatcher waits in its selector: " + text);
        assertFalse(text.contains("pool-1-thread-"), text);
        assertTrue(text.matches("(?s).*Threads: +\\d+, idle \\d+\\.\\d s .*"), "idle time apart in the header: " + text);
        String all = text(s, new RenderOptions().showAll(true));
        assertTrue(all.contains("[pool] pool-1-thread  8 threads"), all);
        assertTrue(all.contains("[thread] HTTP-Dispatcher"), all);
        assertTrue(all.contains("[idle]"), all);
        // JDK 25's VirtualThread-unblocker is JVM-internal (ThreadSelector): never sampled, like Signal Dispatcher.
        // Service threads that are sampled and shown only with show_all: IdleThreadsTest.
        assertFalse(all.contains("VirtualThread-unblocker"), "a JVM-internal thread: " + all);
    }

    @ParameterizedTest
    @MethodSource("dev.jprof.it.support.Jvm#names")
    void aBusyPoolIsOneRowThatRanksFirstInTextAndHtml(String jdk) throws Exception {
        Session s = profile(Jvm.named(jdk), 4, 4, 25, 20, 0);
        List<String> rows = threadRows(s);
        assertTrue(rows.get(0).matches("0\t\\d+\\.\\d{3} \\[pool\\] pool-1-thread  4 threads"), "ranks first: " + rows);
        String text = text(s, new RenderOptions());
        assertTrue(text.contains("PoolServer.handle"), text);
        String split = text(s, new RenderOptions().splitPools(true));
        assertTrue(split.contains("[thread] pool-1-thread-1") && split.contains("[thread] pool-1-thread-4"), split);

        try (HtmlBrowser browser = HtmlBrowser.start()) {
            Path file = tmp.resolve("busy-" + jdk + ".html");
            java.nio.file.Files.writeString(file, new dev.jprof.renderers.HtmlRenderer(new RenderOptions()).render(s));
            browser.open(file);
            List<String> shown = new ArrayList<>();
            for (String line : ((String) browser.js("return window.jprof.shownText()")).split("\n")) {
                if (!line.isEmpty()) {
                    shown.add(line);
                }
            }
            assertEquals(TreeParity.canonical(TreeParity.textRows(s, false, new ProcessorOptions())),
                    TreeParity.canonical(shown), "the page shows the text report's rows");
            assertEquals(rows.get(0), shown.stream().filter(r -> r.startsWith("0\t")).findFirst().orElse(""),
                    "the pool ranks first in the page too");
            assertEquals(List.of(), browser.severeLogs());
        }
    }
}

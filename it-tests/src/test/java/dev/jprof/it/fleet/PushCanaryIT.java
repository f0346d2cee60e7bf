package dev.jprof.it.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.jprof.it.programs.GroundTruth;
import dev.jprof.it.support.Jvm;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loop-mode canary pushing every window to a local endpoint on 127.0.0.1 that checks each request as
 * Pyroscope's ingest API documents it ({@code POST /ingest}, the query, a pprof body decoded by
 * {@code go tool pprof}); and a down, slow or failing endpoint leaving the program's run and exit alone.
 */
class PushCanaryIT {
    /** GroundTruth with 8 rounds runs about 3.2 s: three 1 s windows and the last. */
    private static final String ROUNDS = "8";

    @TempDir
    Path tmp;

    private HttpServer server;
    private final List<Map<String, String>> queries = Collections.synchronizedList(new ArrayList<>());
    private final List<Path> bodies = Collections.synchronizedList(new ArrayList<>());
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    /** Starts the endpoint: answers {@code status} after {@code delaySeconds}, recording what it got. */
    private String endpoint(int status, int delaySeconds) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try {
                byte[] body = exchange.getRequestBody().readAllBytes();
                check(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Content-Type"),
                        body);
                if (delaySeconds > 0) {
                    release.await(delaySeconds, TimeUnit.SECONDS);
                }
                exchange.sendResponseHeaders(status, -1);
            } catch (Exception e) {
                problems.add(e.toString());
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void check(String method, String path, String rawQuery, String contentType, byte[] body) throws IOException {
        if (!method.equals("POST") || !path.equals("/ingest")) {
            problems.add("not POST /ingest: " + method + " " + path);
            return;
        }
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        queries.add(q);
        if (!q.keySet().equals(java.util.Set.of("name", "from", "until", "format", "sampleRate", "spyName", "units",
                "aggregationType"))) {
            problems.add("query keys " + q.keySet());
        }
        if (!"pprof".equals(q.get("format")) || !"100".equals(q.get("sampleRate")) || !"jprof".equals(q.get("spyName"))
                || !"samples".equals(q.get("units")) || !"sum".equals(q.get("aggregationType"))) {
            problems.add("query " + q);
        }
        if (Long.parseLong(q.get("until")) <= Long.parseLong(q.get("from"))) {
            problems.add("until <= from: " + q);
        }
        if (contentType == null || !contentType.startsWith("multipart/form-data; boundary=")) {
            problems.add("content type " + contentType);
            return;
        }
        String boundary = contentType.substring(contentType.indexOf("boundary=") + 9);
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int part = text.indexOf("Content-Disposition: form-data; name=\"profile\"");
        int data = text.indexOf("\r\n\r\n", part) + 4;
        int end = text.indexOf("\r\n--" + boundary + "--", data);
        if (part < 0 || end < 0) {
            problems.add("no profile part");
            return;
        }
        Path file = tmp.resolve("push-" + bodies.size() + ".pb.gz");
        Files.write(file, text.substring(data, end).getBytes(StandardCharsets.ISO_8859_1));
        bodies.add(file);
    }

    private Jvm.Result run(String agentArgs) throws Exception {
        return Jvm.run(Jvm.current().command("-javaagent:" + Jvm.agentJar() + "=" + agentArgs,
                "-cp", Jvm.testClasses(), GroundTruth.class.getName(), ROUNDS), tmp, 120);
    }

    @Test
    void aLoopCanaryPushesEveryWindow() throws Exception {
        FleetTools.requireGo();
        String url = endpoint(200, 0);
        Path outfile = tmp.resolve("window-%n.pb.gz");
        Jvm.Result r = run("loop=1s,push=" + url + ",app_name=gt.canary,label=env=ci,label=region=local,outfile=" + outfile);
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(problems.isEmpty(), problems + "\n" + r);
        List<Path> files;
        try (var list = Files.list(tmp)) {
            files = list.filter(p -> p.getFileName().toString().startsWith("window-")).sorted().toList();
        }
        assertTrue(files.size() >= 4, "three 1 s windows and the last: " + files + "\n" + r);
        assertEquals(files.size(), queries.size(), "every window written is pushed: " + queries + "\n" + r);
        long previousFrom = 0;
        long previousUntil = 0;
        for (int i = 0; i < queries.size(); i++) {
            Map<String, String> q = queries.get(i);
            assertEquals("gt.canary{env=ci,region=local}", q.get("name"));
            long from = Long.parseLong(q.get("from"));
            // Whole seconds: a window's from is its start rounded down, until its end rounded up.
            assertTrue(previousUntil == 0 || from > previousFrom && from <= previousUntil,
                    "windows follow each other without gaps: " + queries);
            previousFrom = from;
            previousUntil = Long.parseLong(q.get("until"));
            String top = FleetTools.pprofTop(bodies.get(i), tmp);
            assertTrue(top.contains("Type: wall"), top);
            if (i < queries.size() - 1) { // the last window may be the few ms after main returned
                assertTrue(top.contains(GroundTruth.class.getName() + ".main"), top);
            }
        }
        assertFalse(r.stderr.contains("could not push"), r.stderr);
    }

    @Test
    void aDownSlowOrFailingServerCostsTheProgramNothing() throws Exception {
        // The slower of two runs without push: a shared machine's noise must not pass for push's cost.
        long[] base = {0, 0};
        for (int i = 0; i < 2; i++) {
            Jvm.Result[] baseRun = new Jvm.Result[1];
            long nanos = timed(() -> baseRun[0] = run("loop=1s,outfile=" + tmp.resolve("base-%n.txt")));
            base[1] = Math.max(base[1], programNanos(baseRun[0]));
            base[0] = Math.max(base[0] - base[1], nanos - programNanos(baseRun[0])) + base[1];
        }
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("down", "http://127.0.0.1:" + deadPort);
        cases.put("failing", endpoint(500, 0));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            checkUnaffected(c.getKey(), c.getValue(), base);
        }
        server.stop(0);
        checkUnaffected("slow", endpoint(200, 60), base);
        assertTrue(problems.isEmpty(), problems.toString());
    }

    /** What the program measured of its own phases (TRUTH cpu+sleep+wait). */
    private static long programNanos(Jvm.Result r) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("TRUTH cpu=(\\d+) sleep=(\\d+) wait=(\\d+)")
                .matcher(r.stdout);
        assertTrue(m.find(), r.toString());
        return Long.parseLong(m.group(1)) + Long.parseLong(m.group(2)) + Long.parseLong(m.group(3));
    }

    /**
     * Compares the program's own run time, and the rest (JVM start-up and exit), with a run without push.
     * The machine may be shared: the slack is one JVM start-up of noise, below the 2 s exit budget a waited-on
     * push would add.
     */
    private void checkUnaffected(String name, String url, long[] base) throws Exception {
        Path out = tmp.resolve(name + "-%n.txt");
        Jvm.Result[] result = new Jvm.Result[1];
        long nanos = timed(() -> result[0] = run("loop=1s,outfile=" + out + ",push=" + url));
        Jvm.Result r = result[0];
        assertEquals(0, r.exitCode, r.toString());
        long program = programNanos(r);
        String what = String.format(java.util.Locale.ROOT, "%s: program %d ms, start-up and exit %d ms; without push"
                + " %d ms and %d ms%n%s", name, program / 1_000_000, (nanos - program) / 1_000_000, base[1] / 1_000_000,
                (base[0] - base[1]) / 1_000_000, r);
        System.out.println(what.lines().findFirst().orElse(""));
        assertTrue(r.stdout.contains("ground truth done"), what);
        assertTrue(program < base[1] * 1.25 + 300_000_000L, what);
        assertTrue(nanos - program < base[0] - base[1] + 1_500_000_000L, what);
        long failureLines = r.stderr.lines().filter(l -> l.contains("could not push")).count();
        assertTrue(failureLines <= 1, "one line a minute at most: " + what);
        assertFalse(r.stderr.contains("push queue full"), "four windows fit the queue of 16: " + what);
        try (var list = Files.list(tmp)) {
            assertTrue(list.filter(p -> p.getFileName().toString().startsWith(name + "-")).count() >= 4,
                    "files are still written: " + what);
        }
    }

    private interface Run {
        Object run() throws Exception;
    }

    private static long timed(Run run) throws Exception {
        long t0 = System.nanoTime();
        run.run();
        return System.nanoTime() - t0;
    }
}

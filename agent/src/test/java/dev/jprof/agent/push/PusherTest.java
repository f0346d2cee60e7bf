package dev.jprof.agent.push;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.jprof.Session;
import dev.jprof.sampling.ThreadState;
import dev.jprof.testing.PprofReader;
import dev.jprof.testing.Sessions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pushes to a real HTTP server on 127.0.0.1 that checks requests as Pyroscope's ingest API documents them. */
class PusherTest {
    private HttpServer server;
    private final List<Map<String, String>> queries = Collections.synchronizedList(new ArrayList<>());
    private final List<byte[]> profiles = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicInteger requests = new AtomicInteger();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    private Pusher pusher;

    @AfterEach
    void stop() {
        if (pusher != null) {
            pusher.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    private String startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestMethod().equals("POST") && exchange.getRequestURI().getPath().equals("/ingest")) {
                queries.add(query(exchange.getRequestURI().getRawQuery()));
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                profiles.add(profilePart(exchange.getRequestHeaders().getFirst("Content-Type"), body));
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    /** The {@code profile} part of a multipart/form-data body. */
    private static byte[] profilePart(String contentType, byte[] body) {
        String boundary = contentType.substring(contentType.indexOf("boundary=") + 9);
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("name=\"profile\"");
        int data = text.indexOf("\r\n\r\n", start) + 4;
        int end = text.indexOf("\r\n--" + boundary + "--", data);
        return text.substring(data, end).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Session session() {
        Sessions s = new Sessions();
        s.source.set(1, "main", ThreadState.RUNNABLE, "com.acme.Main.main", "com.acme.Hot.burn");
        s.tick(10, 30);
        s.recorder.stop();
        return s.recorder.snapshot();
    }

    private PushConfig config(String url, Map<String, String> env) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("env", "prod");
        labels.put("region", "eu-1");
        PushConfig c = new PushConfig(url, "shop.api", labels, env::get);
        c.firstBackoff = Duration.ofMillis(50);
        c.maxBackoff = Duration.ofMillis(200);
        c.connectTimeout = Duration.ofSeconds(2);
        c.requestTimeout = Duration.ofSeconds(5);
        return c;
    }

    @Test
    void postsTheDocumentedIngestQueryWithAPprofBody() throws Exception {
        String url = startServer();
        pusher = new Pusher(config(url + "/", Map.of("JPROF_PUSH_TOKEN", "s3cret")), err);
        Session session = session();
        pusher.offer(session);
        await().atMost(Duration.ofSeconds(10)).until(() -> pusher.sent() == 1);

        Map<String, String> q = queries.get(0);
        assertEquals(List.of("name", "from", "until", "format", "sampleRate", "spyName", "units", "aggregationType"),
                new ArrayList<>(q.keySet()));
        assertEquals("shop.api{env=prod,region=eu-1}", q.get("name"));
        assertEquals(session.startTime().getEpochSecond(), Long.parseLong(q.get("from")));
        assertTrue(Long.parseLong(q.get("until")) > Long.parseLong(q.get("from")));
        assertEquals("pprof", q.get("format"));
        assertEquals("100", q.get("sampleRate"));
        assertEquals("jprof", q.get("spyName"));
        assertEquals("samples", q.get("units"));
        assertEquals("sum", q.get("aggregationType"));
        assertEquals("Bearer s3cret", authorizations.get(0));

        PprofReader p = PprofReader.read(profiles.get(0));
        assertEquals("com.acme.Hot.burn", p.samples.get(0).stack.get(0));
        assertEquals(300_000_000L, p.samples.get(0).values.get(1));
        assertFalse(errBytes.toString(StandardCharsets.UTF_8).contains("s3cret"));
    }

    @Test
    void basicAuthFromTheEnvironment() {
        PushConfig c = config("https://p.example:4040", Map.of("JPROF_PUSH_USER", "u", "JPROF_PUSH_PASSWORD", "p"));
        assertEquals("Basic dTpw", c.authorization);
    }

    @Test
    void aFailingServerIsRetriedWithBackoffAndSaidOnce() throws Exception {
        String url = startServer();
        status.set(500);
        pusher = new Pusher(config(url, Map.of()), err);
        pusher.offer(session());
        await().atMost(Duration.ofSeconds(10)).until(() -> requests.get() >= 4);
        status.set(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> pusher.sent() == 1);
        String said = errBytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, said.lines().count(), said);
        assertTrue(said.contains("HTTP 500") && said.contains("retrying with backoff"), said);
    }

    @Test
    void aFullQueueDropsTheOldestAndSaysSoOnce() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        PushConfig c = config("http://127.0.0.1:" + port, Map.of());
        c.queueCapacity = 4;
        pusher = new Pusher(c, err);
        Session s = session();
        for (int i = 0; i < 10; i++) {
            pusher.offer(s);
        }
        // One may be in flight (held at the head), so 5 or 6 of 10 are dropped, never more.
        assertTrue(pusher.dropped() >= 5 && pusher.dropped() <= 6, "dropped " + pusher.dropped());
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).until(() -> errBytes.toString(StandardCharsets.UTF_8).contains("could not push"));
        pusher.close();
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
        String said = errBytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, said.lines().filter(l -> l.contains("push queue full")).count(), said);
        assertTrue(said.contains("not pushed") && said.contains("not answering"), said);
        pusher = null;
    }

    @Test
    void closingWithAFailingServerDoesNotWait() throws Exception {
        String url = startServer();
        status.set(503);
        pusher = new Pusher(config(url, Map.of()), err);
        pusher.offer(session());
        await().atMost(Duration.ofSeconds(10)).until(() -> requests.get() >= 1 && errBytes.size() > 0);
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("HTTP 503"), errBytes.toString(StandardCharsets.UTF_8));
        long start = System.nanoTime();
        pusher.close();
        assertTrue(System.nanoTime() - start < Duration.ofMillis(500).toNanos(), "close waited on a failing server");
        pusher = null;
    }

    @Test
    void labelsAndUrlsAreChecked() {
        assertEquals("env", PushConfig.labelName("env"));
        assertThrowsMessage(() -> PushConfig.labelName("1x"), "label name");
        assertThrowsMessage(() -> PushConfig.labelValue("env", "a,b"), "label env");
        assertThrowsMessage(() -> new PushConfig("ftp://x", "a", Map.of(), k -> null), "http or https");
        assertThrowsMessage(() -> new PushConfig("http://u:p@x:4040", "a", Map.of(), k -> null), "JPROF_PUSH_USER");
    }

    private static void assertThrowsMessage(Runnable r, String part) {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}

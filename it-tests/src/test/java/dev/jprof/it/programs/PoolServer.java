package dev.jprof.it.programs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP server on 127.0.0.1 whose handlers run on a fixed pool of platform threads (args[0] threads,
 * {@code pool-1-thread-N}): {@code /work?ms=N} burns CPU for N ms in {@link #handle}, {@code /quit} exits.
 * Prints "ready PORT".
 */
public final class PoolServer {
    private PoolServer() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/work", ex -> reply(ex, Long.toString(handle(millis(ex)))));
        server.createContext("/quit", ex -> {
            reply(ex, "bye");
            new Thread(() -> System.exit(0), "quitter").start();
        });
        server.setExecutor(pool);
        server.start();
        System.out.println("ready " + server.getAddress().getPort());
        System.out.flush();
    }

    private static long millis(HttpExchange ex) {
        String q = ex.getRequestURI().getQuery();
        return q != null && q.startsWith("ms=") ? Long.parseLong(q.substring(3)) : 10;
    }

    /** Data-dependent work (xorshift), so the JIT cannot fold it, for {@code ms} of wall time. */
    static long handle(long ms) {
        long end = System.nanoTime() + ms * 1_000_000L;
        long x = 88172645463325252L;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
        }
        return x;
    }

    private static void reply(HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}

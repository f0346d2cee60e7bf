package dev.jprof.it.programs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP server on 127.0.0.1 whose handlers run on virtual threads (JDK 21+; platform threads on older
 * JDKs): /cpu burns CPU, /digest hashes, /sleep sleeps, /quit exits. Prints "ready PORT".
 */
public final class VirtualServer {
    private VirtualServer() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/cpu", ex -> reply(ex, Long.toString(cpuHandler())));
        server.createContext("/digest", ex -> reply(ex, Long.toString(digestHandler())));
        server.createContext("/sleep", ex -> reply(ex, Long.toString(sleepHandler())));
        server.createContext("/quit", ex -> {
            reply(ex, "bye");
            System.out.println("TRUTH digestHandler=" + DIGEST_HANDLER.sum() + " getInstance=" + GET_INSTANCE.sum());
            System.out.flush();
            new Thread(() -> System.exit(0), "quitter").start();
        });
        server.setExecutor(executor());
        server.start();
        System.out.println("ready " + server.getAddress().getPort());
        System.out.flush();
    }

    private static ExecutorService executor() throws Exception {
        try {
            Method m = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return (ExecutorService) m.invoke(null);
        } catch (NoSuchMethodException e) {
            return Executors.newCachedThreadPool();
        }
    }

    static long cpuHandler() {
        return burnCpu(20_000_000L);
    }

    static long burnCpu(long nanos) {
        long end = System.nanoTime() + nanos;
        long x = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 500; i++) {
                x += (x ^ i) * 31 + i;
            }
        }
        return x;
    }

    private static final java.util.concurrent.atomic.LongAdder DIGEST_HANDLER = new java.util.concurrent.atomic.LongAdder();
    private static final java.util.concurrent.atomic.LongAdder GET_INSTANCE = new java.util.concurrent.atomic.LongAdder();

    /**
     * A cheap first call (finding the SHA-256 provider, ~1% of the handler) then 20,000 digests; times both
     * (wall), printed on /quit as {@code TRUTH digestHandler=NS getInstance=NS}.
     */
    static long digestHandler() {
        long t0 = System.nanoTime();
        long r = digest();
        DIGEST_HANDLER.add(System.nanoTime() - t0);
        return r;
    }

    private static long digest() {
        java.security.MessageDigest md;
        long t0 = System.nanoTime();
        try {
            md = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            GET_INSTANCE.add(System.nanoTime() - t0);
        }
        byte[] data = new byte[64];
        for (int i = 0; i < 20_000; i++) {
            md.update(data);
            data = md.digest();
        }
        return data[0];
    }

    static long sleepHandler() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 1;
    }

    private static void reply(HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}

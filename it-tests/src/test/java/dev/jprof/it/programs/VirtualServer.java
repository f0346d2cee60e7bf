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
 * JDKs): /cpu burns CPU, /sleep sleeps, /quit exits. Prints "ready PORT".
 */
public final class VirtualServer {
    private VirtualServer() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/cpu", ex -> reply(ex, Long.toString(cpuHandler())));
        server.createContext("/sleep", ex -> reply(ex, Long.toString(sleepHandler())));
        server.createContext("/quit", ex -> {
            reply(ex, "bye");
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

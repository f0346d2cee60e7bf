package dev.jprof.it.render;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Serves a directory read-only from 127.0.0.1 on a free port; {@code /profiles/} comes from a second one. */
final class StaticServer implements AutoCloseable {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css",
            "json", "application/json", "wasm", "application/wasm", "png", "image/png", "ico", "image/x-icon",
            "woff2", "font/woff2", "txt", "text/plain; charset=utf-8", "collapsed", "text/plain; charset=utf-8");

    private final HttpServer server;

    StaticServer(Path site, Path profiles) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/profiles/", e -> serve(e, profiles, "/profiles/"));
        server.createContext("/", e -> serve(e, site, "/"));
        server.start();
    }

    /** The URL of a path on this server, e.g. {@code url("/index.html")}. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static void serve(HttpExchange e, Path root, String prefix) throws IOException {
        try (e) {
            String rel = URLDecoder.decode(e.getRequestURI().getPath().substring(prefix.length()), StandardCharsets.UTF_8);
            Path file = root.resolve(rel.isEmpty() ? "index.html" : rel).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                e.sendResponseHeaders(404, -1);
                return;
            }
            String name = file.getFileName().toString();
            String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            e.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
            byte[] body = Files.readAllBytes(file);
            e.sendResponseHeaders(200, body.length);
            try (OutputStream out = e.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

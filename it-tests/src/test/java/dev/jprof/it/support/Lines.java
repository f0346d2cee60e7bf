package dev.jprof.it.support;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** Collects a process's output lines in the background, so tests can wait for a line with Awaitility. */
public final class Lines {
    private final StringBuilder text = new StringBuilder();
    private final Thread reader;

    public Lines(InputStream in) {
        reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (text) {
                        text.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "lines-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits (bounded) for a line starting with {@code prefix} and returns it. */
    public String awaitLine(String prefix, Duration atMost) {
        String[] found = new String[1];
        await().atMost(atMost).until(() -> {
            Optional<String> line = text().lines().filter(l -> l.startsWith(prefix)).findFirst();
            line.ifPresent(l -> found[0] = l);
            return line.isPresent();
        });
        return found[0];
    }

    public String text() {
        synchronized (text) {
            return text.toString();
        }
    }

    /** Waits for the stream to end (the process exited). */
    public String join() throws InterruptedException {
        reader.join(30_000);
        return text();
    }
}

package dev.jprof.it.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.AsyncMode;
import dev.jprof.tree.Frame;
import dev.jprof.Session;
import dev.jprof.it.programs.VirtualServer;
import dev.jprof.it.support.Jvm;
import dev.jprof.it.support.Lines;
import dev.jprof.it.support.Trees;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A virtual-thread HTTP server on JDK 25: the real hot spot must be visible (issue 6). */
class VirtualThreadServerIT {
    @TempDir
    Path tmp;

    private Session profileServer(Jvm jvm, String asyncMode) throws Exception {
        // Bounded load: 4 concurrent clients, 40 requests each, half CPU and half sleeping.
        return profileServer(jvm, asyncMode, 4, 40, c -> c % 2 == 0 ? "/cpu" : "/sleep");
    }

    /** What the last profiled server printed. */
    private String serverOutput = "";

    private Session profileServer(Jvm jvm, String asyncMode, int clientCount, int requests,
                                  java.util.function.IntFunction<String> pathOfClient) throws Exception {
        Path out = tmp.resolve(asyncMode + ".jprof");
        Process p = new ProcessBuilder(jvm.command("-javaagent:" + Jvm.agentJar() + "=outfile=" + out + ",async_mode="
                + asyncMode, "-cp", Jvm.testClasses(), VirtualServer.class.getName())).redirectErrorStream(true).start();
        Lines lines = new Lines(p.getInputStream());
        try {
            int port = Integer.parseInt(lines.awaitLine("ready ", Duration.ofSeconds(30)).substring(6).trim());
            HttpClient client = HttpClient.newHttpClient();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < clientCount; c++) {
                String path = pathOfClient.apply(c);
                Thread t = new Thread(() -> {
                    for (int i = 0; i < requests; i++) {
                        get(client, port, path);
                    }
                });
                t.start();
                clients.add(t);
            }
            for (Thread t : clients) {
                t.join(120_000);
            }
            get(client, port, "/quit");
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "server exits on /quit");
        } finally {
            p.destroyForcibly();
        }
        String output = lines.join();
        serverOutput = output;
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("report written to"), output);
        return Session.load(out);
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

    private static List<Frame> virtualThreadFrames(Frame root) {
        List<Frame> out = new ArrayList<>();
        for (Frame t : root.children()) {
            if (t.isVirtualThread()) {
                out.add(t);
            }
        }
        return out;
    }

    /** The method with the most self time (excluding waits) under the given frames. */
    private static String hottestMethod(List<Frame> frames) {
        java.util.Map<String, Double> self = new java.util.HashMap<>();
        for (Frame f : frames) {
            collectSelf(f, self);
        }
        return self.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).map(java.util.Map.Entry::getKey)
                .orElse("none");
    }

    private static void collectSelf(Frame f, java.util.Map<String, Double> self) {
        for (Frame c : f.children()) {
            if (c.kind() == Frame.Kind.METHOD) {
                double s = c.selfTime();
                if (s > 0) {
                    self.merge(c.displayName(), s, Double::sum);
                }
                collectSelf(c, self);
            }
        }
    }

    /**
     * Issue 13: jprof gave the handler's cheap first call 20% of it under load (async-profiler: 0.9%). The
     * handler times the call itself: the profile must agree within 3 points, and stay at 2% or less when the
     * call measured 1% or less (on a crowded machine a carrier descheduled inside the provider lookup's
     * monitor makes the call truly slow: a convoy of virtual threads blocked behind it).
     */
    @Test
    @Tag("truth") // opt-in (-Ptruth), as ManyThreadsTruthIT: held three runs in a row, with a thin margin (+2.8 pp)
    void aCheapFirstCallStaysCheapUnderLoad() throws Exception {
        Session session = profileServer(Jvm.jdk25(), "enabled", 16, 30, c -> "/digest");
        double handler = 0;
        double firstCall = 0;
        for (Frame t : virtualThreadFrames(Trees.aggregated(session))) {
            for (Frame h : handlers(t, "VirtualServer.digestHandler", new ArrayList<>())) {
                handler += h.time();
                firstCall += Trees.timeIn(h, "MessageDigest.getInstance");
            }
        }
        assertTrue(handler > 0, "the handler is profiled");
        String truth = serverOutput.lines().filter(l -> l.startsWith("TRUTH ")).findFirst().orElseThrow();
        String[] parts = truth.substring(6).split(" ");
        double measuredHandler = Double.parseDouble(parts[0].substring(parts[0].indexOf('=') + 1)) / 1e9;
        double measured = Double.parseDouble(parts[1].substring(parts[1].indexOf('=') + 1)) / 1e9 / measuredHandler;
        String shares = String.format("getInstance %.3f s of the handler's %.3f s (%.1f%%), measured %.1f%% of %.3f s",
                firstCall, handler, 100 * firstCall / handler, 100 * measured, measuredHandler);
        System.out.println(shares);
        assertEquals(measured, firstCall / handler, 0.03, shares);
        if (measured <= 0.01) {
            assertTrue(firstCall <= 0.02 * handler, shares);
        }
    }

    private static List<Frame> handlers(Frame f, String name, List<Frame> out) {
        for (Frame c : f.children()) {
            if (c.displayName().equals(name)) {
                out.add(c);
            } else {
                handlers(c, name, out);
            }
        }
        return out;
    }

    @Test
    void enabledShowsTheHandlersOnVirtualThreadsWithAwaitForSleeps() throws Exception {
        Session s = profileServer(Jvm.jdk25(), "enabled");
        assertEquals(AsyncMode.ENABLED, s.asyncMode());
        assertTrue(s.virtualThreadsSeen() >= 1, "virtual threads seen: " + s.virtualThreadsSeen());
        Frame root = Trees.aggregated(s);
        List<Frame> virtual = virtualThreadFrames(root);
        assertTrue(!virtual.isEmpty(), "virtual threads appear as threads: " + root.children());
        assertEquals("VirtualServer.burnCpu", hottestMethod(virtual), "the CPU handler is the hot spot");
        Frame sleep = null;
        for (Frame v : virtual) {
            sleep = sleep != null ? sleep : Trees.find(v, "VirtualServer.sleepHandler");
        }
        assertNotNull(sleep, "the sleeping handler is visible");
        assertTrue(sleep.children().stream().anyMatch(c -> c.identifier().equals(Frame.AWAIT)),
                "sleeping shows as [await] under the handler: " + sleep.children());
        assertNull(Trees.find(sleep, "VirtualThread.parkNanos"), "parking internals are folded away");
        for (Frame t : root.children()) {
            assertTrue(!t.methodName().startsWith("ForkJoinPool-1-worker"), "carriers are not counted twice: " + t);
        }
    }

    @Test
    void disabledShowsRawCarrierStacks() throws Exception {
        Session s = profileServer(Jvm.jdk25(), "disabled");
        Frame root = Trees.aggregated(s);
        assertTrue(virtualThreadFrames(root).isEmpty());
        boolean carrier = root.children().stream().anyMatch(t -> t.methodName().startsWith("ForkJoinPool-1-worker")
                && Trees.find(t, "Continuation.run") != null);
        assertTrue(carrier, "carriers with Continuation.run appear: " + root.children());
        assertNull(Trees.find(root, "VirtualServer.burnCpu"), "a naive sampler cannot see the handler");
    }

    @Test
    void onJdk17TheSameProgramProfilesPlatformThreads() throws Exception {
        Session s = profileServer(Jvm.current(), "enabled");
        Frame root = Trees.aggregated(s);
        assertNotNull(Trees.find(root, "VirtualServer.burnCpu"));
        assertEquals(-1, s.virtualThreadsSeen());
    }
}

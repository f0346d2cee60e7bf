package dev.jprof.it.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Launches the {@code jprof} command and its target programs as real processes (the CLI jar plus the
 * agent jar, exactly as {@code bin/jprof} does, without its build step), and collects their output.
 */
final class Cli {
    static final Path AGENT = Paths.get(System.getProperty("jprof.agent.jar")).toAbsolutePath().normalize();
    static final Path CLI = Paths.get(System.getProperty("jprof.cli.jar")).toAbsolutePath().normalize();
    static final String TEST_CLASSES = Paths.get(System.getProperty("jprof.test.classes")).toAbsolutePath().toString();
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Cli() {
    }

    /** JDK 17: the JDK running the tests when it is 17, else the Debian one. */
    static Path jdk17() {
        if (Runtime.version().feature() == 17) {
            return Paths.get(System.getProperty("java.home"));
        }
        Path debian = Paths.get("/usr/lib/jvm/java-17-openjdk-amd64");
        assumeJdk(debian, "17");
        return debian;
    }

    static Path jdk25() {
        Path jdk = Paths.get(System.getProperty("jprof.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        assumeJdk(jdk, "25");
        return jdk;
    }

    static Path jdk(String version) {
        return version.equals("25") ? jdk25() : jdk17();
    }

    private static void assumeJdk(Path jdk, String version) {
        boolean present = Files.isExecutable(jdk.resolve("bin/java"));
        if (!present) {
            System.err.println("SKIPPED: JDK " + version + " not found at " + jdk);
        }
        Assumptions.assumeTrue(present, "JDK " + version + " not found at " + jdk);
    }

    static String java(Path jdk) {
        return jdk.resolve("bin/java").toString();
    }

    /** The jprof command running on {@code jdk}. */
    static List<String> jprof(Path jdk, String... args) {
        List<String> c = new ArrayList<>(List.of(java(jdk), "-Djprof.agent.jar=" + AGENT, "-cp", CLI + ":" + AGENT,
                "dev.jprof.cli.Main"));
        c.addAll(Arrays.asList(args));
        return c;
    }

    /** A {@link CliTarget} command on {@code jdk}, with extra JVM options first. */
    static List<String> target(Path jdk, List<String> jvmOptions, String... args) {
        List<String> c = new ArrayList<>();
        c.add(java(jdk));
        c.addAll(jvmOptions);
        c.addAll(List.of("-cp", TEST_CLASSES, CliTarget.class.getName()));
        c.addAll(Arrays.asList(args));
        return c;
    }

    /** A process whose stdout and stderr are collected as they come. */
    static final class Run {
        final Process process;
        private final StringBuffer out = new StringBuffer();
        private final StringBuffer err = new StringBuffer();

        Run(Process process) {
            this.process = process;
            pump(process.getInputStream(), out);
            pump(process.getErrorStream(), err);
        }

        String out() {
            return out.toString();
        }

        String err() {
            return err.toString();
        }

        long pid() {
            return process.pid();
        }

        Run awaitOut(String text) {
            await().atMost(TIMEOUT).until(() -> out().contains(text) || !process.isAlive());
            assertTrue(out().contains(text), "no '" + text + "' in the output:" + describe());
            return this;
        }

        Run awaitErr(String text) {
            await().atMost(TIMEOUT).until(() -> err().contains(text) || !process.isAlive());
            assertTrue(err().contains(text), "no '" + text + "' in stderr:" + describe());
            return this;
        }

        /** Waits for the exit and then for both streams to be read to their end. */
        int exitStatus() throws InterruptedException {
            assertTrue(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "still running: " + describe());
            await().atMost(Duration.ofSeconds(10)).until(() -> done == 2);
            return process.exitValue();
        }

        String describe() {
            return "\n--- stdout ---\n" + out() + "\n--- stderr ---\n" + err();
        }

        /** SIGINT to the process group, as Ctrl-C in a terminal does. */
        void interruptGroup() throws IOException, InterruptedException {
            long pgid = processGroup(pid());
            assertTrue(pgid == pid(), "the process should lead its own group (setsid): pgid " + pgid);
            Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + pgid).inheritIO().start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -INT failed");
        }

        void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }

        private volatile int done;

        private void pump(InputStream in, StringBuffer into) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try {
                    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                    for (int n; (n = in.read(buf)) > 0; ) {
                        bytes.write(buf, 0, n);
                        // Decode whole so far: multi-byte characters may straddle reads.
                        synchronized (into) {
                            into.setLength(0);
                            into.append(bytes.toString(StandardCharsets.UTF_8));
                        }
                    }
                } catch (IOException e) {
                    into.append("\n[read failed: ").append(e).append(']');
                } finally {
                    synchronized (this) {
                        done++;
                    }
                }
            }, "pump");
            t.setDaemon(true);
            t.start();
        }
    }

    static Run start(List<String> command, Map<String, String> env, boolean ownProcessGroup) throws IOException {
        List<String> c = new ArrayList<>();
        if (ownProcessGroup) {
            c.add("setsid");
        }
        c.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(c);
        pb.environment().remove("BROWSER");
        pb.environment().remove("DISPLAY");
        pb.environment().putAll(env);
        return new Run(pb.start());
    }

    /** Runs to the end with {@code stdin} as input. */
    static Run run(List<String> command, Map<String, String> env, String stdin) throws IOException, InterruptedException {
        Run r = start(command, env, false);
        try (OutputStream in = r.process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        r.exitStatus();
        return r;
    }

    static Map<String, String> env(Path dataHome) {
        Map<String, String> env = new HashMap<>();
        env.put("XDG_DATA_HOME", dataHome.toString());
        return env;
    }

    static long processGroup(long pid) throws IOException {
        String stat = Files.readString(Paths.get("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[2]);
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}

package dev.jprof.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code jprof list}: the local JVMs with pid and main class, like {@code jps}. Uses the attach API's
 * list when this Java has {@code jdk.attach}; else the {@code hsperfdata_USER} directories every HotSpot
 * JVM writes, with the main class read from {@code /proc/PID/cmdline}.
 */
final class JvmList {
    private JvmList() {
    }

    /** pid -> main class (and arguments), this CLI excluded. */
    static Map<Long, String> find() {
        Map<Long, String> jvms = new TreeMap<>();
        if (ModuleLayer.boot().findModule("jdk.attach").isPresent()) {
            jvms.putAll(AttachApiList.list());
        }
        for (long pid : hsperfdataPids()) {
            jvms.putIfAbsent(pid, mainClassFromCmdline(pid));
        }
        jvms.remove(ProcessHandle.current().pid());
        jvms.keySet().removeIf(pid -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        return jvms;
    }

    static String format(Map<Long, String> jvms) {
        StringBuilder out = new StringBuilder();
        jvms.forEach((pid, main) -> out.append(pid).append(' ').append(main.isEmpty() ? "(unknown)" : main).append('\n'));
        return out.toString();
    }

    private static List<Long> hsperfdataPids() {
        List<Long> pids = new ArrayList<>();
        Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
        Path dir = tmp.resolve("hsperfdata_" + System.getProperty("user.name"));
        if (!Files.isDirectory(dir)) {
            return pids;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+"))
                    .forEach(n -> pids.add(Long.parseLong(n)));
        } catch (IOException e) {
            // nothing listed from there
        }
        return pids;
    }

    /** The main class or {@code -jar} file: the first word after java's own options. */
    static String mainClassFromCmdline(long pid) {
        List<String> words = new ArrayList<>();
        try {
            byte[] raw = Files.readAllBytes(Paths.get("/proc", Long.toString(pid), "cmdline"));
            for (String w : new String(raw, StandardCharsets.UTF_8).split("\0")) {
                words.add(w);
            }
        } catch (IOException e) {
            return "";
        }
        return mainOf(words.size() > 1 ? words.subList(1, words.size()) : List.of());
    }

    static String mainOf(List<String> javaArguments) {
        for (int i = 0; i < javaArguments.size(); i++) {
            String w = javaArguments.get(i);
            if (w.equals("-jar") && i + 1 < javaArguments.size()) {
                return javaArguments.get(i + 1);
            }
            if (List.of("-cp", "-classpath", "--class-path", "-p", "--module-path", "--add-modules",
                    "--add-opens", "--add-exports", "--limit-modules").contains(w)) {
                i++;
            } else if ((w.equals("-m") || w.equals("--module")) && i + 1 < javaArguments.size()) {
                return javaArguments.get(i + 1);
            } else if (!w.startsWith("-")) {
                return w;
            }
        }
        return "";
    }
}

package dev.jprof.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * Checks that a PID names a JVM this user can attach to, before attaching: the attach handshake sends
 * SIGQUIT, which would kill a process that is not a JVM, and its failures are slow and vague. Linux
 * facts come from {@code /proc}; elsewhere only existence and owner are checked.
 */
final class TargetJvm {
    private TargetJvm() {
    }

    /** @throws CliException naming what is wrong and what to do */
    static void check(long pid) {
        if (pid == ProcessHandle.current().pid()) {
            throw new CliException(CliException.USAGE, "pid " + pid + " is this jprof command itself");
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            throw new CliException(CliException.USAGE, "no process with pid " + pid + " (jprof list shows the local JVMs)");
        }
        String me = System.getProperty("user.name");
        Optional<String> owner = process.get().info().user();
        if (owner.isPresent() && !owner.get().equals(me)) {
            throw new CliException(CliException.FAILED, "process " + pid + " belongs to user " + owner.get()
                    + ", not " + me + "; a JVM only accepts attaches from its own user: run jprof as " + owner.get()
                    + " (e.g. sudo -u " + owner.get() + " jprof attach " + pid + ")");
        }
        Path proc = Paths.get("/proc", Long.toString(pid));
        if (!Files.isDirectory(proc)) {
            return;
        }
        String maps = read(proc.resolve("maps"), pid);
        if (maps != null && !maps.contains("/libjvm.so") && !maps.contains("/libjvm.dylib")) {
            throw new CliException(CliException.USAGE, "process " + pid + " (" + name(process.get())
                    + ") is not a Java virtual machine");
        }
        String cmdline = read(proc.resolve("cmdline"), pid);
        String environ = read(proc.resolve("environ"), pid);
        if (contains(cmdline, "-XX:+DisableAttachMechanism") || contains(environ, "-XX:+DisableAttachMechanism")) {
            throw new CliException(CliException.FAILED, "the JVM " + pid + " was started with -XX:+DisableAttachMechanism,"
                    + " so no tool can attach to it; restart it without that option, or profile it from the start"
                    + " with jprof [options] -jar/MainClass ...");
        }
    }

    private static boolean contains(String text, String what) {
        return text != null && text.contains(what);
    }

    private static String read(Path file, long pid) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (AccessDeniedException e) {
            throw new CliException(CliException.FAILED, "cannot inspect process " + pid
                    + " (permission denied); it probably belongs to another user: run jprof as that user");
        } catch (IOException e) {
            return null;
        }
    }

    private static String name(ProcessHandle p) {
        return p.info().command().map(c -> Paths.get(c).getFileName().toString()).orElse("unknown program");
    }
}

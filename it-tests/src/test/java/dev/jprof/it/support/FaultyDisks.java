package dev.jprof.it.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Directories that fail the way real disks do: read-only, or full. Real tmpfs mounts when this machine
 * permits {@code mount}; otherwise a read-only directory is a {@code chmod 555} directory and the JVM
 * runs as user nobody ({@link #asUser}), and a full disk is {@code /dev/full}. Call {@link #close()} in
 * {@code @AfterEach}: it unmounts everything mounted.
 */
public final class FaultyDisks implements AutoCloseable {
    private static final long SIZE = 64 * 1024;
    private static Boolean mountPermitted;

    private final List<Path> mounted = new ArrayList<>();
    private boolean unprivileged;

    /** True when real tmpfs mounts are used. */
    public static synchronized boolean realMounts() {
        if (mountPermitted == null) {
            // -Djprof.it.noMount=true tries the fallbacks on a machine that permits mounts
            mountPermitted = !Boolean.getBoolean("jprof.it.noMount") && probe();
            if (!mountPermitted) {
                System.err.println("NOTE: mount -t tmpfs is not permitted here; faulty disks fall back to chmod 555"
                        + " + setpriv and /dev/full");
            }
        }
        return mountPermitted;
    }

    private static boolean probe() {
        try {
            Path dir = Files.createTempDirectory("jprof-mount-probe");
            try {
                if (run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir.toString()) != 0) {
                    return false;
                }
                return run("umount", dir.toString()) == 0;
            } finally {
                Files.deleteIfExists(dir);
            }
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** A new directory where nothing can be created: a read-only tmpfs, or chmod 555 for user nobody. */
    public Path readOnly(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        if (realMounts()) {
            mount(dir, "size=64k,ro");
        } else {
            needUnprivilegedUser();
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        return dir;
    }

    /**
     * A new directory on a 64 KiB tmpfs with only {@code room} bytes left: files can be created, and
     * writing more than {@code room} bytes fails with ENOSPC part-way. Null when mounts are not permitted
     * (then use {@code /dev/full} as the file).
     */
    public Path full(Path dir, long room) throws IOException, InterruptedException {
        if (!realMounts()) {
            return null;
        }
        Files.createDirectories(dir);
        mount(dir, "size=64k");
        Files.write(dir.resolve("filler"), new byte[(int) (SIZE - room)]);
        return dir;
    }

    /** The command, run as user nobody when a chmod 555 directory stands in for a read-only disk (root ignores it). */
    public List<String> asUser(List<String> command) {
        if (!unprivileged) {
            return command;
        }
        List<String> out = new ArrayList<>(Arrays.asList("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        out.addAll(command);
        return out;
    }

    /** Makes a directory usable by the JVM under test, also when it runs as nobody. */
    public void openToAll(Path dir) throws IOException {
        if (unprivileged) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
    }

    private void needUnprivilegedUser() throws IOException, InterruptedException {
        if (!unprivileged) {
            boolean works = Files.isExecutable(Paths.get("/usr/bin/setpriv"))
                    && run("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "true") == 0;
            if (!works) {
                String why = "SKIPPED: neither mount -t tmpfs nor setpriv works here: cannot make a read-only directory";
                System.err.println(why);
                assumeTrue(false, why);
            }
            unprivileged = true;
        }
    }

    private void mount(Path dir, String options) throws IOException, InterruptedException {
        int code = run("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString());
        if (code != 0) {
            throw new IOException("mount -t tmpfs -o " + options + " " + dir + " failed: exit " + code);
        }
        mounted.add(dir);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        List<String> failed = new ArrayList<>();
        for (int i = mounted.size() - 1; i >= 0; i--) {
            Path dir = mounted.get(i);
            if (run("umount", dir.toString()) != 0 && run("umount", "-l", dir.toString()) != 0) {
                failed.add(dir.toString());
            }
        }
        mounted.clear();
        if (!failed.isEmpty()) {
            throw new IOException("could not unmount " + failed);
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}

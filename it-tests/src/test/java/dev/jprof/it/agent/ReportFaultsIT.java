package dev.jprof.it.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.it.programs.GroundTruth;
import dev.jprof.it.support.FaultyDisks;
import dev.jprof.it.support.Jvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outfile's disk is read-only or full, in a real JVM on real tmpfs mounts: the report goes to a temp
 * file (stderr says where) or, when the temp directory fails too, to stderr; a half-written report file
 * never stays behind looking complete.
 */
class ReportFaultsIT {
    /** Free bytes left on a "full" disk: less than the HTML report, so ENOSPC strikes part-way through it. */
    private static final long ROOM = 8 * 1024;
    private static final Pattern WROTE_IT_TO = Pattern.compile("; wrote it to (\\S+) instead");

    @TempDir
    Path tmp;

    private final FaultyDisks disks = new FaultyDisks();

    @AfterEach
    void unmount() throws Exception {
        disks.close();
    }

    private Jvm.Result profile(String outfile, Path tempDir) throws Exception {
        disks.openToAll(tmp);
        List<String> command = disks.asUser(Jvm.current().command("-Djava.io.tmpdir=" + tempDir,
                "-javaagent:" + Jvm.agentJar() + "=renderer=html,outfile=" + outfile, "-cp", Jvm.testClasses(),
                GroundTruth.class.getName(), "1"));
        Jvm.Result r = Jvm.run(command, tmp, 60);
        assertEquals(0, r.exitCode, "the program's exit code is kept: " + r);
        assertTrue(r.stdout.contains("ground truth done"), r.toString());
        return r;
    }

    private Path writableTempDir() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("tmp"));
        disks.openToAll(dir);
        return dir;
    }

    private static String message(Jvm.Result r) {
        List<String> lines = r.stderr.lines().filter(l -> l.startsWith("jprof: could not write")).collect(Collectors.toList());
        assertEquals(1, lines.size(), "one line says what happened: " + r);
        return lines.get(0);
    }

    private static Path fallbackFile(Jvm.Result r, Path tempDir) throws Exception {
        Matcher m = WROTE_IT_TO.matcher(message(r));
        assertTrue(m.find(), r.toString());
        Path fallback = Paths.get(m.group(1));
        assertEquals(tempDir, fallback.getParent(), "the fallback is in java.io.tmpdir");
        assertCompleteHtml(Files.readString(fallback));
        return fallback;
    }

    private static void assertCompleteHtml(String html) {
        assertTrue(html.startsWith("<!DOCTYPE html>") || html.startsWith("<!doctype html>"), html.substring(0, Math.min(80, html.length())));
        assertTrue(html.stripTrailing().endsWith("</html>"), "the whole report");
        assertTrue(html.contains("GroundTruth"), "the program's frames are in it");
    }

    private static void skip(String why) {
        System.err.println(why);
        Assumptions.assumeTrue(false, why);
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void aReadOnlyDirectorySendsTheReportToATempFileAndSaysWhere() throws Exception {
        Path readOnly = disks.readOnly(tmp.resolve("ro"));
        Path tempDir = writableTempDir();
        Jvm.Result r = profile(readOnly.resolve("report.html").toString(), tempDir);

        String line = message(r);
        assertTrue(line.startsWith("jprof: could not write the report to " + readOnly.resolve("report.html") + " ("
                + (FaultyDisks.realMounts() ? "Read-only file system" : "permission denied") + ")"), line);
        fallbackFile(r, tempDir);
        assertEquals(List.of(), names(readOnly));
        assertFalse(r.stderr.contains("\tat "), "no stack trace: " + r);
    }

    @Test
    void aFullDiskDeletesThePartialReportAndFallsBackToATempFile() throws Exception {
        Path full = disks.full(tmp.resolve("full"), ROOM);
        Path tempDir = writableTempDir();
        if (full == null) {
            // no mounts: /dev/full exists before jprof writes, so it is named incomplete rather than deleted
            Jvm.Result r = profile("/dev/full", tempDir);
            assertTrue(message(r).contains("(No space left on device; /dev/full was there before and now holds an"
                    + " incomplete report)"), r.toString());
            fallbackFile(r, tempDir);
            return;
        }
        Jvm.Result r = profile(full.resolve("report.html").toString(), tempDir);

        String line = message(r);
        assertTrue(line.startsWith("jprof: could not write the report to " + full.resolve("report.html")
                + " (No space left on device; deleted the partial file); wrote it to "), line);
        Path fallback = fallbackFile(r, tempDir);
        assertTrue(Files.size(fallback) > ROOM, "the report is larger than the room left, so it failed part-way: "
                + Files.size(fallback));
        assertEquals(List.of("filler"), names(full), "the partial report is gone");
    }

    @Test
    void anOverwrittenReportOnAFullDiskIsNamedIncomplete() throws Exception {
        Path full = disks.full(tmp.resolve("full"), ROOM);
        if (full == null) {
            skip("SKIPPED: overwriting a report on a full disk needs mount -t tmpfs, which is not permitted here"
                    + " (/dev/full in aFullDiskDeletesThePartialReportAndFallsBackToATempFile covers the message)");
        }
        Path existing = full.resolve("report.html");
        Files.writeString(existing, "yesterday's report");
        Path tempDir = writableTempDir();
        Jvm.Result r = profile(existing.toString(), tempDir);

        assertTrue(message(r).contains("(No space left on device; " + existing
                + " was there before and now holds an incomplete report); wrote it to "), r.toString());
        fallbackFile(r, tempDir);
        assertTrue(Files.exists(existing), "jprof deletes only files it created");
    }

    @Test
    void aReadOnlyOutfileAndAReadOnlyTempDirSendTheReportToStderr() throws Exception {
        Path readOnly = disks.readOnly(tmp.resolve("ro"));
        Path readOnlyTemp = disks.readOnly(tmp.resolve("ro-tmp"));
        Jvm.Result r = profile(readOnly.resolve("report.html").toString(), readOnlyTemp);

        String line = message(r);
        String reason = FaultyDisks.realMounts() ? "Read-only file system" : "permission denied";
        assertEquals("jprof: could not write the report to " + readOnly.resolve("report.html") + " (" + reason
                + ") nor to a temporary file in " + readOnlyTemp + " (" + reason + "); here it is:", line);
        assertCompleteHtml(r.stderr.substring(r.stderr.indexOf(line) + line.length()).strip());
    }

    @Test
    void aFullDiskAndAFullTempDirSendTheReportToStderrAndLeaveNoPartialFiles() throws Exception {
        Path full = disks.full(tmp.resolve("full"), ROOM);
        Path fullTemp = disks.full(tmp.resolve("full-tmp"), ROOM);
        if (full == null) {
            skip("SKIPPED: a full temp directory needs mount -t tmpfs, which is not permitted here");
        }
        Jvm.Result r = profile(full.resolve("report.html").toString(), fullTemp);

        String line = message(r);
        assertEquals("jprof: could not write the report to " + full.resolve("report.html")
                + " (No space left on device; deleted the partial file) nor to a temporary file in " + fullTemp
                + " (No space left on device; deleted the partial file); here it is:", line);
        assertCompleteHtml(r.stderr.substring(r.stderr.indexOf(line) + line.length()).strip());
        assertEquals(List.of("filler"), names(full));
        assertEquals(List.of("filler"), names(fullTemp));
    }
}

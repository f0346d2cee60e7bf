package dev.jprof.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Report writes that fail part-way, as on a full disk: the partial file never passes for a report. */
class ReportWriterTest {
    private static final String REPORT = "jprof report\n" + "x".repeat(10_000) + "\nend of report\n";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private ReportWriter writer(Path tempDir, BiFunction<Path, OutputStream, OutputStream> streams) {
        return new ReportWriter(new PrintStream(err, true, StandardCharsets.UTF_8), tempDir, streams);
    }

    /** Writes {@code room} bytes of whatever it is given, then fails as a full disk does. */
    private static OutputStream fullAfter(int room, OutputStream out) {
        return new FilterOutputStream(out) {
            private int left = room;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                int n = Math.min(left, len);
                out.write(b, off, n);
                left -= n;
                if (n < len) {
                    throw new IOException("No space left on device");
                }
            }
        };
    }

    private static List<Path> files(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.collect(Collectors.toList());
        }
    }

    @Test
    void aDiskFullWhileWritingANewFileDeletesItAndFallsBackToATempFile() throws Exception {
        Path target = dir.resolve("out/report.txt");
        Files.createDirectories(target.getParent());
        Path temp = Files.createDirectory(dir.resolve("tmp"));
        String where = writer(temp, (file, out) -> file.equals(target) ? fullAfter(4096, out) : out)
                .write(target.toString(), REPORT, ".txt");

        assertFalse(Files.exists(target), "the partial file jprof created is gone");
        assertTrue(where.startsWith(temp.toString()), where);
        assertEquals(REPORT, Files.readString(Path.of(where)), "the fallback holds the whole report");
        assertEquals("jprof: could not write the report to " + target
                + " (No space left on device; deleted the partial file); wrote it to " + where + " instead\n", stderr());
    }

    @Test
    void aDiskFullWhileOverwritingAnExistingFileSaysItIsIncomplete() throws Exception {
        Path target = dir.resolve("report.txt");
        Files.writeString(target, "last week's report");
        Path temp = Files.createDirectory(dir.resolve("tmp"));
        String where = writer(temp, (file, out) -> file.equals(target) ? fullAfter(100, out) : out)
                .write(target.toString(), REPORT, ".txt");

        assertEquals(100, Files.size(target), "jprof does not delete a file it did not create");
        assertEquals(REPORT, Files.readString(Path.of(where)));
        String message = stderr();
        assertTrue(message.contains(target + " was there before and now holds an incomplete report")
                && message.contains("wrote it to " + where), message);
        assertEquals(1, message.lines().count(), message);
    }

    @Test
    void whenTheTempFileFillsTheDiskToo_bothPartialsAreDeletedAndTheReportGoesToStderr() throws Exception {
        Path target = dir.resolve("report.txt");
        Path temp = Files.createDirectory(dir.resolve("tmp"));
        String where = writer(temp, (file, out) -> fullAfter(512, out)).write(target.toString(), REPORT, ".txt");

        assertEquals("stderr", where);
        assertFalse(Files.exists(target));
        assertEquals(List.of(), files(temp), "the partial temporary file is deleted");
        List<String> lines = stderr().lines().collect(Collectors.toList());
        assertEquals("jprof: could not write the report to " + target
                + " (No space left on device; deleted the partial file) nor to a temporary file in " + temp
                + " (No space left on device; deleted the partial file); here it is:", lines.get(0));
        assertEquals(REPORT, stderr().substring(stderr().indexOf('\n') + 1), "the whole report follows");
    }

    @Test
    void anUnusableTempDirectorySendsTheReportToStderr() throws Exception {
        Path missing = dir.resolve("no/such/dir");
        Path tempMissing = dir.resolve("no/tmp");
        String where = writer(tempMissing, (file, out) -> out).write(missing.resolve("r.txt").toString(), REPORT, ".txt");

        assertEquals("stderr", where);
        String first = stderr().lines().findFirst().orElse("");
        assertEquals("jprof: could not write the report to " + missing.resolve("r.txt")
                + " (its directory does not exist) nor to a temporary file in " + tempMissing
                + " (its directory does not exist); here it is:", first);
        assertTrue(stderr().endsWith(REPORT), stderr());
    }

    @Test
    void aFailureBeforeAnythingIsWrittenLeavesNoFileBehind() throws Exception {
        Path target = dir.resolve("report.txt");
        Path temp = Files.createDirectory(dir.resolve("tmp"));
        BiFunction<Path, OutputStream, OutputStream> refuseTarget = (file, out) -> {
            if (file.equals(target)) {
                try {
                    out.close();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                throw new IllegalStateException("cannot open");
            }
            return out;
        };
        String where = writer(temp, refuseTarget).write(target.toString(), REPORT, ".txt");

        assertFalse(Files.exists(target), "the empty file jprof created for the write is removed");
        assertEquals(REPORT, Files.readString(Path.of(where)));
    }
}

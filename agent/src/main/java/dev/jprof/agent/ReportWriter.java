package dev.jprof.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Writes a rendered report where the user asked, or says where it went instead: nothing is lost
 * silently. A file that cannot be written falls back to a temporary file, then to stderr. A file left
 * half-written (e.g. the disk filled up) is deleted when jprof created it, or named as incomplete, so a
 * partial report never passes for a whole one.
 */
final class ReportWriter {
    /** Built for the first %t only: java.time's formatter machinery is a few ms of every JVM's exit. */
    private static final class Stamp {
        static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
    }

    private final PrintStream err;
    private final Path tempDir;
    private final BiFunction<Path, OutputStream, OutputStream> streams;

    ReportWriter(PrintStream err) {
        this(err, Paths.get(System.getProperty("java.io.tmpdir")), (file, out) -> out);
    }

    /**
     * @param tempDir where fallback files go
     * @param streams sees each opened file's stream (tests return one that fails like a full disk)
     */
    ReportWriter(PrintStream err, Path tempDir, BiFunction<Path, OutputStream, OutputStream> streams) {
        this.err = err;
        this.tempDir = tempDir;
        this.streams = streams;
    }

    /** Expands {@code %p} (pid), {@code %t} (timestamp) and {@code %n} (sequence) in an outfile pattern. */
    static String expand(String pattern, long pid, LocalDateTime time, int sequence) {
        return pattern.replace("%p", Long.toString(pid))
                .replace("%t", time == null ? "" : Stamp.FORMAT.format(time))
                .replace("%n", Integer.toString(sequence));
    }

    /**
     * @param outfile the target file, or null for stderr
     * @param report  the rendered report
     * @param suffix  extension for a fallback temporary file
     * @return where the report went
     */
    String write(String outfile, String report, String suffix) {
        return write(outfile, report.getBytes(StandardCharsets.UTF_8), suffix, false);
    }

    /**
     * @param outfile the target file, or null for stderr (a temporary file when the report is binary)
     * @param bytes   the rendered report
     * @param suffix  extension for a fallback temporary file
     * @param binary  true when the report is not text (pprof, JFR): it never goes to stderr
     * @return where the report went
     */
    String write(String outfile, byte[] bytes, String suffix, boolean binary) {
        if (outfile == null && !binary) {
            err.print(new String(bytes, StandardCharsets.UTF_8));
            err.flush();
            return "stderr";
        }
        String report = binary ? null : new String(bytes, StandardCharsets.UTF_8);
        Path target = outfile == null ? null : Paths.get(outfile);
        if (target == null) {
            try {
                target = Files.createTempFile(tempDir, "jprof-", suffix);
            } catch (IOException | RuntimeException e) {
                err.println("jprof: could not create a temporary file for the binary report in " + tempDir + " ("
                        + reason(e) + "); no report");
                return "nowhere";
            }
        }
        String failure;
        try {
            writeFile(target, bytes);
            return target.toString();
        } catch (IOException | RuntimeException e) {
            failure = "could not write the report to " + target + " (" + reason(e) + afterPartial(target, e) + ")";
        }
        Path fallback = null;
        try {
            fallback = Files.createTempFile(tempDir, "jprof-", suffix); // owner-only on POSIX
            writeFile(fallback, bytes);
            err.println("jprof: " + failure + "; wrote it to " + fallback + " instead");
            return fallback.toString();
        } catch (IOException | RuntimeException e) {
            String partial = fallback == null ? "" : deleteOurs(fallback);
            if (binary) {
                err.println("jprof: " + failure + " nor to a temporary file in " + tempDir + " (" + reason(e) + partial
                        + "); the binary report is lost");
                return "nowhere";
            }
            err.println("jprof: " + failure + " nor to a temporary file in " + tempDir + " (" + reason(e) + partial
                    + "); here it is:");
            err.print(report);
            err.flush();
            return "stderr";
        }
    }

    private void writeFile(Path file, byte[] bytes) throws IOException {
        OwnerOnlyFiles.write(file, bytes, out -> streams.apply(file, out));
    }

    /** What became of a file a failed write left behind, as a clause of the one-line message. */
    private static String afterPartial(Path file, Exception e) {
        if (!(e instanceof OwnerOnlyFiles.PartialWrite)) {
            return ""; // failed before anything was written
        }
        if (((OwnerOnlyFiles.PartialWrite) e).created()) {
            return deleteOurs(file);
        }
        return "; " + file + " was there before and now holds an incomplete report";
    }

    private static String deleteOurs(Path file) {
        try {
            Files.deleteIfExists(file);
            return "; deleted the partial file";
        } catch (IOException e) {
            return "; the partial file " + file + " is incomplete and could not be deleted: " + reason(e);
        }
    }

    private static String reason(Exception e) {
        if (e instanceof OwnerOnlyFiles.PartialWrite) {
            e = (Exception) e.getCause();
        }
        if (e instanceof NoSuchFileException) {
            return "its directory does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        return e instanceof IOException && e.getMessage() != null ? e.getMessage() : e.toString();
    }
}

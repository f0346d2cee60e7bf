package dev.jprof.agent;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes a rendered report where the user asked, or says where it went instead: nothing is lost
 * silently. A file that cannot be written falls back to a temporary file, then to stderr.
 */
final class ReportWriter {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final PrintStream err;

    ReportWriter(PrintStream err) {
        this.err = err;
    }

    /** Expands {@code %p} (pid), {@code %t} (timestamp) and {@code %n} (sequence) in an outfile pattern. */
    static String expand(String pattern, long pid, LocalDateTime time, int sequence) {
        return pattern.replace("%p", Long.toString(pid))
                .replace("%t", STAMP.format(time))
                .replace("%n", Integer.toString(sequence));
    }

    /**
     * @param outfile the target file, or null for stderr
     * @param report  the rendered report
     * @param suffix  extension for a fallback temporary file
     * @return where the report went
     */
    String write(String outfile, String report, String suffix) {
        if (outfile == null) {
            err.print(report);
            err.flush();
            return "stderr";
        }
        Path target = Paths.get(outfile);
        try {
            OwnerOnlyFiles.write(target, report.getBytes(StandardCharsets.UTF_8));
            return target.toString();
        } catch (IOException | RuntimeException e) {
            String reason = e instanceof java.nio.file.NoSuchFileException ? "its directory does not exist"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e.toString();
            try {
                Path fallback = Files.createTempFile("jprof-", suffix); // owner-only on POSIX
                Files.write(fallback, report.getBytes(StandardCharsets.UTF_8));
                err.println("jprof: could not write the report to " + target + " (" + reason + "); wrote it to "
                        + fallback + " instead");
                return fallback.toString();
            } catch (IOException | RuntimeException e2) {
                err.println("jprof: could not write the report to " + target + " (" + reason
                        + ") nor to a temporary file (" + e2 + "); here it is:");
                err.print(report);
                err.flush();
                return "stderr";
            }
        }
    }
}

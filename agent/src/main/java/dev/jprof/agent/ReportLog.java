package dev.jprof.agent;

import dev.jprof.sampling.ThisProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code report_log} file: every JVM started by {@code jprof -- COMMAND} appends one line per event
 * (profiling started, exiting, report written, skipped by {@code main=}), so the jprof command can say
 * what became of each JVM. A line is {@code EVENT TAB PID TAB MAIN TAB WHERE}, appended in one write so
 * lines of JVMs exiting at the same time do not mix.
 */
public final class ReportLog {
    /** What a line says about its JVM. */
    public enum Event {
        /** Profiling began; WHERE is the outfile pattern. */
        START,
        /** The JVM is exiting and writing its report. */
        EXIT,
        /** The report was written; WHERE is the file, or {@code stderr}. */
        REPORT,
        /** The program did not start or the report could not be written; WHERE says why. */
        NONE,
        /** The main class did not match {@code main=}; nothing was profiled. */
        SKIP
    }

    /** One line of the log. */
    public static final class Entry {
        public final Event event;
        public final long pid;
        /** The main class, or the first word of the java command line when it has none. */
        public final String main;
        public final String where;

        Entry(Event event, long pid, String main, String where) {
            this.event = event;
            this.pid = pid;
            this.main = main;
            this.where = where;
        }
    }

    private ReportLog() {
    }

    /** Appends a line; a log that cannot be written costs the jprof command its summary, never the program. */
    static void append(String file, Event event, String main, String where) {
        if (file == null) {
            return;
        }
        String line = event.name().toLowerCase(java.util.Locale.ROOT) + '\t' + ThisProcess.pid() + '\t'
                + oneLine(main) + '\t' + oneLine(where) + '\n';
        try {
            Files.write(Paths.get(file), line.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            System.err.println("jprof: could not append to report_log " + file + ": " + e.getMessage());
        }
    }

    /** The complete lines of a log (a line still being appended is left for the next read). */
    public static List<Entry> read(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return entries;
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        for (String line : end < 0 ? new String[0] : text.substring(0, end).split("\n")) {
            String[] f = line.split("\t", 4);
            if (f.length < 4) {
                continue;
            }
            try {
                entries.add(new Entry(Event.valueOf(f[0].toUpperCase(java.util.Locale.ROOT)), Long.parseLong(f[1]),
                        f[2], f[3]));
            } catch (IllegalArgumentException e) {
                // a line of another version; skip it
            }
        }
        return entries;
    }

    private static String oneLine(String s) {
        return s == null ? "-" : s.replace('\n', ' ').replace('\t', ' ');
    }
}

package dev.jprof.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Writes benchmark results into docs/PERFORMANCE.md, one "## Title" section per benchmark. */
public final class PerformanceDoc {
    private PerformanceDoc() {
    }

    /** Replaces (or appends) the section headed {@code ## title} with {@code body}, stamped with the date. */
    public static synchronized void replaceSection(String title, String body) throws IOException {
        Path doc = Paths.get(System.getProperty("jprof.root", "..")).resolve("docs/PERFORMANCE.md");
        Files.createDirectories(doc.getParent());
        String text = Files.exists(doc) ? Files.readString(doc) : "# jprof performance\n\nNumbers measured on this project's"
                + " machine kind (2 cores, 24 GiB). Benchmarks run with `mvn -B -Pbench verify`.\n";
        String heading = "## " + title + "\n";
        String section = heading + "\n_Measured " + java.time.LocalDate.now() + "._\n\n" + body + "\n";
        int start = text.indexOf(heading);
        if (start < 0) {
            text = text.stripTrailing() + "\n\n" + section;
        } else {
            int end = text.indexOf("\n## ", start + heading.length());
            text = text.substring(0, start) + section + (end < 0 ? "" : text.substring(end + 1));
        }
        Files.write(doc, text.getBytes(StandardCharsets.UTF_8));
    }
}

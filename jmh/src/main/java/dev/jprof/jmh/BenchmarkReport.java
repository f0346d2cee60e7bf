package dev.jprof.jmh;

import dev.jprof.Profiler;
import dev.jprof.renderers.RenderOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One benchmark's profile: the call tree printed as its JMH result, and files named by benchmark, mode and
 * parameters, e.g. {@code jprof-jmh/com.acme.Parse.json-avgt-size=10.html} and {@code ....jprof} (the
 * session, for {@code jprof --load}). A later fork of the same benchmark overwrites the files.
 */
final class BenchmarkReport {
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._$=,-]");

    private BenchmarkReport() {
    }

    static String baseName(BenchmarkParams params) {
        StringBuilder name = new StringBuilder(params.getBenchmark()).append('-').append(params.getMode().shortLabel());
        for (String key : params.getParamsKeys()) {
            name.append('-').append(key).append('=').append(params.getParam(key));
        }
        return UNSAFE.matcher(name).replaceAll("_");
    }

    /**
     * Writes the files and returns the text of the result: the call tree, then where the files went (or why
     * they could not be written).
     */
    static String write(Profiler stopped, JmhOptions options, String baseName) {
        RenderOptions render = new RenderOptions().showAll(options.showAll);
        StringBuilder text = new StringBuilder(stopped.outputText(render));
        Path report = options.dir.resolve(baseName + options.extension());
        Path session = options.dir.resolve(baseName + ".jprof");
        try {
            Files.createDirectories(options.dir);
            stopped.lastSession().save(session);
            if (!report.equals(session)) {
                Files.writeString(report, stopped.output(options.renderer, render), StandardCharsets.UTF_8);
            }
            text.append("jprof report: ").append(report.toAbsolutePath()).append('\n');
            text.append("jprof session: ").append(session.toAbsolutePath())
                    .append(" (jprof --load FILE re-renders it)\n");
        } catch (IOException | RuntimeException e) {
            text.append("jprof: the files could not be written to ").append(options.dir.toAbsolutePath())
                    .append(": ").append(e).append('\n');
        }
        return text.toString();
    }
}

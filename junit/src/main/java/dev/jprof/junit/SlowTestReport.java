package dev.jprof.junit;

import dev.jprof.Profiler;
import dev.jprof.renderers.RenderOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report of one slow test: text and HTML files named by its class and method (and the invocation
 * number of a repeated or parameterized test), e.g. {@code target/jprof/com.acme.OrderTest.checkout.html}.
 */
final class SlowTestReport {
    private static final Pattern INVOCATION = Pattern.compile("-invocation:#(\\d+)]$");
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._$#\\[\\]-]");

    final Path text;
    final Path html;

    private SlowTestReport(Path text, Path html) {
        this.text = text;
        this.html = html;
    }

    /**
     * The file name, without extension, of a test's report.
     *
     * @param className the test class's binary name
     * @param method    the test method's name
     * @param uniqueId  the test's unique id: a template invocation's number is taken from it
     */
    static String baseName(String className, String method, String uniqueId) {
        String name = className + "." + method;
        Matcher m = INVOCATION.matcher(uniqueId);
        if (m.find()) {
            name += "[" + m.group(1) + "]";
        }
        return UNSAFE.matcher(name).replaceAll("_");
    }

    /** Writes the stopped profiler's last session as {@code dir/baseName.txt} and {@code .html}. */
    static SlowTestReport write(Profiler stopped, Path dir, String baseName) throws IOException {
        Files.createDirectories(dir);
        Path text = dir.resolve(baseName + ".txt");
        Path html = dir.resolve(baseName + ".html");
        Files.writeString(text, stopped.outputText(new RenderOptions().unicode(true)), StandardCharsets.UTF_8);
        Files.writeString(html, stopped.outputHtml(), StandardCharsets.UTF_8);
        return new SlowTestReport(text, html);
    }
}

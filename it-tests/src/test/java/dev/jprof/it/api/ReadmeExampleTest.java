package dev.jprof.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Java API" example is this module's ReadmeExample.java, and it runs. */
class ReadmeExampleTest {
    static final String BEGIN = "<!-- java-api-example:begin (it-tests/src/test/java/dev/jprof/it/api/ReadmeExample.java) -->";
    static final String END = "<!-- java-api-example:end -->";

    private static Path root() {
        return Path.of(System.getProperty("jprof.root", ".."));
    }

    /** The example as shown in the README: the source file without its package line. */
    static String exampleSource() throws IOException {
        String source = Files.readString(root().resolve("it-tests/src/test/java/dev/jprof/it/api/ReadmeExample.java"));
        return source.replaceFirst("\\Apackage [\\w.]+;\\n\\n", "");
    }

    @Test
    void theReadmeShowsExactlyTheExampleSource() throws IOException {
        String readme = Files.readString(root().resolve("README.md"));
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "README.md must contain the markers " + BEGIN + " and " + END);
        String block = readme.substring(begin + BEGIN.length(), end);
        assertEquals("\n```java\n" + exampleSource() + "```\n", block);
    }

    @Test
    void theExampleRuns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fib.jprof");
        Jvm.Result r = Jvm.run(Jvm.Jdk.JDK17, ReadmeExample.class, file.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        String header = "wall-clock call tree";
        String first = r.stdout().substring(0, r.stdout().indexOf(header, r.stdout().indexOf(header) + 1));
        for (String step : new String[] {"ReadmeExample.buildReport", "ReadmeExample.parse", "ReadmeExample.summarise"}) {
            assertTrue(first.contains(step), "the first report shows a tree with " + step + ":\n" + first);
        }
        assertTrue(r.stdout().contains("\u2514\u2500 "), "the second report uses unicode: " + r.stdout());
        assertTrue(r.stdout().contains("fib(30) = 832040, "), r.stdout());
        assertTrue(Files.size(file) > 0);
    }
}

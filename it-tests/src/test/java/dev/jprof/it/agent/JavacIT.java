package dev.jprof.it.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jprof.it.support.Jvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A program whose main class is JDK code: {@code javac} compiling a few files under the agent shows the
 * compiler's own frames ({@code JavaCompiler}), not one line of {@code [N frames hidden] jdk.compiler}.
 */
class JavacIT {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @MethodSource("dev.jprof.it.support.Jvm#names")
    void javacUnderTheAgentShowsTheCompilersFrames(String jdk) throws Exception {
        Jvm jvm = Jvm.named(jdk);
        Path javac = jvm.home().resolve("bin/javac");
        assumeTrue(Files.isExecutable(javac), "SKIPPED: no javac at " + javac);
        List<String> command = new ArrayList<>(List.of(javac.toString(), "-J-javaagent:" + Jvm.agentJar()
                + "=outfile=" + tmp.resolve("report.txt") + ",unicode=false,color=false", "-d", tmp.resolve("out").toString()));
        for (int i = 0; i < 8; i++) {
            Path source = tmp.resolve("src/p/C" + i + ".java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, source(i));
            command.add(source.toString());
        }
        Jvm.Result r = Jvm.run(command, tmp, 120);
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(Files.isRegularFile(tmp.resolve("out/p/C7.class")), "javac compiled the files: " + r);
        String report = Files.readString(tmp.resolve("report.txt"));
        assertTrue(report.contains("JavaCompiler."), "the compiler's frames are the program's: " + report);
        assertFalse(report.matches("(?s).*Main\\.main +\\[\\d+ frames hidden\\].*"), report);
    }

    /** A class with generics, lambdas and streams, so type attribution has work to do. */
    private static String source(int i) {
        StringBuilder s = new StringBuilder("package p;\nimport java.util.*;\nimport java.util.stream.*;\n");
        s.append("public class C").append(i).append(" {\n");
        for (int m = 0; m < 60; m++) {
            s.append("  static <T extends Comparable<T>> Map<T, List<String>> m").append(m)
                    .append("(List<T> in) { return in.stream().sorted().collect(Collectors.groupingBy(x -> x, TreeMap::new,")
                    .append(" Collectors.mapping(x -> String.valueOf(x).repeat(").append(m % 3 + 1).append("), Collectors.toList()))); }\n");
        }
        return s.append("}\n").toString();
    }
}

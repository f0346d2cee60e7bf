package dev.jprof.it.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.tree.Frame;
import dev.jprof.Session;
import dev.jprof.it.programs.FutureJoiner;
import dev.jprof.it.support.Jvm;
import dev.jprof.it.support.Trees;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A platform thread joining a CompletableFuture: [await] under the joining method (issue 6). */
class FutureAwaitIT {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"jdk17,enabled", "jdk17,strict", "jdk17,disabled", "jdk25,enabled", "jdk25,strict", "jdk25,disabled"})
    void joiningShowsAwaitUnlessDisabled(String jdk, String mode) throws Exception {
        Path out = tmp.resolve("f.jprof");
        Jvm.Result r = Jvm.run(Jvm.named(jdk).command("-javaagent:" + Jvm.agentJar() + "=outfile=" + out
                + ",async_mode=" + mode, "-cp", Jvm.testClasses(), FutureJoiner.class.getName()), tmp, 60);
        assertEquals(0, r.exitCode, r.toString());
        Session s = Session.load(out);
        Frame join = Trees.find(Trees.thread(Trees.aggregated(s), "main"), "FutureJoiner.joinFuture");
        assertNotNull(join);
        boolean await = join.children().stream().anyMatch(c -> c.identifier().equals(Frame.AWAIT));
        if (mode.equals("disabled")) {
            assertTrue(!await, "no [await] when disabled: " + join.children());
            assertNotNull(Trees.find(join, "CompletableFuture.join"), "raw stack kept");
        } else {
            assertTrue(await, "[await] under the joining method: " + join.children());
            Frame awaitFrame = join.children().stream().filter(c -> c.identifier().equals(Frame.AWAIT)).findFirst()
                    .orElseThrow();
            assertTrue(awaitFrame.time() > 0.3 * join.time(), "most of the join is waiting: " + awaitFrame);
        }
        if (jdk.equals("jdk17") && !mode.equals("disabled")) {
            assertTrue(r.stderr.contains("JDK 17 has no virtual threads"), r.stderr);
        }
    }
}

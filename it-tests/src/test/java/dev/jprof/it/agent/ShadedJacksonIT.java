package dev.jprof.it.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jprof.tree.Frame;
import dev.jprof.Session;
import dev.jprof.it.programs.JacksonApp;
import dev.jprof.it.support.Jvm;
import dev.jprof.it.support.Trees;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jprof.jar carries its own Jackson, relocated: an application with a different Jackson runs unchanged. */
class ShadedJacksonIT {
    @TempDir
    Path tmp;

    @Test
    void theAgentJarHasNoUnrelocatedDependencies() throws Exception {
        try (JarFile jar = new JarFile(Jvm.agentJar())) {
            List<String> foreign = new ArrayList<>();
            jar.stream().map(e -> e.getName())
                    .filter(n -> n.endsWith(".class") && !n.startsWith("dev/jprof/"))
                    .forEach(foreign::add);
            assertTrue(foreign.isEmpty(), "classes outside dev/jprof: " + foreign.subList(0, Math.min(10, foreign.size())));
            assertNotNull(jar.getEntry("dev/jprof/internal/jackson/databind/ObjectMapper.class"));
            assertEquals("dev.jprof.agent.Agent", jar.getManifest().getMainAttributes().getValue("Premain-Class"));
            assertEquals("dev.jprof.agent.Agent", jar.getManifest().getMainAttributes().getValue("Agent-Class"));
        }
    }

    @Test
    void anApplicationWithItsOwnJacksonRunsUnchanged() throws Exception {
        List<String> jackson = Jvm.classPathEntries("jackson");
        assertTrue(jackson.stream().anyMatch(e -> e.contains("jackson-databind-2.17.2")), jackson.toString());
        String cp = Jvm.testClasses() + File.pathSeparator + String.join(File.pathSeparator, jackson);
        Path out = tmp.resolve("jackson.jprof");
        Jvm.Result r = Jvm.run(Jvm.current().command("-javaagent:" + Jvm.agentJar() + "=outfile=" + out, "-cp", cp,
                JacksonApp.class.getName()), tmp, 60);
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("jackson 2.17.2 ok true"), r.toString());
        assertFalse(r.stderr.contains("Exception"), r.toString());
        Frame app = Trees.find(Trees.aggregated(Session.load(out)), "JacksonApp.main");
        assertNotNull(app);
        Frame readTree = Trees.find(app, "ObjectMapper.readTree");
        assertNotNull(readTree, "the application's Jackson frames are profiled");
        assertEquals("jackson-databind", readTree.location().library());
        assertFalse(readTree.isApplicationCode());
        assertTrue(app.isApplicationCode());
    }
}

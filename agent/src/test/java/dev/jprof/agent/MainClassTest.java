package dev.jprof.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainClassTest {
    @TempDir
    Path dir;

    @Test
    void aClassNameComesFirstOnTheCommandLine() {
        assertEquals("com.acme.Main", MainClass.of("com.acme.Main a b"));
        assertEquals("com.acme.Main$Inner", MainClass.of("com.acme.Main$Inner"));
        assertEquals("com.acme.Main", MainClass.of("com.acme/com.acme.Main --flag"), "module/class");
    }

    @Test
    void unknownWhenTheCommandLineCannotTell() {
        assertNull(MainClass.of(null));
        assertNull(MainClass.of(""));
        assertNull(MainClass.of("Hello.java arg"), "source-file mode");
        assertNull(MainClass.of("/no/such/app.jar arg"), "a jar that is not there: not a class name either");
    }

    @Test
    void aJarNamesItsMainClassInItsManifestAndItsPathMayHoldSpaces() throws Exception {
        Path jar = jar(dir.resolve("my app.jar"), "com.acme.App");
        assertEquals("com.acme.App", MainClass.of(jar + " one two.jar"));
        assertNull(MainClass.of(jar(dir.resolve("lib.jar"), null) + " x"), "no Main-Class");
    }

    @Test
    void startedMeansTheMainClassWasLoadedOrIsUnknown() {
        Set<String> loaded = Set.of("com.acme.Main");
        assertTrue(MainClass.started("com.acme.Main", loaded::contains));
        assertFalse(MainClass.started("com.acme.Missing", loaded::contains));
        assertTrue(MainClass.started(null, loaded::contains));
    }

    private static Path jar(Path path, String mainClass) throws Exception {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        try (OutputStream out = Files.newOutputStream(path); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return path;
    }
}

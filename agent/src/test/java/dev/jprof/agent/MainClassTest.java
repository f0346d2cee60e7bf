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

    @Test
    void mainGlobsPickJvmsByMainClassElseByTheFirstWordOfTheCommandLine() {
        String booter = MainClass.shown("org.apache.maven.surefire.booter.ForkedBooter", "/t/surefirebooter.jar /t x");
        assertTrue(MainClass.matches(java.util.List.of(), booter), "no glob: every JVM");
        assertTrue(MainClass.matches(java.util.List.of("org.apache.maven.surefire.*"), booter));
        assertTrue(MainClass.matches(java.util.List.of("*Launcher", "*.ForkedBooter"), booter), "any glob");
        assertFalse(MainClass.matches(java.util.List.of("org.apache.maven.surefire"), booter), "a glob matches the whole name");
        assertFalse(MainClass.matches(java.util.List.of("org.codehaus.*"), booter));
        assertTrue(MainClass.wildcard("a?c*", "abcdef"));
        assertTrue(MainClass.wildcard("*b*b*", "abxbz"));
        assertTrue(MainClass.wildcard("*", ""));
        assertFalse(MainClass.wildcard("a*c", "abcd"));
        assertFalse(MainClass.wildcard("?", ""));
        assertEquals("Hello.java", MainClass.shown(null, "Hello.java a b"));
        assertEquals("-", MainClass.shown(null, ""));
    }

    @Test
    void theReportHeaderNamesTheMainClassThatAJarHidesAndThePid() {
        assertEquals("com.acme.Main a b, pid 42", MainClass.describe("com.acme.Main a b", "com.acme.Main", 42));
        assertEquals("com.acme.App (-jar /x/app.jar a), pid 42", MainClass.describe("/x/app.jar a", "com.acme.App", 42));
        assertEquals("m/com.acme.Main, pid 7", MainClass.describe("m/com.acme.Main", "com.acme.Main", 7));
        assertEquals("pid 7", MainClass.describe("", null, 7));
    }

    @Test
    void theReportLogKeepsOneLinePerEventAndSkipsAPartialLastLine() throws Exception {
        Path log = dir.resolve("reports.log");
        ReportLog.append(log.toString(), ReportLog.Event.START, "com.acme.Main", "/tmp/%p.jprof");
        ReportLog.append(log.toString(), ReportLog.Event.REPORT, "com.acme.Main", "/tmp/a\tb\nc.jprof");
        Files.writeString(log, "report\t1", java.nio.file.StandardOpenOption.APPEND);
        java.util.List<ReportLog.Entry> entries = ReportLog.read(log);
        assertEquals(2, entries.size());
        assertEquals(ReportLog.Event.START, entries.get(0).event);
        assertEquals(ProcessHandle.current().pid(), entries.get(1).pid);
        assertEquals("com.acme.Main", entries.get(1).main);
        assertEquals("/tmp/a b c.jprof", entries.get(1).where, "tabs and line breaks cannot split a line");
        assertTrue(ReportLog.read(dir.resolve("none.log")).isEmpty());
    }
}

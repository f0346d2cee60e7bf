package dev.jprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CodeLocatorTest {
    private final CodeLocator locator = CodeLocator.forCurrentJvm();

    @Test
    void jdkFramesAreLibraryCodeInTheirModule() {
        CodeLocation l = locator.locate(new StackTraceElement(null, "java.base", "17", "java.util.HashMap", "get",
                "HashMap.java", 10));
        assertEquals("jrt:/java.base!/java/util/HashMap.java", l.path());
        assertEquals("java.base", l.library());
        assertFalse(l.isApplicationCode());
    }

    @Test
    void dependencyJarsAreLibraryCodeNamedWithoutVersion() {
        CodeLocation l = locator.locate(new StackTraceElement(ObjectMapper.class.getName(), "readTree",
                "ObjectMapper.java", 1));
        assertTrue(l.path().endsWith(".jar!/com/fasterxml/jackson/databind/ObjectMapper.java"), l.path());
        assertEquals("jackson-databind", l.library());
        assertFalse(l.isApplicationCode());
    }

    @Test
    void classesDirectoriesAreApplicationCode() {
        CodeLocation l = locator.locate(new StackTraceElement(CodeLocatorTest.class.getName(), "x",
                "CodeLocatorTest.java", 1));
        assertTrue(l.path().endsWith("test-classes!/dev/jprof/CodeLocatorTest.java"), l.path());
        assertTrue(l.isApplicationCode());
    }

    @Test
    void lambdaProxiesResolveToTheirHostClass() {
        CodeLocation l = locator.locate(new StackTraceElement(CodeLocatorTest.class.getName() + "$$Lambda/0x0000abcd",
                "run", null, -1));
        assertTrue(l.isApplicationCode(), l.toString());
    }

    @Test
    void unknownClassesAreUnknownLibraryCode() {
        CodeLocation l = locator.locate(new StackTraceElement("com.nowhere.Gone", "x", "Gone.java", 1));
        assertEquals("com/nowhere/Gone.java", l.path());
        assertFalse(l.isApplicationCode());
    }

    @Test
    void urlsBecomePaths() {
        assertEquals("/a/b/app.jar", CodeLocator.urlToPath("file:/a/b/app.jar"));
        assertEquals("/a/target/classes", CodeLocator.urlToPath("file:/a/target/classes/"));
        assertEquals("/a/app.jar!/BOOT-INF/classes", CodeLocator.urlToPath("jar:file:/a/app.jar!/BOOT-INF/classes!/"));
        assertEquals("/a/app.jar!/BOOT-INF/lib/dep-1.0.jar",
                CodeLocator.urlToPath("jar:file:/a/app.jar!/BOOT-INF/lib/dep-1.0.jar!/"));
        assertEquals("/a/my dir/x.jar", CodeLocator.urlToPath("file:/a/my%20dir/x.jar"));
    }

    @Test
    void libraryNames() {
        assertEquals("jackson-databind", CodeLocator.libraryName("/m2/jackson-databind-2.17.2.jar"));
        assertEquals("guava", CodeLocator.libraryName("/lib/guava-33.0.0-jre.jar"));
        assertEquals("classes", CodeLocator.libraryName("/app/target/classes"));
        assertEquals("dep", CodeLocator.libraryName("/a/app.jar!/BOOT-INF/lib/dep-1.0.jar"));
    }

    @Test
    void springBootNestedClassesAreApplicationAndNestedLibsAreNot() {
        CodeLocator l = new CodeLocator(name -> null);
        assertTrue(l.isApplicationRootForTest("/a/app.jar!/BOOT-INF/classes"));
        assertFalse(l.isApplicationRootForTest("/a/app.jar!/BOOT-INF/lib/dep-1.0.jar"));
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    @Test
    void aJdkToolRunAsTheProgramIsApplicationCodeInItsModule() {
        for (String command : new String[] {"com.sun.tools.javac.Main -d out A.java", "jdk.compiler/com.sun.tools.javac.Main A.java"}) {
            CodeLocator l = new CodeLocator(CodeLocatorTest::load, command);
            CodeLocation compiler = l.locate(new StackTraceElement(null, "jdk.compiler", "17",
                    "com.sun.tools.javac.main.JavaCompiler", "compile", "JavaCompiler.java", 1));
            assertTrue(compiler.isApplicationCode(), command + ": " + compiler);
            assertEquals("jrt:/jdk.compiler!/com/sun/tools/javac/main/JavaCompiler.java", compiler.path(),
                    "hide/show patterns match the module's path as before");
            assertFalse(l.locate(new StackTraceElement(null, "java.base", "17", "java.util.HashMap", "get",
                    "HashMap.java", 10)).isApplicationCode(), "the rest of the JDK stays library code");
        }
        assertFalse(locator.locate(new StackTraceElement(null, "jdk.compiler", "17", "com.sun.tools.javac.main.JavaCompiler",
                "compile", "JavaCompiler.java", 1)).isApplicationCode(), "a JDK module is library code otherwise");
    }

    @Test
    void aLibraryJarWhoseClassIsTheMainClassIsApplicationCode() {
        CodeLocator l = new CodeLocator(CodeLocatorTest::load, ObjectMapper.class.getName() + " --flag");
        assertTrue(l.locate(new StackTraceElement(ObjectMapper.class.getName(), "readTree", "ObjectMapper.java", 1))
                .isApplicationCode());
    }
}

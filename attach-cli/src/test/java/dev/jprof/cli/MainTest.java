package dev.jprof.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
    private static String[] split(String... args) {
        CommandLine run = new CommandLine(new RunCli("agent.jar", null, null));
        return Main.splitTargetCommand(run.getCommandSpec(), args);
    }

    @Test
    void javaCommandLineStartsAtTheFirstArgumentThatIsNotAJprofOption() {
        assertArrayEquals(new String[] {"-o", "x.html", "--", "-cp", "a:b", "com.acme.Main", "-o", "y"},
                split("-o", "x.html", "-cp", "a:b", "com.acme.Main", "-o", "y"));
        assertArrayEquals(new String[] {"--outfile=x", "-t", "--", "-jar", "app.jar", "--hide"},
                split("--outfile=x", "-t", "-jar", "app.jar", "--hide"));
        assertArrayEquals(new String[] {"-ofile", "--no-unicode", "--", "-ea", "-Xmx1g", "-Dk=v", "Main"},
                split("-ofile", "--no-unicode", "-ea", "-Xmx1g", "-Dk=v", "Main"));
        assertArrayEquals(new String[] {"-p", "a=b", "-p", "c=d", "--", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "Main"},
                split("-p", "a=b", "-p", "c=d", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "Main"));
        assertArrayEquals(new String[] {"-t", "--", "-t", "Main"}, split("-t", "--", "-t", "Main"));
        assertArrayEquals(new String[] {"--load", "a.jprof", "-r", "text"}, split("--load", "a.jprof", "-r", "text"));
        assertArrayEquals(new String[] {"--", "-version"}, split("-version"));
    }

    @Test
    void loadPrevTakesAnIdOnlyWhenOneFollows() {
        assertArrayEquals(new String[] {"--load-prev", "-r", "html"}, split("--load-prev", "-r", "html"));
        assertArrayEquals(new String[] {"--load-prev"}, split("--load-prev"));
        assertArrayEquals(new String[] {"--load-prev", "2026-12-02T01-36-55", "-t"}, split("--load-prev", "2026-12-02T01-36-55", "-t"));
    }

    @Test
    void demoRunsTheBuiltInProgramWithTheUsersOptions() {
        CommandLine run = new CommandLine(new RunCli("agent.jar", null, null));
        String[] args = DemoCommand.runArguments(run.getCommandSpec(), new String[] {"-o", "demo.html"});
        assertArrayEquals(new String[] {"-o", "demo.html", "--target-description", "jprof demo", "--", "-cp", Main.ownJar(),
                "dev.jprof.cli.demo.Demo"}, args);
        assertEquals("jprof demo takes jprof's options only (e.g. -o demo.html, -r speedscope); to profile your own"
                + " program: jprof [options] -jar app.jar", assertThrows(CliException.class,
                () -> DemoCommand.runArguments(run.getCommandSpec(), new String[] {"-t", "Main"})).getMessage());
    }

    @Test
    void printedCommandsNameTheLauncherAsItCanBeRun() {
        String saved = System.getProperty("jprof.launcher");
        try {
            System.clearProperty("jprof.launcher");
            assertEquals("jprof", Launcher.command());
            System.setProperty("jprof.launcher", "/home/u/jprof/bin/jprof");
            assertEquals("/home/u/jprof/bin/jprof", Launcher.command());
            System.setProperty("jprof.launcher", "/home/u/my tools/bin/jprof");
            assertEquals("'/home/u/my tools/bin/jprof'", Launcher.command());
        } finally {
            if (saved == null) {
                System.clearProperty("jprof.launcher");
            } else {
                System.setProperty("jprof.launcher", saved);
            }
        }
    }

    @Test
    void aMistypedLongOptionIsNotHandedToJava() {
        CliException e = assertThrows(CliException.class, () -> split("--outfle", "x", "Main"));
        assertEquals("unknown option '--outfle' (jprof --help lists them; java's options come after jprof's)", e.getMessage());
    }

    @Test
    void agentArgumentsEscapeCommasAndBackslashes() {
        assertEquals("hide=a\\,b,show_all,outfile=c:\\\\x",
                new AgentArgString().add("hide", "a,b").add("show_all", null).add("outfile", "c:\\x").toString());
    }

    @Test
    void mainClassOfAJavaCommandLine() {
        assertEquals("com.acme.Main", JvmList.mainOf(java.util.List.of("-cp", "a.jar", "-Xmx1g", "com.acme.Main", "x")));
        assertEquals("app.jar", JvmList.mainOf(java.util.List.of("-Dx=y", "-jar", "app.jar")));
        assertEquals("m/com.acme.Main", JvmList.mainOf(java.util.List.of("-p", "mods", "-m", "m/com.acme.Main")));
        assertEquals("", JvmList.mainOf(java.util.List.of("-version")));
    }

    @Test
    void browserCommandFromTheEnvironment() {
        java.nio.file.Path f = java.nio.file.Paths.get("/tmp/r.html");
        assertEquals(java.util.List.of("firefox", "--new-tab", "/tmp/r.html"),
                new Browser("firefox --new-tab:chromium", false).command(f));
        assertEquals(java.util.List.of("open", "--file=/tmp/r.html"), new Browser("open --file=%s", false).command(f));
        assertEquals(java.util.List.of(), new Browser(null, false).command(f));
    }
}

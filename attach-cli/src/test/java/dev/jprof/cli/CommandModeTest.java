package dev.jprof.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How {@code jprof [options] -- COMMAND} is told from run mode, and what it hands to the command's JVMs. */
class CommandModeTest {
    @TempDir
    Path dir;

    private static String[] split(String... args) {
        CommandLine run = new CommandLine(new RunCli("agent.jar", null, null));
        return Main.splitTargetCommand(run.getCommandSpec(), args);
    }

    private static boolean explicit(String... args) {
        return RunCli.endedExplicitly(args, split(args));
    }

    @Test
    void onlyAnExplicitDoubleDashCanStartACommand() {
        assertTrue(explicit("--", "mvn", "test"));
        assertTrue(explicit("-o", "p-%p.html", "--only", "org.*", "--", "mvn", "test"));
        assertTrue(explicit("-t", "--", "-t", "Main"));
        assertFalse(explicit("mvn", "test"), "without --, the first non-option starts a java command line");
        assertFalse(explicit("-cp", "x", "Main", "--", "a"), "a -- among the program's arguments is the program's");
        assertFalse(explicit("-o", "x", "-jar", "app.jar"));
    }

    @Test
    void aCommandIsAPathOrAnExecutableOnPath() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path tool = Files.writeString(bin.resolve("mytool"), "#!/bin/sh\n");
        assertTrue(tool.toFile().setExecutable(true));
        Files.writeString(bin.resolve("notes"), "not executable");
        String path = "/nonexistent:" + bin;
        assertTrue(CommandLauncher.isCommand("mytool", path));
        assertTrue(CommandLauncher.isCommand("./run.sh", path), "a class name never holds '/'");
        assertTrue(CommandLauncher.isCommand("/usr/bin/env", path));
        assertFalse(CommandLauncher.isCommand("notes", path), "not executable");
        assertFalse(CommandLauncher.isCommand("com.acme.Main", path), "a main class");
        assertFalse(CommandLauncher.isCommand("Main", path));
        assertFalse(CommandLauncher.isCommand("-cp", path), "java's options after -- stay run mode");
        assertFalse(CommandLauncher.isCommand("-jar", path));
        assertFalse(CommandLauncher.isCommand("mytool", null));
    }

    @Test
    void theAgentIsAppendedToJavaToolOptionsQuotedWhenThePathHasSpaces() {
        assertEquals("-javaagent:/opt/jprof.jar=@/tmp/j/agent.options",
                JavaToolOptions.withAgent(null, "/opt/jprof.jar", "/tmp/j/agent.options"));
        assertEquals("-Xmx1g -Dk=v -javaagent:/opt/jprof.jar=@/tmp/j/a",
                JavaToolOptions.withAgent(" -Xmx1g -Dk=v ", "/opt/jprof.jar", "/tmp/j/a"));
        assertEquals("\"-javaagent:/my tools/jprof.jar=@/tmp/x y/a\"",
                JavaToolOptions.withAgent("", "/my tools/jprof.jar", "/tmp/x y/a"));
        assertEquals("'-javaagent:/a\"b/jprof.jar=@/t/a'", JavaToolOptions.withAgent(null, "/a\"b/jprof.jar", "/t/a"));
        assertEquals("-javaagent:/o/jprof.jar=@/t/a\\,b", JavaToolOptions.withAgent(null, "/o/jprof.jar", "/t/a,b"),
                "a comma would end the @FILE argument");
        CliException e = assertThrows(CliException.class, () -> JavaToolOptions.quote("-javaagent:/a'b\"c/jprof.jar"));
        assertEquals(CliException.USAGE, e.status());
    }

    @Test
    void theOptionsFileHoldsOnePairALineUnescaped() {
        AgentArgString args = new AgentArgString().add("hide", "*/a,b/*").add("show_all", null).add("main", "org.*");
        assertEquals("# jprof -- COMMAND: agent options for every JVM the command starts\nhide=*/a,b/*\nshow_all\nmain=org.*\n",
                CommandLauncher.optionsFileText(args));
        assertThrows(CliException.class, () -> CommandLauncher.optionsFileText(new AgentArgString().add("hide", "a\nb")));
    }

    @Test
    void refusesWhatCannotWorkWithOneLine() {
        assertEquals("jprof: -o out.html: every JVM of the command writes its own report; put %p (the pid) in the name,"
                + " e.g. -o profile-%p.html", runErr("-o", "out.html", "--", "/bin/true"));
        assertEquals("jprof: --only picks the JVMs of a command: jprof --only GLOB -- COMMAND",
                runErr("--only", "x", "-cp", "a", "com.acme.Main"));
        assertEquals("jprof: cannot run /no/such/command: No such file or directory", runErr("--", "/no/such/command"));
        assertEquals("jprof: --java picks the java of a program jprof starts itself; with -- COMMAND the command"
                + " starts its own JVMs", runErr("--java", System.getProperty("java.home"), "--", "/bin/true"));
    }

    /** Runs the CLI in this JVM and returns its one line on stderr. */
    private String runErr(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        RunCli cli = new RunCli("agent.jar", null, null);
        CommandLine cmd = new CommandLine(cli);
        String[] split = split(args);
        cli.explicitEnd = RunCli.endedExplicitly(args, split);
        cmd.setExecutionExceptionHandler((e, c, r) -> {
            err.println("jprof: " + e.getMessage());
            return ((CliException) e).status();
        });
        assertEquals(CliException.USAGE, cmd.execute(split));
        return bytes.toString(StandardCharsets.UTF_8).strip();
    }
}

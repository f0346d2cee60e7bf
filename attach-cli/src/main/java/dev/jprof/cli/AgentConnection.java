package dev.jprof.cli;

import dev.jprof.agent.AttachCommand;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * Sends one command to the jprof agent in a running JVM by attaching the agent jar with
 * {@code command=...} (Byte Buddy Agent over the JDK's attach API). Loading an agent returns once
 * {@code agentmain} has returned, so the reply file the agent writes is complete when this reads it.
 */
final class AgentConnection {
    private final String agentJar;
    private final long pid;
    private final PrintStream err;
    private final Path workDir;
    private boolean warnedDynamicLoading;

    AgentConnection(String agentJar, long pid, PrintStream err) throws IOException {
        this.agentJar = agentJar;
        this.pid = pid;
        this.err = err;
        this.workDir = Files.createTempDirectory("jprof-attach-");
    }

    /** Checks that attaching is possible at all from this JVM and to that process. */
    static void checkCanAttach(long pid) {
        if (ModuleLayer.boot().findModule("jdk.attach").isEmpty()) {
            throw new CliException(CliException.FAILED, "this Java (" + System.getProperty("java.home")
                    + ") has no jdk.attach module, which attaching needs; run jprof with a full JDK (set JAVA_HOME)");
        }
        TargetJvm.check(pid);
    }

    /** A file in this connection's temporary directory, which the agent (same user) can write. */
    Path file(String name) {
        return workDir.resolve(name);
    }

    /**
     * Attaches with {@code command} plus {@code args} and returns the agent's reply.
     *
     * @throws CliException when the attach fails or the agent reports an error
     */
    Properties send(AttachCommand command, AgentArgString args) {
        Path reply = file("reply-" + command.word() + ".properties");
        AgentArgString all = new AgentArgString().add("command", command.word()).add("reply", reply.toString()).addAll(args);
        ProfileOptions.parse(all);
        try {
            Files.deleteIfExists(reply);
            ByteBuddyAgent.attach(new File(agentJar), Long.toString(pid), all.toString());
        } catch (IOException | RuntimeException e) {
            throw new CliException(CliException.FAILED, "could not attach to the JVM " + pid + ": " + explain(e));
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(reply)) {
            p.load(in);
        } catch (IOException e) {
            throw new CliException(CliException.FAILED, "the agent in " + pid + " did not reply to "
                    + command.word() + "; see the program's stderr");
        }
        if (command == AttachCommand.START && Boolean.parseBoolean(p.getProperty("dynamic_agent_warning")) && !warnedDynamicLoading) {
            warnedDynamicLoading = true;
            err.println("jprof: note: the JVM " + pid + " (Java " + p.getProperty("java_version")
                    + ") prints a warning that an agent was loaded dynamically; start it with"
                    + " -XX:+EnableDynamicAgentLoading to allow jprof attach without the warning");
        }
        if (!"ok".equals(p.getProperty("status"))) {
            throw new CliException(CliException.FAILED, "pid " + pid + ": " + p.getProperty("message", "the agent failed"));
        }
        return p;
    }

    void close() {
        try (var files = Files.list(workDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(workDir);
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }

    /** The innermost cause, in words: Byte Buddy wraps the attach API's exceptions. */
    private String explain(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String type = root.getClass().getSimpleName();
        String message = root.getMessage() == null ? type : root.getMessage();
        if (message.contains("does not support the attach mechanism") || message.contains("not responding")
                || message.contains("Unable to open socket file")) {
            return "the JVM does not accept attaches (started with -XX:+DisableAttachMechanism, or it runs as"
                    + " another user or in another container) - " + message;
        }
        if (type.equals("AgentLoadException") || type.equals("AgentInitializationException")) {
            return "the JVM could not load the jprof agent (" + message + "); see the program's stderr";
        }
        return message.equals(type) ? type : type + ": " + message;
    }
}

package dev.jprof.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code jprof} command. With no arguments it profiles the built-in demo; the full command line
 * (run, attach, load) is built on top of this.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0) {
            return runDemo();
        }
        System.err.println("jprof: this build only runs the demo (no arguments)");
        return 2;
    }

    private static int runDemo() {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add("-javaagent:" + agentJar() + "=target_description=jprof demo");
        command.add("-cp");
        command.add(ownJar());
        command.add("dev.jprof.cli.demo.Demo");
        try {
            Process p = new ProcessBuilder(command).inheritIO().start();
            return p.waitFor();
        } catch (IOException e) {
            System.err.println("jprof: could not start java: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    static String javaExecutable() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The agent jar: {@code -Djprof.agent.jar}, else the jar that holds the agent classes. */
    static String agentJar() {
        String configured = System.getProperty("jprof.agent.jar");
        if (configured != null && new File(configured).isFile()) {
            return configured;
        }
        return jarOf(dev.jprof.agent.Agent.class);
    }

    static String ownJar() {
        return jarOf(Main.class);
    }

    private static String jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the jar of " + type.getName(), e);
        }
    }
}

package dev.jprof.agent;

import dev.jprof.sampling.ThisProcess;
import dev.jprof.CodeLocator;
import dev.jprof.Recorder;
import dev.jprof.StackSourceChoice;
import dev.jprof.sampling.Clock;
import dev.jprof.sampling.PlatformStackSource;
import dev.jprof.sampling.StackSource;
import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code -javaagent} entry point: profiles the whole JVM from start-up and writes the report when the
 * JVM exits (a shutdown hook, so Ctrl-C and SIGTERM work). Never lets an error reach the application:
 * bad options print one message and the program runs on unprofiled.
 */
public final class Agent {
    private static final PrintStream ERR = System.err;
    private static AgentRun run;

    private Agent() {
    }

    /** Called by the JVM for {@code -javaagent:jprof.jar=ARGS}. */
    public static void premain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    /**
     * Called when the agent is attached to a running JVM. {@code jprof attach} attaches once per command
     * ({@code command=start|stop|dump|status}); the JVM loads the jar once, so each attach re-enters here.
     */
    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, true);
    }

    private static synchronized void start(String args, Instrumentation inst, boolean attached) {
        try {
            if (!attached && skippedByMainGlob(args)) {
                return;
            }
            AgentOptions options;
            try {
                options = AgentOptions.parse(args);
            } catch (OptionException e) {
                ERR.println("jprof: " + e.getMessage());
                ERR.println("jprof: the program runs without profiling; -javaagent:jprof.jar=help lists the options.");
                return;
            }
            if (options.helpRequested()) {
                ERR.print(AgentOptions.helpText());
                return;
            }
            if (options.command() != null) {
                if (!attached) {
                    ERR.println("jprof: command=" + options.command().word() + " is for jprof attach; ignoring it.");
                } else {
                    AttachControl.handle(options, () -> newRecorder(options, inst), run == null ? null : run.current());
                    return;
                }
            }
            if (run != null) {
                ERR.println("jprof: already profiling this JVM; ignoring the second start.");
                return;
            }
            String mainClass = MainClass.of(System.getProperty("sun.java.command", ""));
            AgentRun r = new AgentRun(options, () -> newRecorder(options, inst), ERR, mainClass,
                    () -> MainClass.started(mainClass, name -> isLoaded(inst, name)));
            if (r.begin(new java.util.Random())) {
                run = r;
            }
        } catch (Throwable t) {
            ERR.println("jprof: could not start profiling (" + t + "); the program runs without it.");
        }
    }

    /**
     * Whether {@code main=} leaves this JVM out; then it says so in the {@code report_log} and nothing else.
     * Decided from the raw pairs, before the options are parsed in full: that loads the renderers, which
     * would cost every left-out JVM of {@code jprof --only ... -- COMMAND} its start-up time.
     */
    private static boolean skippedByMainGlob(String args) {
        java.util.List<String> globs = new java.util.ArrayList<>();
        String reportLog = null;
        try {
            for (AgentArgs.Pair pair : AgentArgs.split(args)) {
                if (pair.key.equals("main") && pair.value != null) {
                    globs.add(pair.value);
                } else if (pair.key.equals("report_log")) {
                    reportLog = pair.value;
                }
            }
        } catch (OptionException e) {
            return false; // the full parse says what is wrong
        }
        String command = System.getProperty("sun.java.command", "");
        String shown = MainClass.shown(MainClass.of(command), command);
        if (MainClass.matches(globs, shown)) {
            return false;
        }
        ReportLog.append(reportLog, ReportLog.Event.SKIP, shown, "main=" + globs);
        return true;
    }

    private static Recorder newRecorder(AgentOptions options, Instrumentation inst) {
        String description = options.targetDescription() != null ? options.targetDescription() : describeTarget();
        CodeLocator locator = new CodeLocator(loadedClasses(inst));
        PlatformStackSource.useSafepointCounters(inst);
        StackSource source = new StackSourceChoice(options.asyncMode(), options.asyncModeSet(), options.stackWalk(),
                options.threadsPerTick(), options.virtualThreadsPerTick())
                .stackSource(options.stackSource(), options.interval(), Clock.system(), ERR).allThreads(inst, Clock.system(), ERR);
        return new Recorder(source, Clock.system(), options.interval(), locator::locate, description, Integer.MAX_VALUE)
                .asyncMode(options.asyncMode()).maxOverhead(options.maxOverhead()).maxMemory(options.maxMemory());
    }

    /** The report header's "Program": the command line, with the main class when it hides it (-jar), and the pid. */
    private static String describeTarget() {
        String command = System.getProperty("sun.java.command", "");
        return MainClass.describe(command, MainClass.of(command), ThisProcess.pid());
    }

    private static boolean isLoaded(Instrumentation inst, String name) {
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Finds loaded classes by name, scanning the JVM's loaded classes once, when first asked. */
    private static java.util.function.Function<String, Class<?>> loadedClasses(Instrumentation inst) {
        Map<String, Class<?>>[] index = new Map[1];
        return name -> {
            if (index[0] == null) {
                Map<String, Class<?>> m = new HashMap<>();
                for (Class<?> c : inst.getAllLoadedClasses()) {
                    m.putIfAbsent(c.getName(), c);
                }
                index[0] = m;
            }
            Class<?> c = index[0].get(name);
            if (c == null) {
                try {
                    c = Class.forName(name, false, ClassLoader.getSystemClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    return null;
                }
            }
            return c;
        };
    }
}

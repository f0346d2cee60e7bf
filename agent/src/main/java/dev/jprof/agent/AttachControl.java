package dev.jprof.agent;

import dev.jprof.Recorder;
import dev.jprof.Session;
import dev.jprof.agent.push.PushConfig;
import dev.jprof.agent.push.Pusher;
import dev.jprof.renderers.Renderer;
import dev.jprof.renderers.Renderers;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Runs the commands {@code jprof attach} sends each time it attaches ({@code command=start|stop|dump|status}).
 * The JVM loads an agent jar once, so repeated attaches re-enter the same classes and this state: one
 * attach-started profile at a time. The result goes to the {@code reply} file the CLI chose (a
 * properties file: {@code status=ok|error}, {@code message}, and facts about the profile), because an
 * attached agent has no other channel back; the report itself goes to {@code outfile}.
 */
final class AttachControl {
    private static Recorder recorder;
    private static long startedMillis;
    private static Pusher pusher;

    private AttachControl() {
    }

    /**
     * @param options          parsed options with a command
     * @param newRecorder      creates a recorder for {@code start}
     * @param premain          the recorder of {@code -javaagent} profiling this JVM from start-up, or null;
     *                         {@code dump} and {@code status} read it, its report is written at exit
     */
    static synchronized void handle(AgentOptions options, Supplier<Recorder> newRecorder, Recorder premain) {
        Properties reply = new Properties();
        reply.setProperty("java_version", System.getProperty("java.version", ""));
        reply.setProperty("dynamic_agent_warning", Boolean.toString(dynamicAgentWarning()));
        try {
            String message = run(options, newRecorder, premain, reply);
            reply.setProperty("status", "ok");
            reply.setProperty("message", message);
        } catch (CommandException e) {
            reply.setProperty("status", "error");
            reply.setProperty("message", e.getMessage());
        } catch (Throwable t) {
            reply.setProperty("status", "error");
            reply.setProperty("message", "the agent failed: " + t);
        }
        reply.setProperty("running", Boolean.toString(recorder != null));
        writeReply(options.reply(), reply);
    }

    private static String run(AgentOptions options, Supplier<Recorder> newRecorder, Recorder premain,
                              Properties reply) throws IOException {
        boolean premainProfiling = premain != null;
        switch (options.command()) {
            case START:
                if (premainProfiling) {
                    throw new CommandException("this JVM is already profiled from start-up by -javaagent:jprof.jar;"
                            + " its report is written when it exits");
                }
                if (recorder != null) {
                    throw new CommandException("already profiling this JVM (for " + secondsSince(startedMillis)
                            + " s); use dump, stop or status");
                }
                Recorder started = newRecorder.get();
                started.start();
                recorder = started;
                startedMillis = System.currentTimeMillis();
                if (options.duration() != null) {
                    stopAfter(started, options);
                    return "profiling started for " + options.duration().toMillis() / 1000.0 + " s";
                }
                return "profiling started";
            case DUMP:
            case STOP: {
                if (recorder == null && premainProfiling) {
                    if (options.command() == AttachCommand.STOP) {
                        throw new CommandException("this JVM is profiled from start-up by -javaagent:jprof.jar; that"
                                + " profile stops when the JVM exits (dump shows it so far)");
                    }
                    Session session = premain.snapshot();
                    describe(session, reply);
                    write(session, options);
                    return "report of the start-up profile written, still profiling";
                }
                Recorder r = requireRunning(options.command());
                if (options.command() == AttachCommand.STOP) {
                    r.stop();
                    recorder = null;
                }
                Session session = r.snapshot();
                describe(session, reply);
                write(session, options);
                return options.command() == AttachCommand.STOP ? "profiling stopped" : "report written, still profiling";
            }
            case STATUS:
            default:
                if (recorder == null) {
                    if (premainProfiling) {
                        describe(premain.snapshot(), reply);
                        return "profiled from start-up by -javaagent:jprof.jar";
                    }
                    return "not profiling";
                }
                describe(recorder.snapshot(), reply);
                return "profiling";
        }
    }

    /**
     * {@code jprof attach PID --duration D}: the profile stops itself and its session appears at the outfile
     * (whole: written aside, then moved), so the CLI loads the agent once. Each load of an agent makes a JDK
     * 21+ target print its dynamic-agent warning again; a second attach to stop printed it twice.
     */
    private static void stopAfter(Recorder started, AgentOptions options) {
        if (options.outfile() == null) {
            throw new CommandException("start with a duration needs an outfile to write the report to");
        }
        long millis = options.duration().toMillis();
        Thread timer = new Thread(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (AttachControl.class) {
                if (recorder != started) {
                    return; // stopped by an attach meanwhile
                }
                started.stop();
                recorder = null;
                Path target = Paths.get(options.outfile());
                Path part = target.resolveSibling(target.getFileName() + ".part");
                try {
                    write(started.snapshot(), options, part);
                    Files.move(part, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException | RuntimeException e) {
                    System.err.println("jprof: could not write the report to " + target + ": " + e.getMessage());
                }
            }
        }, "jprof-attach-duration");
        timer.setDaemon(true);
        timer.start();
    }

    private static Recorder requireRunning(AttachCommand command) {
        if (recorder == null) {
            throw new CommandException("not profiling this JVM; nothing to " + command.word()
                    + " (start a profile with: jprof attach PID start)");
        }
        return recorder;
    }

    private static void describe(Session session, Properties reply) {
        reply.setProperty("samples", Long.toString(session.sampleCount()));
        reply.setProperty("duration", String.format(java.util.Locale.ROOT, "%.3f", session.duration()));
        reply.setProperty("interval", String.format(java.util.Locale.ROOT, "%.6f", session.interval()));
    }

    private static void write(Session session, AgentOptions options) throws IOException {
        if (options.push() != null) {
            pusher(options).offer(session);
            if (options.outfile() == null) {
                return;
            }
        }
        if (options.outfile() == null) {
            throw new CommandException(options.command().word() + " needs an outfile to write the report to");
        }
        write(session, options, Paths.get(options.outfile()));
    }

    private static void write(Session session, AgentOptions options, Path target) throws IOException {
        Renderer renderer = Renderers.create(options.renderer(), options.renderOptions(), false);
        OwnerOnlyFiles.write(target, renderer.renderBytes(session));
    }

    /** One pusher for all attach dumps to the same server; a dump naming another server replaces it. */
    private static Pusher pusher(AgentOptions options) {
        if (pusher == null || !pusher.server().equals(options.push())) {
            if (pusher != null) {
                pusher.close();
            }
            pusher = new Pusher(new PushConfig(options.push(), options.appName() != null ? options.appName()
                    : String.valueOf(MainClass.of(System.getProperty("sun.java.command"))), options.labels(),
                    System::getenv), System.err);
        }
        return pusher;
    }

    private static void writeReply(String file, Properties reply) {
        if (file == null) {
            System.err.println("jprof: " + reply.getProperty("message"));
            return;
        }
        try (OutputStream out = Files.newOutputStream(Paths.get(file))) {
            reply.store(out, "jprof attach reply");
        } catch (IOException | RuntimeException e) {
            System.err.println("jprof: could not write the attach reply to " + file + " (" + e + "): "
                    + reply.getProperty("message"));
        }
    }

    private static String secondsSince(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f", (System.currentTimeMillis() - millis) / 1000.0);
    }

    /**
     * True when this JDK (21+) prints its "agent loaded dynamically" warning: dynamic loading was not
     * explicitly allowed with {@code -XX:+EnableDynamicAgentLoading}.
     */
    private static boolean dynamicAgentWarning() {
        if (Runtime.version().feature() < 21) {
            return false;
        }
        try {
            com.sun.management.VMOption option = ManagementFactory.getPlatformMXBean(
                    com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption("EnableDynamicAgentLoading");
            return option.getOrigin() == com.sun.management.VMOption.Origin.DEFAULT || !Boolean.parseBoolean(option.getValue());
        } catch (Throwable t) {
            return true;
        }
    }

    /** A command cannot be carried out; the message goes to the CLI as is. */
    private static final class CommandException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CommandException(String message) {
            super(message);
        }
    }
}

package dev.jprof.cli;

import dev.jprof.agent.AgentOptions;
import dev.jprof.agent.ReportLog;
import dev.jprof.agent.ReportLog.Entry;
import dev.jprof.agent.ReportLog.Event;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What became of each JVM of {@code jprof -- COMMAND}, read from the agents' {@link ReportLog}. Without
 * an outfile the agents save sessions into jprof's directory and this class shows each as its JVM exits,
 * on jprof's own stderr: a JVM's own stderr may not reach the terminal (a Gradle daemon's goes to its log
 * file) or may be relayed line by line among other output. At the end it lists every JVM with where its
 * report went.
 */
final class CommandReports {
    private final Path log;
    private final ReportOutput output;
    private final AgentOptions render;
    private final boolean jprofRenders;
    private final PrintStream err;
    /** The last entry per pid, in the order the JVMs first appeared. */
    private final Map<Long, Entry> last = new LinkedHashMap<>();
    private final List<Entry> skipped = new ArrayList<>();
    private int linesSeen;

    /**
     * @param jprofRenders true when the agents save sessions for jprof to render (no outfile)
     */
    CommandReports(Path log, ReportOutput output, AgentOptions render, boolean jprofRenders, PrintStream err) {
        this.log = log;
        this.output = output;
        this.render = render;
        this.jprofRenders = jprofRenders;
        this.err = err;
    }

    /** Reads the lines added since the last call and shows the sessions that arrived with them. */
    synchronized void poll() {
        List<Entry> entries;
        try {
            entries = ReportLog.read(log);
        } catch (IOException e) {
            return; // read again at the next poll; the summary says what is missing
        }
        for (Entry e : entries.subList(Math.min(linesSeen, entries.size()), entries.size())) {
            if (e.event == Event.SKIP) {
                skipped.add(e);
                continue;
            }
            last.put(e.pid, e);
            if (e.event == Event.REPORT && jprofRenders) {
                show(Path.of(e.where));
            }
        }
        linesSeen = entries.size();
    }

    private void show(Path sessionFile) {
        try {
            output.write(SessionFiles.load(sessionFile), render, true);
            Files.deleteIfExists(sessionFile);
        } catch (IOException | CliException e) {
            err.println("jprof: could not show " + sessionFile + ": " + e.getMessage());
        }
    }

    /**
     * After the command: waits (within {@code limit}) for JVMs that are still writing their reports, so a
     * JVM that exits together with the command is not listed as running.
     */
    void awaitExiting(Duration limit) {
        poll();
        long deadline = System.nanoTime() + limit.toNanos();
        for (Entry e : snapshot()) {
            if (e.event == Event.EXIT) {
                ProcessHandle.of(e.pid).ifPresent(p -> waitFor(p, deadline - System.nanoTime()));
            }
        }
        poll();
    }

    private static void waitFor(ProcessHandle p, long nanos) {
        try {
            p.onExit().get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // listed as still running
        }
    }

    private synchronized List<Entry> snapshot() {
        return new ArrayList<>(last.values());
    }

    /** True when some profiled JVM is still running, so its report will arrive after jprof has gone. */
    synchronized boolean someStillRunning() {
        return last.values().stream().anyMatch(e -> (e.event == Event.START || e.event == Event.EXIT)
                && ProcessHandle.of(e.pid).map(ProcessHandle::isAlive).orElse(false));
    }

    /** One line per JVM: where its report went, or why there is none. */
    synchronized void summary(List<String> onlyGlobs) {
        if (last.isEmpty() && skipped.isEmpty()) {
            err.println("jprof: the command started no JVM (or did not pass JAVA_TOOL_OPTIONS on to them)");
            return;
        }
        if (!last.isEmpty()) {
            err.println("jprof: " + count(last.size()) + " profiled:");
        }
        for (Entry e : last.values()) {
            err.println("jprof:   pid " + e.pid + " " + e.main + ": " + describe(e));
        }
        if (!skipped.isEmpty()) {
            StringBuilder names = new StringBuilder();
            for (Entry e : skipped) {
                names.append(names.length() == 0 ? "" : ", ").append(e.main).append(" (pid ").append(e.pid).append(')');
            }
            err.println("jprof: " + count(skipped.size()) + " not matching --only " + String.join(" ", onlyGlobs)
                    + ", not profiled: " + names);
        } else if (last.isEmpty()) {
            err.println("jprof: no JVM matched --only " + String.join(" ", onlyGlobs));
        }
    }

    private String describe(Entry e) {
        boolean alive = ProcessHandle.of(e.pid).map(ProcessHandle::isAlive).orElse(false);
        switch (e.event) {
            case REPORT:
                return jprofRenders ? "report above" : e.where;
            case NONE:
                return "no report (" + e.where + ")";
            default:
                if (!alive) {
                    return "ended without a report (killed?)";
                }
                String file = e.where.replace("%p", Long.toString(e.pid));
                String later = jprofRenders ? "its session is saved to " + file + " when it exits (then: jprof --load "
                        + file + ")" : "its report is written to " + file + " when it exits";
                return "still running (a daemon?): " + later + ", or now with: jprof attach " + e.pid + " dump";
        }
    }

    private static String count(int n) {
        return n == 1 ? "1 JVM" : n + " JVMs";
    }
}

package dev.jprof.it.support;

import dev.jprof.tree.Frame;
import dev.jprof.Session;
import dev.jprof.it.programs.TaskPhases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs {@link TaskPhases} under the agent and sets the profile's shares of task time (wait to start, the
 * three phases) against what the tasks measured of themselves.
 */
public final class TaskPhasesTruth {
    /** The phases in the order of the program's TRUTH line. */
    public static final List<String> PHASES = List.of("start", "short", "long", "sleep");
    private static final String[] METHODS = {null, "TaskPhases.shortCpu", "TaskPhases.longCpu", "TaskPhases.sleepPhase"};

    /** Measured and profiled shares, per phase, of one run. */
    public final double[] measured = new double[4];
    public final double[] profiled = new double[4];
    public final long samples;
    public final String header;

    private TaskPhasesTruth(double[] truthNanos, double[] profileSeconds, long samples, String header) {
        double truth = sum(truthNanos);
        double profile = sum(profileSeconds);
        for (int i = 0; i < 4; i++) {
            measured[i] = truthNanos[i] / truth;
            profiled[i] = profile == 0 ? 0 : profileSeconds[i] / profile;
        }
        this.samples = samples;
        this.header = header;
    }

    /** Profiled minus measured share of a phase, in percentage points. */
    public double errorPoints(int phase) {
        return 100 * (profiled[phase] - measured[phase]);
    }

    /** The largest error of the four, in percentage points (absolute). */
    public double worstPoints() {
        double worst = 0;
        for (int i = 0; i < 4; i++) {
            worst = Math.max(worst, Math.abs(errorPoints(i)));
        }
        return worst;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            b.append(String.format(Locale.ROOT, "%s profile %.3f measured %.3f; ", PHASES.get(i), profiled[i], measured[i]));
        }
        return b.append(samples).append(" samples").toString();
    }

    /**
     * Runs the program on {@code jvm} with the agent (at defaults but for the output file) and {@code jvmOptions}.
     *
     * @param programArgs {@code virtual|platform inFlight tasks shortMicros longMicros sleepMicros}
     */
    public static TaskPhasesTruth run(Jvm jvm, Path tmp, List<String> jvmOptions, String... programArgs) throws Exception {
        // -Djprof.truth.agent.jar=... measures another build (e.g. the one before issue 13) with the same programs.
        return runWith(jvm, tmp, jvmOptions, System.getProperty("jprof.truth.agent.jar", Jvm.agentJar()), programArgs);
    }

    /** As {@link #run(Jvm, Path, List, String...)} with the agent jar given. */
    public static TaskPhasesTruth runWith(Jvm jvm, Path tmp, List<String> jvmOptions, String agentJar, String... programArgs)
            throws Exception {
        Path out = tmp.resolve("phases-" + System.nanoTime() + ".jprof");
        Jvm.Result r = launch(jvm, tmp, jvmOptions, "-javaagent:" + agentJar + "=outfile=" + out, programArgs);
        Session session = Session.load(out);
        boolean virtual = programArgs[0].equals("virtual");
        double[] profile = new double[4];
        for (Frame t : Trees.aggregated(session).children()) {
            if (t.kind() != Frame.Kind.THREAD || t.isVirtualThread() != virtual) {
                continue;
            }
            if (virtual) {
                profile[0] += startWait(t);
            }
            for (int i = 1; i < 4; i++) {
                profile[i] += Trees.timeIn(t, METHODS[i]);
            }
        }
        return new TaskPhasesTruth(truth(r.stdout), profile, session.sampleCount(),
                r.stderr.lines().filter(l -> l.contains("Threads:")).findFirst().orElse(""));
    }

    /**
     * The same program under async-profiler in wall mode at 10 ms ({@code libasyncProfiler.so} given), read from
     * its collapsed output: samples per phase method. It sees virtual threads only while they are mounted.
     */
    public static TaskPhasesTruth runAsyncProfiler(Jvm jvm, Path tmp, List<String> jvmOptions, Path library,
                                                   String... programArgs) throws Exception {
        Path out = tmp.resolve("phases-" + System.nanoTime() + ".collapsed");
        Jvm.Result r = launch(jvm, tmp, jvmOptions, "-agentpath:" + library + "=start,event=wall,interval=10ms,file="
                + out + ",collapsed", programArgs);
        double[] profile = new double[4];
        long samples = 0;
        for (String line : java.nio.file.Files.readAllLines(out)) {
            long n = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1).trim());
            samples += n;
            for (int i = 1; i < 4; i++) {
                if (line.contains(METHODS[i])) { // frames read dev/jprof/it/programs/TaskPhases.shortCpu
                    profile[i] += n;
                    break;
                }
            }
        }
        return new TaskPhasesTruth(truth(r.stdout), profile, samples, "");
    }

    private static Jvm.Result launch(Jvm jvm, Path tmp, List<String> jvmOptions, String profiler, String... programArgs)
            throws Exception {
        List<String> options = new ArrayList<>(jvmOptions);
        options.add(profiler);
        options.add("-cp");
        options.add(Jvm.testClasses());
        options.add(TaskPhases.class.getName());
        options.addAll(List.of(programArgs));
        Jvm.Result r = Jvm.run(jvm.command(options.toArray(new String[0])), tmp, 300);
        if (r.exitCode != 0 || !r.stdout.contains("task phases done")) {
            throw new AssertionError(r.toString());
        }
        return r;
    }

    /**
     * Time a virtual thread spent before its first frame: a wait for a carrier, whatever the version of
     * the agent named it (older ones said [await] or [out-of-context]).
     */
    private static double startWait(Frame thread) {
        double t = 0;
        for (Frame c : thread.children()) {
            if (c.kind() == Frame.Kind.SYNTHETIC && !c.identifier().equals(Frame.SELF_TIME)) {
                t += c.time();
            }
        }
        return t;
    }

    private static double[] truth(String stdout) {
        String line = stdout.lines().filter(l -> l.startsWith("TRUTH ")).findFirst()
                .orElseThrow(() -> new AssertionError("no TRUTH line in " + stdout));
        String[] parts = line.substring(6).split(" ");
        double[] ns = new double[4];
        for (int i = 0; i < 4; i++) {
            ns[i] = Double.parseDouble(parts[i].substring(parts[i].indexOf('=') + 1));
        }
        return ns;
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }
}

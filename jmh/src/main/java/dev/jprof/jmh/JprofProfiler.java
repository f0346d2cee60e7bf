package dev.jprof.jmh;

import dev.jprof.Profiler;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.TextResult;
import org.openjdk.jmh.runner.IterationType;

/**
 * A JMH profiler: {@code -prof dev.jprof.jmh.JprofProfiler[:interval=1ms;dir=DIR;renderer=html;showAll=true]}
 * ({@code :help} lists the options). It samples the benchmark's worker threads ({@code *-jmh-worker-N}, the
 * threads JMH's default executor runs benchmark methods on) during the measurement iterations only, so
 * warm-up and JMH's own threads stay out of the profile; after the last measurement iteration it prints
 * the call tree as the benchmark's result and writes a report (HTML by default) and a session file per
 * benchmark. Worker threads of {@code -Djmh.executor=FJP} or virtual threads are not recognised.
 */
public final class JprofProfiler implements InternalProfiler {
    /** JMH's worker threads, named {@code <benchmark>-jmh-worker-<n>} by its default executor. */
    static final Predicate<Thread> BENCHMARK_THREADS = t -> t.getName().contains("-jmh-worker-");

    private final JmhOptions options;
    private Profiler profiler;
    private int measured;

    /** With the default options. */
    public JprofProfiler() throws ProfilerException {
        this("");
    }

    /**
     * @param initLine the options after {@code JprofProfiler:}, as JMH passes them
     * @throws ProfilerException when an option is wrong or {@code help} is asked for (JMH prints the message)
     */
    public JprofProfiler(String initLine) throws ProfilerException {
        options = JmhOptions.parse(initLine);
    }

    @Override
    public String getDescription() {
        return "jprof: wall-clock call tree of the benchmark threads in measurement iterations"
                + " (options: interval, dir, renderer, showAll; help lists them)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        if (iterationParams.getType() != IterationType.MEASUREMENT) {
            return;
        }
        if (profiler == null) {
            profiler = Profiler.builder().interval(options.interval).threads(BENCHMARK_THREADS)
                    .targetDescription(benchmarkParams.getBenchmark()).build();
            measured = 0;
        }
        profiler.start();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        if (iterationParams.getType() != IterationType.MEASUREMENT || profiler == null || !profiler.isRunning()) {
            return List.of();
        }
        profiler.stop();
        if (++measured < iterationParams.getCount()) {
            return List.of();
        }
        Profiler done = profiler;
        profiler = null;
        return List.of(new TextResult(BenchmarkReport.write(done, options, BenchmarkReport.baseName(benchmarkParams)),
                "jprof"));
    }
}

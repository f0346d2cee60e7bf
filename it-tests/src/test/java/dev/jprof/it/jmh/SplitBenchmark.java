package dev.jprof.it.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * A benchmark whose measured time is split 3:1 by construction between {@link #threeQuarters} and
 * {@link #oneQuarter} (data-dependent xorshift chains of 3 and 1 units), and which in warm-up iterations
 * runs {@link #warmUpOnly} instead. Each worker times its own phases; at the end of the trial it appends
 * {@code warmUpCalls threeQuartersNanos oneQuarterNanos} (measurement iterations only) to the file named by
 * the system property {@code jprof.truth}.
 */
public class SplitBenchmark {
    static final long UNIT = 400_000;

    @State(Scope.Thread)
    public static class Phases {
        long seed = 88172645463325252L;
        boolean warmUp;
        long warmUpCalls;
        long threeQuartersNanos;
        long oneQuarterNanos;

        @Setup(Level.Iteration)
        public void iteration(IterationParams params) {
            warmUp = params.getType() == IterationType.WARMUP;
        }

        @TearDown(Level.Trial)
        public void writeTruth() {
            String line = warmUpCalls + " " + threeQuartersNanos + " " + oneQuarterNanos + "\n";
            try {
                Files.writeString(Path.of(System.getProperty("jprof.truth")), line,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Benchmark
    public long split(Phases s) {
        if (s.warmUp) {
            s.warmUpCalls++;
            return s.seed = warmUpOnly(s.seed);
        }
        long t0 = System.nanoTime();
        long x = threeQuarters(s.seed);
        long t1 = System.nanoTime();
        x = oneQuarter(x);
        long t2 = System.nanoTime();
        s.threeQuartersNanos += t1 - t0;
        s.oneQuarterNanos += t2 - t1;
        return s.seed = x;
    }

    static long threeQuarters(long x) {
        return xorshift(x, 3 * UNIT);
    }

    static long oneQuarter(long x) {
        return xorshift(x, UNIT);
    }

    static long warmUpOnly(long x) {
        return xorshift(x, 4 * UNIT);
    }

    private static long xorshift(long x, long steps) {
        for (long i = 0; i < steps; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }
}

package dev.jprof.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: {@code Profiler.start()} returns once the sampler is sampling and 1 ms ticks are kept, so a
 * 1 ms profile of a 40 ms block holds at least 80% of the samples it could (the block's own measured
 * length over the interval). Nine profiles in one fresh JVM, the first of them cold; the median counts,
 * so that the cold ones do not decide: while the JIT compiles the block and jprof's own code, its compiler
 * threads hold both CPUs of a 2-core machine and a JDK 17 tick waits 1-3 ms for its VM thread or itself to
 * get one (tick log and {@code -Xlog:safepoint}; the first profile kept 16-36 of 40 samples, the later ones
 * 33-40). CI's machine is harsher than the development one: seven profiles there gave
 * [0.625, 0.625, 0.725, 0.9, 0.85, 0.95, 0.65]. Needs a machine of its own: on a 2-core machine shared by
 * several builds the sampler thread waits for a CPU most of the time.
 */
class ShortBlockDensityIT {
    private static final Pattern LINE = Pattern.compile("block (\\d+) samples (\\d+)");
    private static final int PROFILES = 9;

    @Test
    void aOneMillisecondProfileOfAFortyMillisecondBlockKeepsItsTicksOnJdk25() throws Exception {
        check(Jvm.Jdk.JDK25);
    }

    /**
     * Every JDK 17 tick is a safepoint; what kept this case opt-in was the first real tick finding HotSpot's
     * safepoint counters (7-18 ms of a 40 ms block), which the sampler no longer does with its governor off.
     */
    @Test
    void aOneMillisecondProfileOfAFortyMillisecondBlockKeepsItsTicksOnJdk17() throws Exception {
        check(Jvm.Jdk.JDK17);
    }

    private static void check(Jvm.Jdk jdk) throws Exception {
        Jvm.Result r = Jvm.run(jdk, ShortBlockTarget.class, Integer.toString(PROFILES));
        assertEquals(0, r.exitCode(), r.stderr());
        List<Double> shares = new ArrayList<>();
        Matcher m = LINE.matcher(r.stdout());
        while (m.find()) {
            double could = Math.floor(Long.parseLong(m.group(1)) / 1e6);
            shares.add(Long.parseLong(m.group(2)) / could);
        }
        assertEquals(PROFILES, shares.size(), r.stdout());
        List<Double> sorted = new ArrayList<>(shares);
        Collections.sort(sorted);
        double median = sorted.get(PROFILES / 2);
        System.out.println(jdk + " 1 ms profiles of a 40 ms block, share of the samples it could hold: " + shares);
        assertTrue(median >= 0.8, jdk + ": median share " + median + " of " + shares + "\n" + r.stdout());
    }
}

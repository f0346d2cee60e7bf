package dev.jprof.sampling;

/**
 * Where running threads' stacks come from: the {@code stack_source} option. Waiting threads are always
 * covered by jprof's own cheap checks and walks.
 */
public enum StackSourceKind {
    /**
     * {@link #JFR} on the JDKs where it measured better than walks, else {@link #WALK}: so far none (issue 16,
     * docs/PERFORMANCE.md "Engine 2": starting an in-process recording costs 0.8-1.4 s of CPU, mostly the JIT and
     * class loading of jdk.jfr: a 2.3 s four-thread run cost +27-28% (JDK 25) and +47-54% (JDK 17) under JFR
     * against +5-11% with walks; and walks now take as many samples, 99-100 a second for a busy thread).
     */
    AUTO("auto"),
    /** The JVM's own execution sampler (JFR), joined to jprof's wall-clock ticks; walks where it has no stack. */
    JFR("jfr"),
    /** jprof's walks alone (safepoint or handshake, see {@link StackWalk}). */
    WALK("walk");

    /**
     * The first JDK on which {@link #AUTO} uses JFR: none yet (measured on 17 and 25, docs/PERFORMANCE.md
     * "Engine 2"); lower it where a measurement shows JFR's start-up paid back.
     */
    static final int AUTO_JFR_FROM_JDK = Integer.MAX_VALUE;

    private final String option;

    StackSourceKind(String option) {
        this.option = option;
    }

    /** The option value, e.g. {@code jfr}. */
    public String option() {
        return option;
    }

    /** Parses an option value; throws naming the valid ones. */
    public static StackSourceKind parse(String value) {
        for (StackSourceKind k : values()) {
            if (k.option.equals(value)) {
                return k;
            }
        }
        throw new IllegalArgumentException("stack_source must be auto, jfr or walk, got '" + value + "'");
    }

    /** Whether running threads' stacks come from JFR on a JDK of this feature version. */
    public boolean usesJfr(int jdkFeature) {
        return this == JFR || this == AUTO && jdkFeature >= AUTO_JFR_FROM_JDK;
    }

    /** Whether running threads' stacks come from JFR on the running JDK. */
    public boolean usesJfr() {
        return usesJfr(Runtime.version().feature());
    }
}

package dev.jprof.sampling;

/**
 * How busy platform threads' stacks are taken: the {@code stack_walk} option, from the option text to the
 * {@link PlatformStackSource} it builds.
 */
public enum StackWalk {
    /** The running JDK's default (handshakes from JDK 21 on), switching to one safepoint when crowded. */
    AUTO("auto"),
    /** One batched safepoint per tick ({@code ThreadMXBean.getThreadInfo}). */
    SAFEPOINT("safepoint"),
    /** One handshake per thread ({@code Thread.getStackTrace()}). */
    HANDSHAKE("handshake");

    private final String option;

    StackWalk(String option) {
        this.option = option;
    }

    /** The option value, e.g. {@code safepoint}. */
    public String option() {
        return option;
    }

    /** Parses an option value; throws naming the valid ones. */
    public static StackWalk parse(String value) {
        for (StackWalk w : values()) {
            if (w.option.equals(value)) {
                return w;
            }
        }
        throw new IllegalArgumentException("stack_walk must be auto, safepoint or handshake, got '" + value + "'");
    }

    /** Whether stacks are walked by per-thread handshakes; for {@link #AUTO}, the running JDK's default. */
    public boolean handshakes() {
        return this == AUTO ? PlatformStackSource.defaultHandshakes() : this == HANDSHAKE;
    }

    /**
     * The platform-thread source this choice stands for.
     *
     * @param selector       which threads
     * @param rewalksPerTick most threads walked again per tick
     */
    public PlatformStackSource platformSource(ThreadSelector selector, int rewalksPerTick) {
        PlatformStackSource source = this == AUTO
                ? PlatformStackSource.adaptive(selector, PlatformStackSource.DEFAULT_MAX_DEPTH)
                : new PlatformStackSource(selector, this == HANDSHAKE, PlatformStackSource.DEFAULT_MAX_DEPTH);
        return source.rewalksPerTick(rewalksPerTick);
    }
}

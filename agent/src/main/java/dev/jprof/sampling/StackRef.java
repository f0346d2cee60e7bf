package dev.jprof.sampling;

/**
 * A stack as the sampler hands it to {@link SampleStore#record}: its id in the {@link StackTable} and
 * whether it was cut short to a known prefix because the tables were full. Packed in a {@code long} so the
 * per-sample path allocates nothing; the store counts a cut stack's samples ({@link SampleStore#shallowerSamples()}).
 */
final class StackRef {
    private static final long SHALLOW = 1L << 32;

    private StackRef() {
    }

    /** A reference to stack {@code stackId}, cut short or not. */
    static long of(int stackId, boolean shallow) {
        return shallow ? SHALLOW | stackId : stackId;
    }

    /** The id in the stack table. */
    static int id(long ref) {
        return (int) ref;
    }

    /** Whether the stack was cut short: it is shallower than the one sampled. */
    static boolean shallow(long ref) {
        return (ref & SHALLOW) != 0;
    }
}

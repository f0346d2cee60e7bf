package dev.jprof;

/**
 * A block of code to profile that may throw a checked exception, for {@link Profiler#profile(ThrowingRunnable)}.
 * A lambda that throws no checked exception infers {@code E} as {@link RuntimeException}, so callers need no
 * {@code try}.
 *
 * @param <E> the checked exception the block may throw
 */
@FunctionalInterface
public interface ThrowingRunnable<E extends Exception> {
    /**
     * Runs the block.
     *
     * @throws E whatever the block throws
     */
    void run() throws E;
}

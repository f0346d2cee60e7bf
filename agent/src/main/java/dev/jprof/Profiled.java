package dev.jprof;

/**
 * What {@link Profiler#profile(java.util.concurrent.Callable)} returns: the value the profiled code computed
 * and the session recorded while it ran.
 *
 * @param <T>     the type of the result
 * @param result  the value returned by the profiled code
 * @param session the profile of the call
 */
public record Profiled<T>(T result, Session session) {
}

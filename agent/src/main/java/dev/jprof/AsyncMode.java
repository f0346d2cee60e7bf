package dev.jprof;

import java.util.Locale;

/**
 * How a {@link Profiler} treats asynchronous code: pyinstrument's {@code async_mode}, mapped to the JVM
 * (virtual threads, {@code CompletableFuture} and {@code Future} waits).
 *
 * <p>The mode is recorded in the session, so {@link Session#rootFrame()} folds waits the same way whoever
 * renders it later. The agent samples virtual threads themselves on JDK 21+ unless the mode is
 * {@link #DISABLED}; the {@link Profiler} samples the thread that called {@code start()}.
 */
public enum AsyncMode {
    /**
     * The default: virtual threads are profiled as threads of their own and time spent waiting on a future
     * or while a virtual thread is unmounted is shown as {@code [await]} in the frame that waited; time a
     * virtual thread was ready to run but had no carrier is {@code [carrier wait]}.
     */
    ENABLED("enabled"),
    /**
     * Raw stacks: a virtual thread is seen through its carrier thread, interleaved with the scheduler's
     * own frames and other virtual threads. Use it if async support gets in the way.
     */
    DISABLED("disabled"),
    /**
     * Only the profiled context counts: time the context was not running for a reason it did not await is
     * shown as {@code [out-of-context]}. Virtual threads are shown as with {@link #ENABLED}: a wait for a
     * carrier is {@code [carrier wait]} in both modes.
     */
    STRICT("strict");

    private final String option;

    AsyncMode(String option) {
        this.option = option;
    }

    /**
     * The option value used by the agent and the CLI.
     *
     * @return {@code enabled}, {@code disabled} or {@code strict}
     */
    public String option() {
        return option;
    }

    /**
     * Parses an option value, ignoring case.
     *
     * @param value {@code enabled}, {@code disabled} or {@code strict}
     * @return the mode
     * @throws IllegalArgumentException naming the valid values when {@code value} is none of them
     */
    public static AsyncMode parse(String value) {
        if (value != null) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            for (AsyncMode mode : values()) {
                if (mode.option.equals(v)) {
                    return mode;
                }
            }
        }
        throw new IllegalArgumentException("async_mode must be 'enabled', 'disabled' or 'strict', got '" + value + "'");
    }
}

package dev.jprof;

import java.util.Locale;

/**
 * How jprof treats waiting and virtual threads (pyinstrument's {@code async_mode}).
 */
public enum AsyncMode {
    /**
     * Virtual threads are profiled as threads of their own (carriers are not counted twice); time waiting
     * on a future, or parked in a virtual thread, appears as {@code [await]} under the frame that waited.
     */
    ENABLED,
    /** Raw stacks: virtual threads are seen only through their carrier threads. */
    DISABLED,
    /**
     * As {@link #ENABLED}, and time a context was not running for a reason it did not await (a virtual
     * thread ready but waiting for a carrier) is {@code [out-of-context]}.
     */
    STRICT;

    /** The option value: {@code enabled}, {@code disabled} or {@code strict}. */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an option value; the message names the valid ones. */
    public static AsyncMode parse(String value) {
        for (AsyncMode m : values()) {
            if (m.option().equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("async_mode must be enabled, disabled or strict, got '" + value + "'");
    }
}

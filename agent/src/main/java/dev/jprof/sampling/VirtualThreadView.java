package dev.jprof.sampling;

import java.util.List;

/**
 * What {@link VirtualThreadStackSource} needs to know of the JDK's virtual threads: the live ones, each
 * with its state, whether a carrier runs it now, and its stack. {@link VirtualThreads} reads the JDK;
 * tests script it.
 */
interface VirtualThreadView {
    /** Every live virtual thread, in a fixed order between two calls. */
    List<? extends Entry> list();

    /**
     * How many carriers {@link #runningOn} can be asked about this tick, or -1 where carriers cannot be read (the
     * source then takes the listing's {@link Entry#mounted()}).
     */
    default int carriersToRead() {
        return -1;
    }

    /**
     * The thread carrier {@code i} runs at this instant, read through the carrier itself, or null when it runs
     * none; whether or not the last {@link #list()} had it. Read each carrier just before its thread is walked:
     * the thread goes on running meanwhile.
     */
    default Entry runningOn(int carrier) {
        return null;
    }

    /** False when {@link Entry#mounted()} cannot be read (it then always says false). */
    default boolean seesCarriers() {
        return true;
    }

    /**
     * Total CPU time, in nanoseconds, that the carriers alive now have used, or -1 when unknown; with
     * {@link #carrierCount()}, the bounds of the self-check (see {@link CarrierTime}).
     */
    default long carrierCpuNanos() {
        return -1;
    }

    /** How many carrier threads are alive now, or -1 when unknown. */
    default int carrierCount() {
        return -1;
    }

    /** One live virtual thread. */
    interface Entry {
        long id();

        /** Its name, or the name of its container (e.g. the executor) when it has none. */
        String name();

        /** Its state now; reading it is cheap (a field). */
        Thread.State state();

        /** True when a carrier runs it now; reading it is cheap (a field). */
        boolean mounted();

        /**
         * True when it was started and no carrier ever ran it: its stack is empty, known without a walk (which
         * comes later, when a carrier may have picked it up). Reading it is cheap (a field).
         */
        default boolean neverRan() {
            return false;
        }

        /** Its stack, top frame first: a walk, the costly part. */
        StackTraceElement[] stack();
    }
}

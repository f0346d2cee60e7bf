package dev.jprof.sampling;

import java.lang.ref.WeakReference;
import java.util.Set;

/**
 * The JDK's own sets behind {@code jdk.internal.vm.ThreadContainers}: the registry of every thread container
 * (executors, structured scopes, however nested) and the root container's set of the virtual threads started
 * outside any. Reading them costs a tenth of the containers' public streams where the sampler's code runs
 * interpreted, as it does when ticks are stretched to tens of ms and never get it compiled: the root container's
 * {@code threads()} enumerates every platform thread through a stream (~300 µs) and its {@code children()} filters the
 * registry through another (~330 µs), against ~40 µs for an executor's own stream (32 virtual threads, JDK 25, ten
 * listings a second). Needs {@code jdk.internal.vm} open to jprof, which the agent arranges.
 */
final class ThreadContainerSets {
    private final Set<WeakReference<?>> registry;
    private final Set<Thread> rootVirtualThreads;

    private ThreadContainerSets(Set<WeakReference<?>> registry, Set<Thread> rootVirtualThreads) {
        this.registry = registry;
        this.rootVirtualThreads = rootVirtualThreads;
    }

    /** The sets, or null where they are not readable or not as expected (another JDK, or not open to jprof). */
    @SuppressWarnings("unchecked")
    static ThreadContainerSets open() {
        Object registry = VirtualThreads.staticField(VirtualThreads.classOrNull("jdk.internal.vm.ThreadContainers"),
                "CONTAINER_REGISTRY", Set.class);
        Object roots = VirtualThreads.staticField(
                VirtualThreads.classOrNull("jdk.internal.vm.ThreadContainers$RootContainer$TrackingRootContainer"),
                "VTHREADS", Set.class);
        return registry == null || roots == null ? null
                : new ThreadContainerSets((Set<WeakReference<?>>) registry, (Set<Thread>) roots);
    }

    /** Weak references to every live thread container; a cleared one is a container being collected. */
    Set<WeakReference<?>> registry() {
        return registry;
    }

    /** The virtual threads started outside any container (empty unless the JDK tracks all threads, its default). */
    Set<Thread> rootVirtualThreads() {
        return rootVirtualThreads;
    }
}

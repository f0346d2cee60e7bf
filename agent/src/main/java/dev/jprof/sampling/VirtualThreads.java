package dev.jprof.sampling;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the JVM's virtual threads (JDK 21+), which ThreadMXBean and thread groups cannot see, through
 * {@code jdk.internal.vm.ThreadContainers}: with the agent, the JDK's own sets of containers and threads
 * ({@link ThreadContainerSets}); else the root container and, recursively, its children (executors, structured
 * scopes) through their streams. Needs {@code jdk.internal.vm} exported to jprof, which an agent can do with
 * {@link Instrumentation#redefineModule}.
 */
public final class VirtualThreads implements VirtualThreadView {
    private final MethodHandle root;
    private final MethodHandle children;
    private final MethodHandle threads;
    private final MethodHandle name;
    private final MethodHandle isVirtual;

    private final VarHandle carrier;
    /** {@code VirtualThread.state} and its value STARTED (started, never run), or null/-1 where unreadable. */
    private final VarHandle state = field(classOrNull(VIRTUAL_THREAD), "state", int.class);
    /** Read when first needed: reading it initializes {@code VirtualThread}, which a virtual thread has done by then. */
    private int started = STARTED_UNREAD;
    private static final int STARTED_UNREAD = Integer.MIN_VALUE;
    private Thread[] carrierThreads = new Thread[0];
    /** Which virtual thread each carrier runs, read through the carrier. */
    private final CarrierRuns carrierRuns = new CarrierRuns();
    /** {@code Thread.container}: a running thread's container, for its label. */
    private final VarHandle threadContainer = field(Thread.class, "container", classOrNull("jdk.internal.vm.ThreadContainer"));
    private boolean carriersStale = true;
    private final java.lang.management.ThreadMXBean cpu = threadCpu();
    /** The containers' own sets, read directly where jdk.internal.vm is open to jprof; else null (their streams). */
    private final ThreadContainerSets sets = ThreadContainerSets.open();
    /** {@code ThreadContainer.threads()} typed (Object)Stream for invokeExact, and the class of every virtual thread. */
    private final MethodHandle containerThreads;
    private final Class<?> virtualThreadClass = classOrNull("java.lang.BaseVirtualThread");

    private static java.lang.management.ThreadMXBean threadCpu() {
        java.lang.management.ThreadMXBean mx = ThreadBean.get();
        return mx.isThreadCpuTimeSupported() && mx.isThreadCpuTimeEnabled() ? mx : null;
    }

    private VirtualThreads(MethodHandle root, MethodHandle children, MethodHandle threads, MethodHandle name,
                           MethodHandle isVirtual, VarHandle carrier) {
        this.carrier = carrier;
        this.root = root;
        this.children = children;
        this.threads = threads;
        this.containerThreads = threads.asType(MethodType.methodType(Stream.class, Object.class));
        this.name = name;
        this.isVirtual = isVirtual;
    }

    /** The reason virtual threads are unavailable, or null when {@link #open} can succeed. */
    public static String unavailableReason() {
        if (Runtime.version().feature() < 21) {
            return "JDK " + Runtime.version().feature() + " has no virtual threads";
        }
        return null;
    }

    /**
     * Opens access, exporting {@code jdk.internal.vm} to jprof's module through {@code inst} when given.
     *
     * @throws IllegalStateException with a message a user can act on when access is not possible
     */
    public static VirtualThreads open(Instrumentation inst) {
        String reason = unavailableReason();
        if (reason != null) {
            throw new IllegalStateException(reason);
        }
        Module base = Object.class.getModule();
        Module self = VirtualThreads.class.getModule();
        if (!base.isExported("jdk.internal.vm", self)) {
            if (inst == null || !inst.isModifiableModule(base)) {
                throw new IllegalStateException("jdk.internal.vm is not exported to jprof: run with -javaagent:jprof.jar"
                        + " or add --add-exports java.base/jdk.internal.vm=ALL-UNNAMED");
            }
            inst.redefineModule(base, Set.of(), Map.of("jdk.internal.vm", Set.of(self)), Map.of(), Set.of(), Map.of());
        }
        if (inst != null && inst.isModifiableModule(base)) {
            // Opened only to read private fields: java.lang for what each carrier runs (VirtualThread.carrierThread,
            // CarrierRuns), exactly, at a field read each; jdk.internal.vm for the containers' own sets
            // (ThreadContainerSets), a tenth of the cost of their streams.
            Map<String, Set<Module>> opens = new java.util.HashMap<>();
            for (String pkg : List.of("java.lang", "jdk.internal.vm")) {
                if (!base.isOpen(pkg, self)) {
                    opens.put(pkg, Set.of(self));
                }
            }
            if (!opens.isEmpty()) {
                inst.redefineModule(base, Set.of(), Map.of(), opens, Set.of(), Map.of());
            }
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            Class<?> containers = Class.forName("jdk.internal.vm.ThreadContainers");
            Class<?> container = Class.forName("jdk.internal.vm.ThreadContainer");
            return new VirtualThreads(
                    lookup.findStatic(containers, "root", MethodType.methodType(container)),
                    lookup.findVirtual(container, "children", MethodType.methodType(Stream.class)),
                    lookup.findVirtual(container, "threads", MethodType.methodType(Stream.class)),
                    lookup.findVirtual(container, "name", MethodType.methodType(String.class)),
                    lookup.findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class)),
                    field(classOrNull(VIRTUAL_THREAD), "carrierThread", Thread.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this JDK's virtual-thread internals are not as expected (" + e + ")");
        }
    }

    private static final String VIRTUAL_THREAD = "java.lang.VirtualThread";

    /**
     * A JDK class by name, not initialized: {@code VirtualThread}'s initializer creates the virtual-thread scheduler
     * and starts its unparker thread, a thread of jprof's making in a program that may never start a virtual thread
     * (and 4 ms of every agent's start-up).
     */
    static Class<?> classOrNull(String name) {
        try {
            return Class.forName(name, false, null);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /**
     * A private field of a JDK class, or null where it cannot be read: an older JDK, or java.lang not open to
     * jprof (the API without an agent).
     */
    static VarHandle field(Class<?> owner, String name, Class<?> type) {
        try {
            return owner == null || type == null ? null
                    : MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).findVarHandle(owner, name, type);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static int startedValue() {
        Object v = staticField(classOrNull(VIRTUAL_THREAD), "STARTED", int.class);
        return v instanceof Integer ? (Integer) v : -1;
    }

    /** The value of a private static field of a JDK class, or null where it cannot be read. */
    static Object staticField(Class<?> owner, String name, Class<?> type) {
        try {
            return owner == null ? null : MethodHandles.privateLookupIn(owner, MethodHandles.lookup())
                    .findStaticVarHandle(owner, name, type).get();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** A live virtual thread and the name of the container it belongs to (null for the root). */
    public final class Found implements VirtualThreadView.Entry {
        public final Thread thread;
        public final String container;

        Found(Thread thread, String container) {
            this.thread = thread;
            this.container = container;
        }

        @Override
        public long id() {
            return thread.getId();
        }

        @Override
        public String name() {
            String n = thread.getName();
            return n.isEmpty() ? (container == null ? "virtual" : container) : n;
        }

        @Override
        public Thread.State state() {
            return thread.getState();
        }

        @Override
        public boolean mounted() {
            return carrier != null && carrier.getVolatile(thread) != null;
        }

        @Override
        public boolean neverRan() {
            // The low byte: a walk elsewhere may set a SUSPENDED bit above it for a moment.
            if (started == STARTED_UNREAD) {
                started = startedValue();
            }
            return state != null && started >= 0 && ((int) state.getVolatile(thread) & 0xff) == started;
        }

        @Override
        public StackTraceElement[] stack() {
            return thread.getStackTrace();
        }
    }

    /** Every live virtual thread; also notes the carriers alive now, for {@link #carrierCpuNanos()}. */
    @Override
    public List<Found> list() {
        findCarriers();
        carriersStale = false;
        List<Found> out = new ArrayList<>();
        try {
            if (sets != null && virtualThreadClass != null) {
                listFromSets(out);
            } else {
                visit(root.invoke(), null, out, 0);
            }
        } catch (Throwable t) {
            throw new IllegalStateException("enumerating virtual threads failed: " + t, t);
        }
        return out;
    }

    /**
     * The root's own virtual threads, then each registered container's: every container is in the registry, however
     * nested, and each thread is in exactly one container, so no tree walk is needed.
     */
    private void listFromSets(List<Found> out) throws Throwable {
        for (Thread t : sets.rootVirtualThreads()) {
            if (t.isAlive()) {
                out.add(new Found(t, null));
            }
        }
        // Each step below was chosen for its cost where it runs interpreted: one toArray instead of an iterator over
        // a stream, a class test instead of a method handle per thread, each container's label worked out once.
        for (java.lang.ref.WeakReference<?> ref : sets.registry()) {
            Object container = ref.get();
            if (container == null) {
                continue;
            }
            Object[] ts;
            try (Stream<?> stream = (Stream<?>) containerThreads.invokeExact(container)) {
                ts = stream.toArray();
            }
            boolean labelled = false;
            String label = null;
            for (Object t : ts) {
                if (virtualThreadClass.isInstance(t)) {
                    if (!labelled) {
                        label = cachedLabel(container);
                        labelled = true;
                    }
                    out.add(new Found((Thread) t, label));
                }
            }
        }
    }

    /** Each container's label, kept while the container lives; "" for none. */
    private final java.util.WeakHashMap<Object, String> labels = new java.util.WeakHashMap<>();

    /** A container's label, worked out once while it lives, or null for none. */
    private String cachedLabel(Object container) {
        String l = labels.computeIfAbsent(container, this::labelOrNull);
        return l.isEmpty() ? null : l;
    }

    private String labelOrNull(Object container) {
        try {
            return labelOf(container);
        } catch (Throwable t) {
            return "";
        }
    }

    @SuppressWarnings("unchecked")
    private void visit(Object container, String label, List<Found> out, int depth) throws Throwable {
        try (Stream<Thread> ts = (Stream<Thread>) threads.invoke(container)) {
            for (Thread t : (Iterable<Thread>) ts::iterator) {
                if ((boolean) isVirtual.invoke(t)) {
                    out.add(new Found(t, label));
                }
            }
        }
        if (depth > 64) {
            return;
        }
        List<Object> kids = new ArrayList<>();
        try (Stream<Object> cs = (Stream<Object>) children.invoke(container)) {
            cs.forEach(kids::add);
        }
        for (Object child : kids) {
            visit(child, labelOf(child), out, depth + 1);
        }
    }

    private String labelOf(Object container) throws Throwable {
        String n = (String) name.invoke(container);
        if (n != null && !n.isEmpty()) {
            return n;
        }
        String s = container.toString();
        int at = s.indexOf('@');
        String cls = at > 0 ? s.substring(0, at) : s;
        return cls.substring(cls.lastIndexOf('.') + 1);
    }

    /**
     * How many carriers {@link #runningOn} can read this tick (those of the last listing), or -1 where carriers
     * cannot be read this way.
     */
    @Override
    public int carriersToRead() {
        if (!carrierRuns.readable() || carrier == null) {
            return -1;
        }
        if (carriersStale) {
            findCarriers();
            carriersStale = false;
        }
        return carrierThreads.length;
    }

    /** The virtual thread carrier {@code i} runs at this instant, read through the carrier ({@link CarrierRuns}), or null. */
    @Override
    public Found runningOn(int i) {
        Thread vthread = carrierRuns.runningOn(carrierThreads[i]);
        return vthread == null ? null : new Found(vthread, label(vthread));
    }

    /** A running thread's label: its container's, as the listing gives it. */
    private String label(Thread vthread) {
        Object container = threadContainer == null ? null : threadContainer.get(vthread);
        return container == null || container == rootContainer() ? null : cachedLabel(container);
    }

    private Object rootContainer() {
        if (rootContainer == null) {
            try {
                rootContainer = root.invoke();
            } catch (Throwable t) {
                return null;
            }
        }
        return rootContainer;
    }

    private Object rootContainer;

    private void findCarriers() {
        ThreadGroup g = Thread.currentThread().getThreadGroup();
        while (g.getParent() != null) {
            g = g.getParent();
        }
        Thread[] all = new Thread[g.activeCount() + 16];
        int n = g.enumerate(all, true);
        int k = 0;
        Thread[] found = new Thread[n];
        for (int i = 0; i < n; i++) {
            if (isCarrier(all[i])) {
                found[k++] = all[i];
            }
        }
        carrierThreads = java.util.Arrays.copyOf(found, k);
    }

    @Override
    public boolean seesCarriers() {
        return carrier != null;
    }

    @Override
    public long carrierCpuNanos() {
        if (cpu == null) {
            return -1;
        }
        if (carriersStale) {
            findCarriers();
            carriersStale = false;
        }
        long sum = 0;
        for (Thread carrierThread : carrierThreads) {
            long c = cpu.getThreadCpuTime(carrierThread.getId());
            sum += Math.max(0, c);
        }
        return sum;
    }

    @Override
    public int carrierCount() {
        return cpu == null ? -1 : carrierThreads.length;
    }

    /** True when {@code t} is a carrier thread of the virtual-thread scheduler. */
    public static boolean isCarrier(Thread t) {
        return t.getClass().getName().equals("jdk.internal.misc.CarrierThread");
    }
}

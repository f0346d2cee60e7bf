package dev.jprof.sampling;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The JVM's thread bean, built once. {@code ManagementFactory.getThreadMXBean()} finds it through the platform
 * bean providers (a service lookup and every platform component): 26-41 ms of a fresh JVM's start-up, measured
 * on JDK 17 and 25, against 4-9 ms for the same bean from {@code sun.management.ManagementFactoryHelper}. The
 * agent exports that package to jprof (see {@link SafepointSyncClock#export}), so under the agent the direct
 * way is taken; elsewhere (the Java API alone) the public one.
 */
final class ThreadBean {
    private static volatile ThreadMXBean bean;

    private ThreadBean() {
    }

    static ThreadMXBean get() {
        ThreadMXBean b = bean;
        if (b == null) {
            synchronized (ThreadBean.class) {
                b = bean;
                if (b == null) {
                    b = direct();
                    bean = b = b != null ? b : ManagementFactory.getThreadMXBean();
                }
            }
        }
        return b;
    }

    /** The bean from the JDK's internal factory when that package is exported to jprof, else null. */
    private static ThreadMXBean direct() {
        try {
            Module management = ManagementFactory.class.getModule();
            if (!management.isExported("sun.management", ThreadBean.class.getModule())) {
                return null;
            }
            Object b = Class.forName("sun.management.ManagementFactoryHelper").getMethod("getThreadMXBean").invoke(null);
            return b instanceof ThreadMXBean ? (ThreadMXBean) b : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}

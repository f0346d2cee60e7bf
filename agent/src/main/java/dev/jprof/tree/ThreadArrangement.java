package dev.jprof.tree;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which threads a report shows as its top rows, and in what order, applied to the classified tree before
 * the processors (so the text report and the HTML page start from the same threads):
 * <ul>
 *   <li>the JDK's service threads ({@code Signal Dispatcher}, {@code Reference Handler}, ...) are left out
 *       unless everything is shown;</li>
 *   <li>threads of one pool ({@code pool-1-thread-1}, {@code http-nio-8080-exec-2}, {@code qtp1234-7}: a
 *       name and a trailing number, two members or more) become one {@code [pool]} thread frame, unless
 *       pools are split or the tree is a timeline;</li>
 *   <li>threads that waited for work ({@code [idle]}) for at least {@link #IDLE_SHARE} of their time fold
 *       into one {@code [N idle threads]} line, all of it idle time, so it comes last, unless everything
 *       is shown;</li>
 *   <li>threads are ordered by active time, their time minus {@link Frame#idleTime()}.</li>
 * </ul>
 */
public final class ThreadArrangement {
    /** Share of a thread's time spent {@code [idle]} from which it folds into the idle-threads line. */
    public static final double IDLE_SHARE = 0.95;
    /** How many names the idle-threads line lists before "...". */
    private static final int NAMES_SHOWN = 6;
    private static final Pattern SERVICE = Pattern.compile("SIG[A-Z0-9]+ handler|Signal Dispatcher|Reference Handler"
            + "|Finalizer|Common-Cleaner|Cleaner-\\d+|Attach Listener|Notification Thread|Service Thread"
            + "|VirtualThread-unblocker|ForkJoinPool-\\d+-delayScheduler|Read-Poller|Write-Poller|process reaper"
            + "|DestroyJavaVM|Monitor Ctrl-Break|JFR .*");
    private static final Pattern NUMBERED = Pattern.compile("(.*\\D)\\d+");

    private ThreadArrangement() {
    }

    /**
     * Arranges the root's threads in place.
     *
     * @param root       a session's tree, or null
     * @param showAll    keep service threads and idle threads in rows of their own
     * @param splitPools keep a pool's threads apart
     * @param aggregated the tree is aggregated (pools merge only there: merging timelines would interleave them)
     * @return the root
     */
    public static Frame arrange(Frame root, boolean showAll, boolean splitPools, boolean aggregated) {
        if (root == null || root.kind() != Frame.Kind.ROOT) {
            return root;
        }
        if (!showAll) {
            for (Frame thread : new ArrayList<>(root.children())) {
                if (isServiceThread(thread)) {
                    thread.removeFromParent();
                }
            }
        }
        if (!splitPools && aggregated) {
            mergePools(root);
        }
        sortByActiveTime(root);
        // After sorting: the idle line names its threads by active time, as the HTML page (which folds from the
        // sorted rows) does; appended last, it stays after every thread that did some work.
        if (!showAll) {
            foldIdleThreads(root);
        }
        return root;
    }

    /** True for a platform thread the JDK runs for itself, named as the JDK names it. */
    public static boolean isServiceThread(Frame thread) {
        return thread.kind() == Frame.Kind.THREAD && !thread.isVirtualThread() && thread.poolThreads() == 0
                && SERVICE.matcher(thread.methodName()).matches();
    }

    /**
     * The pool a thread name belongs to: the name without its trailing number and separator
     * ({@code http-nio-8080-exec-10} is {@code http-nio-8080-exec}), or null. {@code Thread-N}, the name of
     * any thread nobody named, is no pool.
     */
    public static String poolOf(String threadName) {
        Matcher m = NUMBERED.matcher(threadName);
        if (!m.matches()) {
            return null;
        }
        String prefix = m.group(1).replaceFirst("[-_#. ]$", "");
        return prefix.isEmpty() || prefix.equals("Thread") ? null : prefix;
    }

    /** Sorts threads by descending active time (stable), the idle-threads line among them by its own. */
    public static void sortByActiveTime(Frame root) {
        root.sortChildren((a, b) -> Double.compare(b.time() - b.idleTime(), a.time() - a.idleTime()));
    }

    private static void mergePools(Frame root) {
        Map<String, List<Frame>> pools = new LinkedHashMap<>();
        for (Frame thread : root.children()) {
            // A service thread is never a pool member: left out or not, it stays a row of its own.
            if (thread.kind() == Frame.Kind.THREAD && !thread.isVirtualThread() && thread.poolThreads() == 0
                    && !isServiceThread(thread)) {
                String pool = poolOf(thread.methodName());
                if (pool != null) {
                    pools.computeIfAbsent(pool, k -> new ArrayList<>()).add(thread);
                }
            }
        }
        for (Map.Entry<String, List<Frame>> e : pools.entrySet()) {
            List<Frame> members = e.getValue();
            if (members.size() < 2) {
                continue;
            }
            Frame pool = Frame.pool(e.getKey(), members.size(), members.get(0).threadId());
            root.addChild(pool, root.children().indexOf(members.get(0)));
            Map<String, Double> states = new LinkedHashMap<>();
            for (Frame member : members) {
                Object memberStates = member.attributes().get("thread_states");
                if (memberStates instanceof Map) {
                    for (Map.Entry<?, ?> s : ((Map<?, ?>) memberStates).entrySet()) {
                        states.merge((String) s.getKey(), ((Number) s.getValue()).doubleValue(), Double::sum);
                    }
                }
                pool.merge(member);
            }
            pool.setAttribute("thread_states", states);
            Processors.aggregateRepeatedCalls(pool, null);
        }
    }

    private static void foldIdleThreads(Frame root) {
        List<Frame> idle = new ArrayList<>();
        for (Frame thread : root.children()) {
            if (isIdleThread(thread)) {
                idle.add(thread);
            }
        }
        if (idle.isEmpty()) {
            return;
        }
        for (Frame thread : idle) {
            thread.removeFromParent();
        }
        root.addChild(idleLine(idle));
    }

    /** True for a thread that waited for work for at least {@link #IDLE_SHARE} of its time. */
    public static boolean isIdleThread(Frame thread) {
        return thread.kind() == Frame.Kind.THREAD && thread.time() > 0
                && idleForWork(thread) >= IDLE_SHARE * thread.time();
    }

    /**
     * The {@code [N idle threads]  names} line standing for idle threads, all of its time idle; the HTML
     * page gets it too, to show in their place unless everything is shown.
     */
    public static Frame idleLine(List<Frame> idle) {
        double time = 0;
        int threads = 0;
        List<String> names = new ArrayList<>();
        for (Frame thread : idle) {
            time += thread.time();
            threads += Math.max(1, thread.poolThreads());
            names.add(thread.poolThreads() > 0 ? thread.methodName() + " (" + thread.poolThreads() + ")" : thread.methodName());
        }
        String listed = String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size())))
                + (names.size() > NAMES_SHOWN ? " ..." : "");
        String label = String.format(Locale.ROOT, "[%d idle thread%s]  %s", threads, threads == 1 ? "" : "s", listed);
        return Frame.synthetic(label, time, time);
    }

    /** Time under {@code [idle]} frames anywhere below a frame. */
    static double idleForWork(Frame frame) {
        double t = 0;
        List<Frame> work = new ArrayList<>(frame.children());
        while (!work.isEmpty()) {
            Frame f = work.remove(work.size() - 1);
            if (f.kind() == Frame.Kind.SYNTHETIC && Frame.IDLE.equals(f.identifier())) {
                t += f.time();
            } else {
                work.addAll(f.children());
            }
        }
        return t;
    }
}

package dev.jprof.tree;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The processors of pyinstrument's pipeline, ported to the JVM, plus {@link #removeReflection}. Each is a
 * {@link Processor}: call it as {@code root = Processors.x(root, options)}.
 */
public final class Processors {
    /** {@link #removeImportlib} as a value, so it can be found and removed in a processor list. */
    public static final Processor REMOVE_IMPORTLIB = new BuiltInProcessor(BuiltInProcessor.REMOVE_IMPORTLIB);
    /** {@link #removeReflection} as a value. */
    public static final Processor REMOVE_REFLECTION = new BuiltInProcessor(BuiltInProcessor.REMOVE_REFLECTION);
    /** {@link #mergeConsecutiveSelfTime} as a value. */
    public static final Processor MERGE_CONSECUTIVE_SELF_TIME = new BuiltInProcessor(BuiltInProcessor.MERGE_CONSECUTIVE_SELF_TIME);
    /** {@link #aggregateRepeatedCalls} as a value. */
    public static final Processor AGGREGATE_REPEATED_CALLS = new BuiltInProcessor(BuiltInProcessor.AGGREGATE_REPEATED_CALLS);
    /** {@link #removeIrrelevantNodes} as a value. */
    public static final Processor REMOVE_IRRELEVANT_NODES = new BuiltInProcessor(BuiltInProcessor.REMOVE_IRRELEVANT_NODES);
    /** {@link #removeUnnecessarySelfTimeNodes} as a value. */
    public static final Processor REMOVE_UNNECESSARY_SELF_TIME_NODES = new BuiltInProcessor(BuiltInProcessor.REMOVE_UNNECESSARY_SELF_TIME_NODES);
    /** {@link #groupLibraryFrames} as a value. */
    public static final Processor GROUP_LIBRARY_FRAMES = new BuiltInProcessor(BuiltInProcessor.GROUP_LIBRARY_FRAMES);

    private Processors() {
    }

    /**
     * The JVM's counterpart of pyinstrument's {@code remove_importlib}: removes class-loading plumbing
     * ({@code jdk.internal.loader}, {@code ClassLoader.loadClass} and friends), moving their children and
     * time up to the caller.
     */
    public static Frame removeImportlib(Frame root, ProcessorOptions options) {
        return splice(root, Processors::isClassLoading);
    }

    /**
     * Removes reflection and method-handle plumbing ({@code jdk.internal.reflect}, {@code Method.invoke},
     * {@code java.lang.invoke} LambdaForms and holders, {@code $$Lambda} proxies) and the JDK's private
     * helpers under a public method ({@link #isJdkPrivateHelper}), moving their children and time up to the caller.
     */
    public static Frame removeReflection(Frame root, ProcessorOptions options) {
        return splice(root, Processors::isReflection);
    }

    /** Combines consecutive {@code [self]} frames under each frame. */
    public static Frame mergeConsecutiveSelfTime(Frame root, ProcessorOptions options) {
        if (root == null) {
            return null;
        }
        Frame previousSelf = null;
        for (Frame child : new ArrayList<>(root.children())) {
            if (Frame.SELF_TIME.equals(child.identifier())) {
                if (previousSelf != null) {
                    previousSelf.merge(child);
                } else {
                    previousSelf = child;
                }
            } else {
                previousSelf = null;
            }
        }
        for (Frame child : root.children()) {
            mergeConsecutiveSelfTime(child, options);
        }
        return root;
    }

    /**
     * Converts a timeline into a time-aggregate summary: repeated calls along the same call stack become
     * one frame; children are sorted by descending time, threads by descending active time (time not idle).
     */
    public static Frame aggregateRepeatedCalls(Frame root, ProcessorOptions options) {
        if (root == null) {
            return null;
        }
        Map<String, Frame> byIdentifier = new LinkedHashMap<>();
        for (Frame child : new ArrayList<>(root.children())) {
            Frame aggregate = byIdentifier.get(child.identifier());
            if (aggregate == null) {
                byIdentifier.put(child.identifier(), child);
                continue;
            }
            aggregate.merge(child);
        }
        for (Frame child : root.children()) {
            aggregateRepeatedCalls(child, options);
        }
        if (root.kind() == Frame.Kind.ROOT) {
            // Threads rank by the work they did: a pool thread waiting for work is as old as main.
            ThreadArrangement.sortByActiveTime(root);
        } else {
            root.sortChildrenByTime();
        }
        return root;
    }

    /**
     * Removes frames whose time is less than {@code filter_threshold} (default 1%) of the root's time,
     * folding their time into their parent's absorbed time. A frame is kept anyway when its active time
     * (its time minus its {@link Frame#idleTime() idle time}: parked, sleeping, waiting, {@code [await]},
     * {@code [out-of-context]}) reaches the threshold of the total active time, so hundreds of idle pool
     * threads or thousands of parked virtual threads cannot crowd out the work. Below the thread frames,
     * "the root's time" means the time of the threads that were kept (not the idle-threads line).
     */
    public static Frame removeIrrelevantNodes(Frame root, ProcessorOptions options) {
        if (root == null) {
            return null;
        }
        double threshold = options.filterThreshold();
        double total = root.time() > 0 ? root.time() : Double.MIN_VALUE;
        double totalActive = root.time() - root.idleTime();
        if (root.kind() == Frame.Kind.ROOT) {
            // Threads first; below them, shares count against the threads that stay, so a hundred idle pool
            // threads neither hide a busy thread nor dilute where the remaining threads spend their time.
            removeIrrelevantChildren(root, threshold, total, totalActive);
            double kept = 0;
            for (Frame thread : root.children()) {
                // The idle-threads line (ThreadArrangement) has no frames to judge: it sets no base.
                kept += thread.kind() == Frame.Kind.SYNTHETIC ? 0 : thread.time();
            }
            double base = kept > 0 ? kept : total;
            for (Frame thread : root.children()) {
                removeIrrelevant(thread, threshold, base, totalActive);
            }
        } else {
            removeIrrelevant(root, threshold, total, totalActive);
        }
        return root;
    }

    private static void removeIrrelevant(Frame frame, double threshold, double total, double totalActive) {
        removeIrrelevantChildren(frame, threshold, total, totalActive);
        for (Frame child : frame.children()) {
            removeIrrelevant(child, threshold, total, totalActive);
        }
    }

    private static void removeIrrelevantChildren(Frame frame, double threshold, double total, double totalActive) {
        for (Frame child : new ArrayList<>(frame.children())) {
            boolean relevant = child.time() / total >= threshold
                    || totalActive > 0 && (child.time() - child.idleTime()) / totalActive >= threshold;
            if (!relevant) {
                frame.absorb(child);
            }
        }
    }

    /**
     * When a frame's only child is a {@code [self]} frame, removes it and moves its time to the frame: it
     * adds nothing to the output.
     */
    public static Frame removeUnnecessarySelfTimeNodes(Frame root, ProcessorOptions options) {
        if (root == null) {
            return null;
        }
        List<Frame> children = root.children();
        if (children.size() == 1 && Frame.SELF_TIME.equals(children.get(0).identifier())) {
            root.absorb(children.get(0));
        }
        for (Frame child : root.children()) {
            removeUnnecessarySelfTimeNodes(child, options);
        }
        return root;
    }

    /**
     * Groups runs of frames that should be hidden into {@link FrameGroup}s: a frame is hidden when
     * {@code hide_regex} matches its location path, or, without a hide pattern, when it is not
     * application code; {@code show_regex} wins over both. A group needs at least two frames.
     */
    public static Frame groupLibraryFrames(Frame root, ProcessorOptions options) {
        if (root == null) {
            return null;
        }
        Predicate<Frame> hidden = hiddenPredicate(options);
        int[] ids = {0};
        group(root, hidden, ids);
        return root;
    }

    private static void group(Frame frame, Predicate<Frame> hidden, int[] ids) {
        for (Frame child : frame.children()) {
            if (child.group() == null && hidden.test(child) && anyChild(child, hidden)) {
                FrameGroup group = new FrameGroup(++ids[0], child);
                addToGroup(child, group, hidden);
            }
            group(child, hidden, ids);
        }
    }

    private static boolean anyChild(Frame frame, Predicate<Frame> hidden) {
        for (Frame c : frame.children()) {
            if (c.kind() == Frame.Kind.METHOD && hidden.test(c)) {
                return true;
            }
        }
        return false;
    }

    private static void addToGroup(Frame frame, FrameGroup group, Predicate<Frame> hidden) {
        group.add(frame);
        for (Frame child : frame.children()) {
            if (hidden.test(child)) {
                addToGroup(child, group, hidden);
            }
        }
    }

    /**
     * The hide rule of {@link #groupLibraryFrames}, for renderers that apply it themselves. A
     * {@code [self]} frame follows its parent: a library method's own time is library time.
     */
    public static Predicate<Frame> hiddenPredicate(ProcessorOptions options) {
        Pattern hide = options.hideRegex();
        Pattern show = options.showRegex();
        return new Predicate<>() {
            @Override
            public boolean test(Frame frame) {
                if (frame.kind() == Frame.Kind.SYNTHETIC && Frame.SELF_TIME.equals(frame.identifier())) {
                    return frame.parent() != null && test(frame.parent());
                }
                if (frame.kind() != Frame.Kind.METHOD) {
                    return false;
                }
                String path = frame.filePath();
                if (show != null && show.matcher(path).lookingAt()) {
                    return false;
                }
                if (hide != null && hide.matcher(path).lookingAt()) {
                    return true;
                }
                return !frame.isApplicationCode();
            }
        };
    }

    /** Removes frames matching a predicate; their children take their place, their time goes up. */
    private static Frame splice(Frame root, Predicate<Frame> remove) {
        if (root == null) {
            return null;
        }
        List<Frame> work = new ArrayList<>();
        work.add(root);
        while (!work.isEmpty()) {
            Frame frame = work.remove(work.size() - 1);
            boolean changed = true;
            while (changed) {
                changed = false;
                List<Frame> children = new ArrayList<>(frame.children());
                for (int i = 0; i < children.size(); i++) {
                    Frame child = children.get(i);
                    if (child.kind() == Frame.Kind.METHOD && remove.test(child)) {
                        frame.splice(child);
                        changed = true;
                    }
                }
            }
            work.addAll(frame.children());
        }
        return root;
    }

    /**
     * True for a method frame that {@link #removeImportlib} or {@link #removeReflection} removes: the
     * page that applies these processors itself is told which frames they are, not how to find them.
     */
    public static boolean isPlumbing(Frame f) {
        return f.kind() == Frame.Kind.METHOD && (isClassLoading(f) || isReflection(f));
    }

    static boolean isClassLoading(Frame f) {
        String c = f.className();
        return c.startsWith("jdk.internal.loader.")
                || c.equals("java.lang.ClassLoader")
                || c.equals("java.net.URLClassLoader")
                || c.equals("java.security.SecureClassLoader")
                || c.equals("java.lang.System$2") && f.methodName().startsWith("defineClass");
    }

    static boolean isReflection(Frame f) {
        String c = f.className();
        return isJdkPrivateHelper(c, f.methodName())
                || c.startsWith("jdk.internal.reflect.")
                || c.startsWith("java.lang.invoke.")
                || c.equals("java.lang.reflect.Method") && f.methodName().equals("invoke")
                || c.equals("java.lang.reflect.Constructor") && f.methodName().startsWith("newInstance")
                || c.contains("$$Lambda");
    }

    /**
     * The private methods newer JDKs run under a public one ({@code Thread.sleep} calls {@code sleepNanos} and
     * the native {@code sleepNanos0} on JDK 21+; {@code Object.wait} calls {@code wait0}): their time goes to
     * the public method, so a report reads {@code Thread.sleep} on JDK 17 and JDK 25 alike.
     */
    static boolean isJdkPrivateHelper(String className, String method) {
        return className.equals("java.lang.Thread") && (method.equals("sleepNanos") || method.equals("sleepNanos0")
                || method.equals("sleep0") || method.equals("beforeSleep") || method.equals("afterSleep"))
                || className.equals("java.lang.Object") && method.equals("wait0");
    }

    /** Converts a glob (as in {@code --hide '*}{@code /jackson-*}{@code /*'}) to a regex that matches a whole path. */
    public static String globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char ch = glob.charAt(i);
            switch (ch) {
                case '*':
                    re.append(".*");
                    break;
                case '?':
                    re.append('.');
                    break;
                case '[': {
                    int close = glob.indexOf(']', i + 2);
                    if (close < 0) {
                        re.append("\\[");
                        break;
                    }
                    String body = glob.substring(i + 1, close);
                    if (body.startsWith("!")) {
                        body = "^" + body.substring(1);
                    }
                    re.append('[').append(body.replace("\\", "\\\\")).append(']');
                    i = close;
                    break;
                }
                default:
                    re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return "(?s:" + re + ")\\z";
    }
}

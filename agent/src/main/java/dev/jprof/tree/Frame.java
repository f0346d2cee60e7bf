package dev.jprof.tree;

import dev.jprof.CodeLocation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of the call tree: a method (class, method, source file), a thread, the root, or a synthetic
 * frame such as {@code [self]}. Invariant: {@code time() == absorbedTime() + sum(children.time())}.
 * Processors mutate frames in place; renderers read them.
 */
public final class Frame {
    /** Identifier of the synthetic frame holding a frame's own (leaf) time. */
    public static final String SELF_TIME = "[self]";
    /** Identifier of the synthetic frame for time spent awaiting a future or a parked virtual thread. */
    public static final String AWAIT = "[await]";
    /** Identifier of the synthetic frame for time the profiled context did not run (strict mode). */
    public static final String OUT_OF_CONTEXT = "[out-of-context]";
    /** Identifier of the synthetic frame for pool threads waiting for work. */
    public static final String IDLE = "[idle]";
    /**
     * Time a virtual thread was ready to run but had no carrier: not started yet (at the top of the thread)
     * or woken and not mounted yet (where it had stopped). Waiting time, but nobody awaited it.
     */
    public static final String CARRIER_WAIT = "[carrier wait]";

    /** What a frame stands for. */
    public enum Kind {
        /** The session's root; its children are threads. */
        ROOT,
        /** A thread; its children are the thread's outermost methods. */
        THREAD,
        /** A Java method. */
        METHOD,
        /** A synthetic frame: {@code [self]}, {@code [await]}, {@code [out-of-context]}, {@code [idle]}. */
        SYNTHETIC
    }

    private final Kind kind;
    private final String identifier;
    private final String className;
    private final String methodName;
    private final String fileName;
    private final CodeLocation location;
    private int line;
    private Map<Integer, Double> lineTimes;
    private double lineBest = -1;
    private Map<String, Object> attributes;

    private Frame parent;
    private final List<Frame> children = new ArrayList<>();
    private double absorbedTime;
    private double absorbedIdle;
    private double cachedTime = Double.NaN;
    private double cachedIdle = Double.NaN;
    private FrameGroup group;
    private boolean virtualThread;
    /** A thread frame's thread id (the first thread's, for a group of virtual threads); 0 otherwise. */
    private long threadId;
    /** For a thread frame standing for a pool's threads, how many; 0 otherwise. */
    private int poolThreads;

    private Frame(Kind kind, String identifier, String className, String methodName, String fileName, int line,
                  CodeLocation location) {
        this.kind = kind;
        this.identifier = identifier;
        this.className = className;
        this.methodName = methodName;
        this.fileName = fileName;
        this.line = line;
        this.location = location;
    }

    /** A method frame. */
    public static Frame method(String className, String methodName, String fileName, int line, CodeLocation location) {
        String file = fileName == null ? "" : fileName;
        return new Frame(Kind.METHOD, methodIdentifier(className, methodName, file), className, methodName, file, line,
                location == null ? CodeLocation.UNKNOWN : location);
    }

    /** A method's identifier, for callers that build many frames of one method and share it. */
    public static String methodIdentifier(String className, String methodName, String fileName) {
        return className + "." + methodName + "\0" + (fileName == null ? "" : fileName);
    }

    /** As {@link #method}, with the identifier already built by {@link #methodIdentifier} (and non-null parts). */
    public static Frame method(String identifier, String className, String methodName, String fileName, int line,
                        CodeLocation location) {
        return new Frame(Kind.METHOD, identifier, className, methodName, fileName, line, location);
    }

    /** A thread frame. */
    public static Frame thread(String name, long id) {
        return thread(name, id, false);
    }

    /**
     * A thread frame. Virtual threads with the same name (unnamed ones are named after their executor)
     * share an identifier, so aggregation groups them.
     */
    public static Frame thread(String name, long id, boolean virtual) {
        Frame f = new Frame(Kind.THREAD, "[thread]\0" + name + "\0" + (virtual ? "virtual" : Long.toString(id)), "",
                name, "", 0, CodeLocation.UNKNOWN);
        f.virtualThread = virtual;
        f.threadId = id;
        return f;
    }

    /**
     * A thread frame standing for the threads of one pool ({@code pool-1-thread-1}, {@code pool-1-thread-2},
     * ...), named after their common prefix ({@code pool-1-thread}).
     */
    public static Frame pool(String prefix, int threads, long firstId) {
        Frame f = new Frame(Kind.THREAD, "[thread]\0" + prefix + "\0pool", "", prefix, "", 0, CodeLocation.UNKNOWN);
        f.threadId = firstId;
        f.poolThreads = threads;
        return f;
    }

    /** How many threads a pool's thread frame stands for; 0 for any other frame. */
    public int poolThreads() {
        return poolThreads;
    }

    /** The id of the thread a thread frame was built for; virtual threads share their identifier, not this. */
    long threadId() {
        return threadId;
    }

    /** True for a thread frame that stands for virtual threads. */
    public boolean isVirtualThread() {
        return virtualThread;
    }

    /** The root frame of a session. */
    public static Frame root(String description) {
        return new Frame(Kind.ROOT, "[root]", "", description, "", 0, CodeLocation.UNKNOWN);
    }

    /**
     * A synthetic frame such as {@link #SELF_TIME}, holding {@code time} seconds; {@link #AWAIT},
     * {@link #OUT_OF_CONTEXT} and {@link #IDLE} frames are idle time.
     */
    public static Frame synthetic(String identifier, double time) {
        boolean waiting = AWAIT.equals(identifier) || OUT_OF_CONTEXT.equals(identifier) || IDLE.equals(identifier)
                || CARRIER_WAIT.equals(identifier);
        return synthetic(identifier, time, waiting ? time : 0);
    }

    /**
     * A synthetic frame holding {@code time} seconds, of which {@code idle} were spent waiting
     * (see {@link #idleTime()}).
     */
    public static Frame synthetic(String identifier, double time, double idle) {
        Frame f = new Frame(Kind.SYNTHETIC, identifier, "", identifier, "", 0, CodeLocation.UNKNOWN);
        f.absorbedTime = time;
        f.absorbedIdle = Math.min(idle, time);
        return f;
    }

    /** What this frame stands for: root, thread, method or synthetic. */
    public Kind kind() {
        return kind;
    }

    /** Frames with equal identifiers are the same call site for aggregation: class, method and file. */
    public String identifier() {
        return identifier;
    }

    /** Fully qualified class name; empty for non-method frames. */
    public String className() {
        return className;
    }

    /** Method name; the thread name for thread frames; the identifier for synthetic frames. */
    public String methodName() {
        return methodName;
    }

    /** Class name without its package, e.g. {@code Outer$Inner}. */
    public String simpleClassName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** A short human name: {@code SimpleClass.method}, a thread's name, or the synthetic identifier. */
    public String displayName() {
        return kind == Kind.METHOD ? simpleClassName() + "." + methodName : methodName;
    }

    /** The source file name, e.g. {@code Main.java}; empty when unknown or not a method. */
    public String fileName() {
        return fileName;
    }

    /** The line where most of this frame's time was observed (0 when unknown). */
    public int line() {
        return line;
    }

    /** Time observed at each line of this frame, when more than one line was seen. */
    public Map<Integer, Double> lineTimes() {
        return lineTimes == null ? Collections.emptyMap() : Collections.unmodifiableMap(lineTimes);
    }

    /** Where this frame's code lives; {@link CodeLocation#UNKNOWN} for non-method frames. */
    public CodeLocation location() {
        return location;
    }

    /** The location path that hide/show patterns match. */
    public String filePath() {
        return location.path();
    }

    /** True for a method of the user's own code (not the JDK or a dependency). */
    public boolean isApplicationCode() {
        return kind == Kind.METHOD && location.isApplicationCode();
    }

    /** True for {@code [self]}, {@code [await]}, and the other synthetic frames. */
    public boolean isSynthetic() {
        return kind == Kind.SYNTHETIC;
    }

    /** The parent frame, or null for a root or a detached frame. */
    public Frame parent() {
        return parent;
    }

    /** The children, in timeline order or, after aggregation, by descending time. Read-only view. */
    public List<Frame> children() {
        return Collections.unmodifiableList(children);
    }

    /** Total time in seconds: absorbed time plus the children's time. */
    public double time() {
        if (Double.isNaN(cachedTime)) {
            double t = absorbedTime;
            for (Frame child : children) {
                t += child.time();
            }
            cachedTime = t;
        }
        return cachedTime;
    }

    /**
     * Time of frames removed by processors and folded into this one (pyinstrument's {@code self_time}).
     */
    public double absorbedTime() {
        return absorbedTime;
    }

    /**
     * The part of {@link #time()} its threads spent idle: parked, sleeping or waiting
     * ({@code WAITING}/{@code TIMED_WAITING}), or in {@code [await]}/{@code [out-of-context]}. Lets
     * the display threshold tell work from waiting, so a few busy threads are not crowded out by hundreds
     * of idle pool threads.
     */
    public double idleTime() {
        if (Double.isNaN(cachedIdle)) {
            double t = absorbedIdle;
            for (Frame child : children) {
                t += child.idleTime();
            }
            cachedIdle = t;
        }
        return cachedIdle;
    }

    /** The idle part of {@link #absorbedTime()}. */
    public double absorbedIdleTime() {
        return absorbedIdle;
    }

    /** This frame's own time: absorbed time plus its {@code [self]} children. */
    public double selfTime() {
        double t = absorbedTime;
        for (Frame child : children) {
            if (SELF_TIME.equals(child.identifier)) {
                t += child.time();
            }
        }
        return t;
    }

    /** The hidden-library group this frame belongs to, or null. */
    public FrameGroup group() {
        return group;
    }

    /** Free-form attributes (e.g. thread state shares); read-only view. */
    public Map<String, Object> attributes() {
        return attributes == null ? Collections.emptyMap() : Collections.unmodifiableMap(attributes);
    }

    /**
     * Sets a free-form attribute (used by the tree builder and processors).
     *
     * @param key   the attribute's name
     * @param value its value
     */
    public void setAttribute(String key, Object value) {
        if (attributes == null) {
            attributes = new LinkedHashMap<>();
        }
        attributes.put(key, value);
    }

    // ---- mutation, used by the tree builder and processors ----

    /** Adds {@code seconds} to this frame's absorbed time (processors folding removed frames in). */
    public void addAbsorbedTime(double seconds) {
        addAbsorbedTime(seconds, 0);
    }

    /**
     * Adds {@code seconds} to this frame's absorbed time, {@code idleSeconds} of them idle (a processor
     * folding a removed frame in passes that frame's {@link #idleTime()} along).
     */
    public void addAbsorbedTime(double seconds, double idleSeconds) {
        absorbedTime += seconds;
        absorbedIdle += idleSeconds;
        invalidate();
    }

    /** Appends a child, detaching it from any previous parent. */
    public void addChild(Frame child) {
        addChild(child, children.size());
    }

    /** Inserts a child at a position, detaching it from any previous parent. */
    public void addChild(Frame child, int index) {
        if (child.parent != null) {
            child.removeFromParent();
        }
        child.parent = this;
        children.add(Math.min(index, children.size()), child);
        invalidate();
    }

    /** Moves all of {@code frames} under this frame, in order. */
    public void addChildren(List<Frame> frames) {
        for (Frame f : new ArrayList<>(frames)) {
            addChild(f);
        }
    }

    /** Detaches this frame from its parent; the parent's time no longer includes it. */
    public void removeFromParent() {
        if (parent != null) {
            parent.children.remove(this);
            parent.invalidate();
            parent = null;
        }
    }

    // ---- the three ways processors move time: fold a child in, splice it out, merge a sibling in ----

    /**
     * Detaches {@code child} and folds all its time into this frame's absorbed time (its idle part
     * stays idle): the child's subtree disappears, this frame's time is unchanged.
     *
     * @param child a child of this frame
     */
    public void absorb(Frame child) {
        FrameOps.absorb(this, child);
    }

    /**
     * Replaces {@code child} by its children, in place and in order; the child's own absorbed time goes
     * to this frame. This frame's time is unchanged.
     *
     * @param child a child of this frame
     */
    public void splice(Frame child) {
        FrameOps.splice(this, child);
    }

    /**
     * Merges {@code other}, a frame of the same identifier, into this one: its absorbed time, its line
     * observations and its children (appended) move here, and it is detached.
     *
     * @param other the frame to merge in
     */
    public void merge(Frame other) {
        FrameOps.merge(this, other);
    }

    /** Sorts children by a comparator (stable for ties). */
    public void sortChildren(java.util.Comparator<Frame> order) {
        children.sort(order);
    }

    /** Sorts children by descending time (stable for ties). */
    public void sortChildrenByTime() {
        children.sort((a, b) -> Double.compare(b.time(), a.time()));
    }

    /** Records that {@code seconds} were observed at {@code line} of this frame. */
    public void addLineTime(int lineNumber, double seconds) {
        if (lineTimes == null) {
            lineTimes = new LinkedHashMap<>(4);
        }
        double total = lineTimes.merge(lineNumber, seconds, Double::sum);
        if (total > lineBest) {
            lineBest = total;
            line = lineNumber;
        }
    }

    /** Merges another frame's line observations into this one (aggregation). */
    public void mergeLineTimes(Frame other) {
        FrameOps.mergeLineTimes(this, other);
    }

    void setGroup(FrameGroup group) {
        this.group = group;
    }

    private void invalidate() {
        // time() caches a whole subtree at once, so an empty cache implies empty caches above it.
        for (Frame f = this; f != null && !(Double.isNaN(f.cachedTime) && Double.isNaN(f.cachedIdle)); f = f.parent) {
            f.cachedTime = Double.NaN;
            f.cachedIdle = Double.NaN;
        }
    }

    /** A deep copy of this subtree (groups are not copied). */
    public Frame copy() {
        Frame f = new Frame(kind, identifier, className, methodName, fileName, line, location);
        f.absorbedTime = absorbedTime;
        f.absorbedIdle = absorbedIdle;
        f.virtualThread = virtualThread;
        f.threadId = threadId;
        f.poolThreads = poolThreads;
        if (lineTimes != null) {
            f.lineTimes = new LinkedHashMap<>(lineTimes);
            f.lineBest = lineBest;
        }
        if (attributes != null) {
            f.attributes = new LinkedHashMap<>(attributes);
        }
        for (Frame child : children) {
            Frame c = child.copy();
            c.parent = f;
            f.children.add(c);
        }
        return f;
    }

    @Override
    public String toString() {
        return String.format("%s %.3f", identifier.replace('\0', ' '), time());
    }
}

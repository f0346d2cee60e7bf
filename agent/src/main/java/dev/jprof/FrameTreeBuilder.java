package dev.jprof;

import dev.jprof.tree.Frame;

import dev.jprof.sampling.ThreadState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a session's samples into a time-linear call tree, as pyinstrument does: per thread, each sample
 * reuses the frames it shares with the previous sample's path and opens new ones where it differs;
 * leaf time goes into {@code [self]} frames.
 */
final class FrameTreeBuilder {
    private final Session session;
    private final boolean mergeRuns;
    private final SessionTables t;
    private final int[] methodKey;
    private final CodeLocation[] locations;
    /** Each frame's identifier, built once: the time-linear tree can hold millions of frames. */
    private final String[] identifiers;

    FrameTreeBuilder(Session session) {
        this(session, false);
    }

    /**
     * @param mergeRuns build from one run per (thread, stack, state), weights summed, in order of first
     *                  occurrence, reusing a parent's child of the same method: the tree that aggregating
     *                  repeated calls makes, built from far fewer frames (a long timeline otherwise costs
     *                  frames per stack change)
     */
    FrameTreeBuilder(Session session, boolean mergeRuns) {
        this.mergeRuns = mergeRuns;
        this.session = session;
        this.t = session.tables();
        this.methodKey = new int[t.frameCount()];
        this.locations = new CodeLocation[t.frameCount()];
        this.identifiers = new String[t.frameCount()];
        Map<Long, Integer> keys = new HashMap<>();
        for (int f = 0; f < methodKey.length; f++) {
            // class and method ids fit in 32 bits each; the file is folded in below.
            long key = ((long) t.frameClass[f] << 32) | (t.frameMethod[f] & 0xffffffffL);
            key = key * 31 + t.frameFile[f];
            Integer k = keys.putIfAbsent(key, f);
            methodKey[f] = k == null ? f : k;
            locations[f] = new CodeLocation(t.strings[t.frameLocation[f]], t.strings[t.frameLibrary[f]], t.frameApp[f]);
            identifiers[f] = Frame.methodIdentifier(t.strings[t.frameClass[f]], t.strings[t.frameMethod[f]],
                    t.strings[t.frameFile[f]]);
        }
    }

    Frame build() {
        if (t.runCount() == 0) {
            return null;
        }
        Frame root = Frame.root(session.targetDescription());
        int threads = t.threadId.length;
        Frame[] threadFrames = new Frame[threads];
        @SuppressWarnings("unchecked")
        List<Frame>[] paths = new List[threads];
        int[][] pathKeys = new int[threads][];
        @SuppressWarnings("unchecked")
        Map<String, Double>[] stateTimes = new Map[threads];
        AwaitRules rules = new AwaitRules(t, session.asyncMode());
        Integer[] order = chronological();
        long[] weights = mergeRuns ? mergeRuns(order) : t.runWeight;
        for (Integer run : order) {
            if (run == null) {
                break;
            }
            int r = run;
            int th = t.runThread[r];
            double seconds = weights[r] / 1e9;
            int[] frames = t.framesOf(t.runStack[r]);
            AwaitRules.Tail tail = rules.classify(frames, t.runState[r], t.threadVirtual[th]);
            AwaitRules.Kind kind = tail.kind();
            int keep = tail.keep();
            if (kind == AwaitRules.Kind.SKIP) {
                continue;
            }
            if (threadFrames[th] == null) {
                threadFrames[th] = Frame.thread(t.threadName[th], t.threadId[th], t.threadVirtual[th]);
                root.addChild(threadFrames[th]);
                paths[th] = new ArrayList<>();
                pathKeys[th] = new int[16];
                stateTimes[th] = new LinkedHashMap<>();
            }
            stateTimes[th].merge(ThreadState.name(t.runState[r]), seconds, Double::sum);
            List<Frame> path = paths[th];
            Frame parent = threadFrames[th];
            if (pathKeys[th].length < frames.length) {
                pathKeys[th] = Arrays.copyOf(pathKeys[th], frames.length * 2);
            }
            int[] keys = pathKeys[th];
            for (int d = 0; d < keep; d++) {
                int f = frames[d];
                Frame node = d < path.size() && keys[d] == methodKey[f] ? path.get(d) : null;
                if (node == null) {
                    truncate(path, d);
                    node = mergeRuns ? child(parent, identifiers[f]) : null;
                    if (node == null) {
                        String file = t.strings[t.frameFile[f]];
                        node = Frame.method(identifiers[f], t.strings[t.frameClass[f]], t.strings[t.frameMethod[f]],
                                file == null ? "" : file, t.frameLine[f], locations[f]);
                        parent.addChild(node);
                    }
                    path.add(node);
                    keys[d] = methodKey[f];
                }
                node.addLineTime(t.frameLine[f], seconds);
                parent = node;
            }
            truncate(path, keep);
            String leaf = leafOf(kind);
            double idle = kind != AwaitRules.Kind.NONE || isIdle(t.runState[r]) ? seconds : 0;
            List<Frame> siblings = parent.children();
            Frame last = mergeRuns ? child(parent, leaf) : siblings.isEmpty() ? null : siblings.get(siblings.size() - 1);
            if (last != null && leaf.equals(last.identifier())) {
                last.addAbsorbedTime(seconds, idle);
            } else {
                parent.addChild(Frame.synthetic(leaf, seconds, idle));
            }
        }
        for (int th = 0; th < threads; th++) {
            if (threadFrames[th] != null) {
                threadFrames[th].setAttribute("thread_states", stateTimes[th]);
            }
        }
        return root;
    }

    private static String leafOf(AwaitRules.Kind kind) {
        switch (kind) {
            case AWAIT:
                return Frame.AWAIT;
            case CARRIER_WAIT:
                return Frame.CARRIER_WAIT;
            case OUT_OF_CONTEXT:
                return Frame.OUT_OF_CONTEXT;
            case IDLE:
                return Frame.IDLE;
            default:
                return Frame.SELF_TIME;
        }
    }

    /**
     * Parked, sleeping or waiting. {@code BLOCKED} is not idle: a wall-clock profile exists to show lock
     * contention.
     */
    private static boolean isIdle(byte state) {
        return state == ThreadState.WAITING || state == ThreadState.TIMED_WAITING;
    }

    /** The child with this identifier, searched from the newest: merged runs reuse frames as aggregation would. */
    private static Frame child(Frame parent, String identifier) {
        List<Frame> children = parent.children();
        for (int i = children.size() - 1; i >= 0; i--) {
            Frame c = children.get(i);
            if (c.identifier().equals(identifier)) {
                return c;
            }
        }
        return null;
    }

    private static void truncate(List<Frame> path, int size) {
        while (path.size() > size) {
            path.remove(path.size() - 1);
        }
    }

    /**
     * Keeps, in {@code order}, the first run of each (thread, stack, state), followed by nulls, and
     * returns weights in which that run holds the sum of all of them.
     */
    private long[] mergeRuns(Integer[] order) {
        long[] weights = new long[t.runCount()];
        Map<Long, Integer> first = new HashMap<>();
        int kept = 0;
        for (Integer r : order) {
            long key = ((long) t.runThread[r] << 40) ^ ((long) t.runState[r] << 32) ^ (t.runStack[r] & 0xffffffffL);
            Integer at = first.putIfAbsent(key, r);
            if (at == null) {
                weights[r] = t.runWeight[r];
                order[kept++] = r;
            } else {
                weights[at] += t.runWeight[r];
            }
        }
        Arrays.fill(order, kept, order.length, null);
        return weights;
    }

    /** Run indices ordered by start time; runs of one thread are already in order. */
    private Integer[] chronological() {
        Integer[] order = new Integer[t.runCount()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(t.runStart[a], t.runStart[b]));
        return order;
    }
}

package dev.jprof.sampling;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interns stack frames to ints. A frame is (class, method, file, line) plus the module and class loader
 * names, which later resolve the frame's code location.
 */
public final class FrameTable {
    /**
     * Estimated bytes of one interned frame besides its strings: the StackTraceElement (~48), its
     * HashMap node (32), the boxed id (16) and a share of the hash table and list arrays (16).
     */
    static final int FRAME_OVERHEAD_BYTES = 112;

    private final Map<StackTraceElement, Integer> ids = new HashMap<>();
    private final List<StackTraceElement> frames = new ArrayList<>();
    private long bytes = 64;

    /** The id of the frame, interning it on first sight. */
    public int intern(StackTraceElement element) {
        int id = find(element);
        return id >= 0 ? id : add(element);
    }

    /** The id of the frame if it is known, else -1. */
    int find(StackTraceElement element) {
        Integer id = ids.get(element);
        return id == null ? -1 : id;
    }

    /** Interns a frame not known yet. */
    int add(StackTraceElement element) {
        int next = frames.size();
        frames.add(element);
        ids.put(element, next);
        bytes += bytesOf(element);
        return next;
    }

    /**
     * Estimated bytes one frame adds. Its strings are counted as if it owned them: the JVM often shares
     * them (interned method names, Class.getName()), but endless generated classes bring new ones.
     */
    static long bytesOf(StackTraceElement e) {
        return FRAME_OVERHEAD_BYTES + stringBytes(e.getClassName()) + stringBytes(e.getMethodName())
                + stringBytes(e.getFileName());
    }

    /** A compact (Latin-1) String: 24-byte object + 16-byte array header + its characters, 8-aligned. */
    private static long stringBytes(String s) {
        return s == null ? 0 : 40 + ((s.length() + 7) & ~7);
    }

    /** Estimated heap bytes of this table, including the interned frames and their strings. */
    long bytes() {
        return bytes;
    }

    public StackTraceElement get(int id) {
        return frames.get(id);
    }

    public int size() {
        return frames.size();
    }
}

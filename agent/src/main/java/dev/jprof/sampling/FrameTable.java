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
    private final Map<StackTraceElement, Integer> ids = new HashMap<>();
    private final List<StackTraceElement> frames = new ArrayList<>();

    /** The id of the frame, interning it on first sight. */
    public int intern(StackTraceElement element) {
        Integer id = ids.get(element);
        if (id != null) {
            return id;
        }
        int next = frames.size();
        frames.add(element);
        ids.put(element, next);
        return next;
    }

    public StackTraceElement get(int id) {
        return frames.get(id);
    }

    public int size() {
        return frames.size();
    }
}

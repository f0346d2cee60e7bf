package dev.jprof;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report header's one line about the memory bound, shared by the renderers that show a header. */
final class MemoryNotice {
    private MemoryNotice() {
    }

    /**
     * @param limitBytes the bound, 0 when unknown (older files)
     * @return e.g. {@code memory limit 32 MB reached: timeline aggregated; 1,234 samples kept at shallower
     *         stacks}, or an empty string when the bound changed nothing
     */
    static String of(long limitBytes, boolean aggregated, long shallower, long dropped) {
        List<String> what = new ArrayList<>();
        if (aggregated) {
            what.add("timeline aggregated");
        }
        if (shallower > 0) {
            what.add(String.format(Locale.ROOT, "%,d samples kept at shallower stacks", shallower));
        }
        if (dropped > 0) {
            what.add(String.format(Locale.ROOT, "%,d samples dropped", dropped));
        }
        if (what.isEmpty()) {
            return "";
        }
        String head = limitBytes > 0 ? "memory limit " + size(limitBytes) + " reached" : "the sample store was full";
        return head + ": " + String.join("; ", what);
    }

    /** 32 MB, 1.5 GB, 512 KB. */
    static String size(long bytes) {
        String[] units = {"bytes", "KB", "MB", "GB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%d %s", (long) v, units[u])
                : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}

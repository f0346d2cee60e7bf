package dev.jprof.renderers;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.jprof.SampleTable;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The timeline block of the HTML page. Up to the entry budget every run is kept as recorded; beyond it
 * each thread's time is cut into equal buckets and each bucket keeps its heaviest (stack, state), so the
 * file size is bounded whatever the recording's length. The call tree never uses this block.
 */
final class HtmlTimeline {
    private final SampleTable s;
    private final int maxEntries;
    private final LongColumn thread = new LongColumn();
    private final LongColumn stack = new LongColumn();
    private final LongColumn state = new LongColumn();
    private final LongColumn gap = new LongColumn();
    private final LongColumn weight = new LongColumn();
    private long previousEndMicros;
    private long bucketNanos;

    HtmlTimeline(SampleTable s, int maxEntries) {
        this.s = s;
        this.maxEntries = maxEntries;
    }

    void write(JsonGenerator g) throws IOException {
        int runCount = s.runCount();
        long[] start = new long[runCount];
        long[] w = new long[runCount];
        long[] th = new long[runCount];
        long[] st = new long[runCount];
        long[] state = new long[runCount];
        for (int r = 0; r < runCount; r++) {
            start[r] = s.runStart(r);
            w[r] = s.runWeight(r);
            th[r] = s.runThread(r);
            st[r] = s.runStack(r);
            state[r] = s.runState(r);
        }
        int[][] byThread = runsByThread(th, start);
        boolean resample = start.length > maxEntries;
        if (resample) {
            long end = 0;
            for (int r = 0; r < start.length; r++) {
                end = Math.max(end, start[r] + w[r]);
            }
            int active = 0;
            for (int[] runs : byThread) {
                active += runs.length == 0 ? 0 : 1;
            }
            bucketNanos = Math.max(1000, (long) Math.ceil((double) end * active / maxEntries));
        }
        for (int t = 0; t < byThread.length; t++) {
            previousEndMicros = 0;
            if (resample) {
                resampleThread(t, byThread[t], start, w, st, state);
            } else {
                for (int r : byThread[t]) {
                    emit(t, start[r], w[r], st[r], state[r]);
                }
            }
        }
        g.writeObjectFieldStart("timeline");
        g.writeBooleanField("resampled", resample);
        g.writeNumberField("bucket", bucketNanos / 1000);
        g.writeNumberField("source_runs", start.length);
        HtmlData.column(g, "thread", thread.toArray());
        HtmlData.column(g, "stack", stack.toArray());
        HtmlData.column(g, "state", this.state.toArray());
        HtmlData.column(g, "gap", gap.toArray());
        HtmlData.column(g, "weight", weight.toArray());
        g.writeEndObject();
    }

    /** Run indices per thread, in time order (the store appends them in order; combined sessions too). */
    private static int[][] runsByThread(long[] thread, long[] start) {
        int threads = 0;
        for (long t : thread) {
            threads = (int) Math.max(threads, t + 1);
        }
        int[] counts = new int[threads];
        for (long t : thread) {
            counts[(int) t]++;
        }
        int[][] out = new int[threads][];
        for (int t = 0; t < threads; t++) {
            out[t] = new int[counts[t]];
        }
        int[] fill = new int[threads];
        for (int r = 0; r < thread.length; r++) {
            out[(int) thread[r]][fill[(int) thread[r]]++] = r;
        }
        for (int t = 0; t < threads; t++) {
            int[] runs = out[t];
            for (int i = 1; i < runs.length; i++) {
                if (start[runs[i]] < start[runs[i - 1]]) {
                    out[t] = Arrays.stream(runs).boxed().sorted((a, b) -> Long.compare(start[a], start[b]))
                            .mapToInt(Integer::intValue).toArray();
                    break;
                }
            }
        }
        return out;
    }

    private void resampleThread(int t, int[] runs, long[] start, long[] w, long[] st, long[] state) {
        Map<Long, Long> weightByKey = new HashMap<>();
        long bucket = -1;
        long first = 0;
        long end = 0;
        for (int r : runs) {
            if (w[r] >= bucketNanos) {
                flush(t, weightByKey, first, end);
                bucket = -1;
                emit(t, start[r], w[r], st[r], state[r]);
                continue;
            }
            long b = start[r] / bucketNanos;
            if (b != bucket) {
                flush(t, weightByKey, first, end);
                bucket = b;
                first = start[r];
            }
            weightByKey.merge(st[r] * 8 + state[r], w[r], Long::sum);
            end = Math.max(end, start[r] + w[r]);
        }
        flush(t, weightByKey, first, end);
    }

    private void flush(int t, Map<Long, Long> weightByKey, long first, long end) {
        if (weightByKey.isEmpty()) {
            return;
        }
        long heaviest = -1;
        long most = -1;
        for (Map.Entry<Long, Long> e : weightByKey.entrySet()) {
            if (e.getValue() > most || e.getValue() == most && e.getKey() < heaviest) {
                most = e.getValue();
                heaviest = e.getKey();
            }
        }
        weightByKey.clear();
        emit(t, first, end - first, heaviest / 8, heaviest % 8);
    }

    private void emit(int t, long startNanos, long weightNanos, long stackId, long stateId) {
        long startMicros = Math.max(previousEndMicros, Math.round(startNanos / 1000.0));
        long endMicros = Math.max(startMicros + 1, Math.round((startNanos + weightNanos) / 1000.0));
        int last = weight.size() - 1;
        if (last >= 0 && startMicros == previousEndMicros && thread.get(last) == t && stack.get(last) == stackId
                && state.get(last) == stateId) {
            weight.set(last, weight.get(last) + endMicros - startMicros);
        } else {
            thread.add(t);
            stack.add(stackId);
            state.add(stateId);
            gap.add(startMicros - previousEndMicros);
            weight.add(endMicros - startMicros);
        }
        previousEndMicros = endMicros;
    }

    /** A growable column of longs. */
    private static final class LongColumn {
        private long[] a = new long[1024];
        private int n;

        void add(long v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        long get(int i) {
            return a[i];
        }

        void set(int i, long v) {
            a[i] = v;
        }

        int size() {
            return n;
        }

        long[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}

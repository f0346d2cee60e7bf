package dev.jprof.testing;

import com.google.protobuf.CodedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Decodes a gzipped pprof profile into plain values, reading the fields of
 * {@code github.com/google/pprof/proto/profile.proto} with protobuf's own {@link CodedInputStream}:
 * an independent reader for the encoder's unit tests (the it-tests use {@code go tool pprof}).
 */
public final class PprofReader {
    /** One decoded sample: leaf-first function names, values, string labels. */
    public static final class Sample {
        public final List<String> stack = new ArrayList<>();
        public final List<Long> values = new ArrayList<>();
        public final Map<String, String> labels = new HashMap<>();
    }

    public final List<String> strings = new ArrayList<>();
    public final List<String> sampleTypes = new ArrayList<>();
    public final List<Sample> samples = new ArrayList<>();
    public String periodType;
    public long period;
    public long timeNanos;
    public long durationNanos;
    public String defaultSampleType;
    /** Function id to "name file" and location id to (function id, line). */
    public final Map<Long, long[]> functions = new HashMap<>();
    public final Map<Long, long[]> locations = new HashMap<>();
    public final Map<Long, Long> locationMapping = new HashMap<>();

    private final List<long[]> rawSampleTypes = new ArrayList<>();
    private final List<RawSample> rawSamples = new ArrayList<>();
    private long[] rawPeriodType;
    private long rawDefault;

    private static final class RawSample {
        final List<Long> locations = new ArrayList<>();
        final List<Long> values = new ArrayList<>();
        final List<long[]> labels = new ArrayList<>();
    }

    public static PprofReader read(byte[] gzipped) throws IOException {
        byte[] raw = new GZIPInputStream(new ByteArrayInputStream(gzipped)).readAllBytes();
        PprofReader r = new PprofReader();
        r.parse(CodedInputStream.newInstance(raw));
        r.resolve();
        return r;
    }

    private void parse(CodedInputStream in) throws IOException {
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag >>> 3) {
                case 1: rawSampleTypes.add(pair(in.readBytes().newCodedInput())); break;
                case 2: rawSamples.add(sample(in.readBytes().newCodedInput())); break;
                case 3: mapping(in.readBytes().newCodedInput()); break;
                case 4: location(in.readBytes().newCodedInput()); break;
                case 5: function(in.readBytes().newCodedInput()); break;
                case 6: strings.add(in.readString()); break;
                case 9: timeNanos = in.readInt64(); break;
                case 10: durationNanos = in.readInt64(); break;
                case 11: rawPeriodType = pair(in.readBytes().newCodedInput()); break;
                case 12: period = in.readInt64(); break;
                case 14: rawDefault = in.readInt64(); break;
                default: in.skipField(tag);
            }
        }
    }

    private static long[] pair(CodedInputStream in) throws IOException {
        long[] p = new long[4];
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = tag >>> 3;
            if (field <= 4 && (tag & 7) == 0) {
                p[field - 1] = in.readInt64();
            } else {
                in.skipField(tag);
            }
        }
        return p;
    }

    private static RawSample sample(CodedInputStream in) throws IOException {
        RawSample s = new RawSample();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = tag >>> 3;
            if (field == 3) {
                s.labels.add(pair(in.readBytes().newCodedInput()));
            } else if (field == 1 || field == 2) {
                List<Long> target = field == 1 ? s.locations : s.values;
                if ((tag & 7) == 2) {
                    int limit = in.pushLimit(in.readRawVarint32());
                    while (in.getBytesUntilLimit() > 0) {
                        target.add(in.readInt64());
                    }
                    in.popLimit(limit);
                } else {
                    target.add(in.readInt64());
                }
            } else {
                in.skipField(tag);
            }
        }
        return s;
    }

    private void mapping(CodedInputStream in) throws IOException {
        in.skipMessage();
    }

    private void location(CodedInputStream in) throws IOException {
        long id = 0;
        long mapping = 0;
        long[] line = new long[4];
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag >>> 3) {
                case 1: id = in.readUInt64(); break;
                case 2: mapping = in.readUInt64(); break;
                case 4: line = pair(in.readBytes().newCodedInput()); break;
                default: in.skipField(tag);
            }
        }
        locations.put(id, new long[] {line[0], line[1]});
        locationMapping.put(id, mapping);
    }

    private void function(CodedInputStream in) throws IOException {
        long[] f = pair(in);
        functions.put(f[0], new long[] {f[1], f[3]});
    }

    private void resolve() {
        for (long[] t : rawSampleTypes) {
            sampleTypes.add(strings.get((int) t[0]) + "/" + strings.get((int) t[1]));
        }
        periodType = rawPeriodType == null ? null : strings.get((int) rawPeriodType[0]) + "/" + strings.get((int) rawPeriodType[1]);
        defaultSampleType = strings.get((int) rawDefault);
        for (RawSample raw : rawSamples) {
            Sample s = new Sample();
            for (long loc : raw.locations) {
                s.stack.add(functionName(loc));
            }
            s.values.addAll(raw.values);
            for (long[] l : raw.labels) {
                s.labels.put(strings.get((int) l[0]), strings.get((int) l[1]));
            }
            samples.add(s);
        }
    }

    /** The function name of a location. */
    public String functionName(long location) {
        return strings.get((int) functions.get(locations.get(location)[0])[0]);
    }

    /** The file name of a location's function. */
    public String fileName(long location) {
        return strings.get((int) functions.get(locations.get(location)[0])[1]);
    }
}

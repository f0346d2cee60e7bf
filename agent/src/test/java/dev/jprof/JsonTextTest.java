package dev.jprof;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The session writer's JSON is character for character what Jackson's generator wrote before it. */
class JsonTextTest {
    private static final String[] STRINGS = {"", "plain", "quote \" and \\ backslash", "tab\tnew\nline\rcr\bback\fform",
        "\u0000\u0001\u001f control", "caf\u00e9 \u4e2d\u6587 \ud83d\ude80", "slash / and <script>", "\u007f\u2028\u2029"};
    private static final long[] LONGS = {0, 1, -1, 9, 10, 99, 100, 12345678901234L, Long.MAX_VALUE, Long.MIN_VALUE + 1,
        Long.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE};
    private static final double[] DOUBLES = {0.0, -0.0, 1.5, 1.7648656123E9, 0.001, 1e-7, 123456.789, -2.5,
        Double.MAX_VALUE, Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY};

    @Test
    void writesWhatJacksonsGeneratorWrote() throws IOException {
        StringWriter ours = new StringWriter();
        try (JsonText g = new JsonText(ours)) {
            g.startObject();
            g.field("format", "jprof-session");
            g.field("flag", true);
            g.field("off", false);
            g.field("missing", (String) null);
            g.name("strings");
            g.startArray();
            for (String s : STRINGS) {
                g.value(s);
            }
            g.endArray();
            g.name("nested");
            g.startObject();
            g.array("ints", new int[] {3, -4, 0, Integer.MAX_VALUE});
            g.array("longs", LONGS);
            g.name("empty");
            g.startArray();
            g.endArray();
            g.endObject();
            for (int i = 0; i < DOUBLES.length; i++) {
                g.field("d" + i, DOUBLES[i]);
            }
            g.endObject();
        }
        StringWriter jackson = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(jackson)) {
            g.writeStartObject();
            g.writeStringField("format", "jprof-session");
            g.writeBooleanField("flag", true);
            g.writeBooleanField("off", false);
            g.writeStringField("missing", null);
            g.writeArrayFieldStart("strings");
            for (String s : STRINGS) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("nested");
            g.writeFieldName("ints");
            int[] ints = {3, -4, 0, Integer.MAX_VALUE};
            g.writeArray(ints, 0, ints.length);
            g.writeFieldName("longs");
            g.writeArray(LONGS, 0, LONGS.length);
            g.writeArrayFieldStart("empty");
            g.writeEndArray();
            g.writeEndObject();
            for (int i = 0; i < DOUBLES.length; i++) {
                g.writeNumberField("d" + i, DOUBLES[i]);
            }
            g.writeEndObject();
        }
        assertEquals(jackson.toString(), ours.toString());
    }

    @Test
    void aLongArrayCrossesTheBufferIntact() throws IOException {
        long[] many = new long[5_000];
        StringBuilder expected = new StringBuilder("{\"v\":[");
        for (int i = 0; i < many.length; i++) {
            many[i] = (long) i * 1_000_003L - 7;
            expected.append(i == 0 ? "" : ",").append(many[i]);
        }
        expected.append("]}");
        StringWriter out = new StringWriter();
        try (JsonText g = new JsonText(out)) {
            g.startObject();
            g.array("v", many);
            g.endObject();
        }
        assertEquals(expected.toString(), out.toString());
    }
}

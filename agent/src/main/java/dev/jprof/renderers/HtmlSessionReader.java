package dev.jprof.renderers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.jprof.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a session's tables back out of {@link Session#toJson()} with a streaming parser. The tables are
 * not public API, and the session's own format is the stable contract between recorder and renderers;
 * streaming keeps a million-sample session to flat arrays instead of a node tree.
 */
final class HtmlSessionReader {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();

    /** Scalar metadata fields, by name (numbers as Double/Long, strings, booleans). */
    final Map<String, Object> meta = new HashMap<>();
    /** Every table column by "table.column" (e.g. "samples.weight"): long[] or String[]. */
    final Map<String, Object> columns = new HashMap<>();

    static HtmlSessionReader read(Session session) {
        HtmlSessionReader r = new HtmlSessionReader();
        try (JsonParser p = FACTORY.createParser(session.toJson())) {
            r.readRoot(p);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the session's tables", e);
        }
        return r;
    }

    long[] longs(String column) {
        Object v = columns.get(column);
        return v instanceof long[] ? (long[]) v : new long[0];
    }

    String[] strings(String column) {
        Object v = columns.get(column);
        return v instanceof String[] ? (String[]) v : new String[0];
    }

    private void readRoot(JsonParser p) throws IOException {
        expect(p.nextToken(), JsonToken.START_OBJECT);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String column = name + "." + p.currentName();
                    if (p.nextToken() == JsonToken.START_ARRAY) {
                        columns.put(column, readArray(p));
                    } else {
                        p.skipChildren(); // not a table column (e.g. start_call_stack.thread_id)
                    }
                }
            } else if (t == JsonToken.START_ARRAY) {
                columns.put(name, readArray(p));
            } else if (t == JsonToken.VALUE_STRING) {
                meta.put(name, p.getText());
            } else if (t == JsonToken.VALUE_NUMBER_INT) {
                meta.put(name, p.getLongValue());
            } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                meta.put(name, p.getDoubleValue());
            } else if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                meta.put(name, t == JsonToken.VALUE_TRUE);
            } else {
                p.skipChildren();
            }
        }
    }

    private static Object readArray(JsonParser p) throws IOException {
        long[] numbers = new long[64];
        List<String> texts = null;
        int n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                p.skipChildren(); // nested records are not table columns
            } else if (t == JsonToken.VALUE_STRING) {
                if (texts == null) {
                    texts = new ArrayList<>();
                }
                texts.add(p.getText());
            } else {
                if (n == numbers.length) {
                    numbers = Arrays.copyOf(numbers, n * 2);
                }
                numbers[n++] = p.getValueAsLong();
            }
        }
        return texts != null ? texts.toArray(new String[0]) : Arrays.copyOf(numbers, n);
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("unexpected session JSON: " + actual + " where " + expected + " was expected");
        }
    }
}

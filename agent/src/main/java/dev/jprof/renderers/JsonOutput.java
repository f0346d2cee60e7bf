package dev.jprof.renderers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Writes JSON text with Jackson's streaming generator, shared by the JSON-producing renderers. */
final class JsonOutput {
    /** Call trees nest one object and one array per frame: lift Jackson's default depth limit of 1000. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
            .build();

    /** The body of a JSON document. */
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private JsonOutput() {
    }

    /** Runs {@code body} against a generator and returns the text it wrote. */
    static String write(Body body) {
        StringWriter out = new StringWriter(1 << 12);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            // A StringWriter does not fail; anything here is a bug worth surfacing unchanged.
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes a number, or null when it is not finite (JSON has no NaN or infinity). */
    static void number(JsonGenerator g, String field, double value) throws IOException {
        g.writeFieldName(field);
        if (Double.isFinite(value)) {
            g.writeNumber(value);
        } else {
            g.writeNull();
        }
    }
}

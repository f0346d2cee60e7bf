package dev.jprof;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes the JSON of a {@code .jprof} session: objects, arrays, strings and numbers, nothing else. Not Jackson's
 * generator, which the session reader still uses: the agent writes a session at the exit of every JVM the
 * {@code jprof} command starts, and loading and initialising Jackson there cost a fresh JVM ~30 ms (JDK 17 and
 * 25) of a hello world's exit. Numbers are written digit by digit into a buffer: a session holds millions.
 * Output is what Jackson's generator wrote (compact, strings escaped the same way), so old and new files match.
 */
final class JsonText implements AutoCloseable {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final Writer out;
    private final char[] buffer = new char[1 << 13];
    private int used;
    /** Per open container, whether it has a member yet (a comma comes before the next). */
    private boolean[] hasMember = new boolean[16];
    private int depth;
    /** After a field name: the value that follows takes no comma. */
    private boolean afterName;

    JsonText(Writer out) {
        this.out = out;
    }

    void startObject() throws IOException {
        open('{');
    }

    void endObject() throws IOException {
        close('}');
    }

    void startArray() throws IOException {
        open('[');
    }

    void endArray() throws IOException {
        close(']');
    }

    void name(String name) throws IOException {
        separate();
        quoted(name);
        put(':');
        afterName = true;
    }

    void value(String s) throws IOException {
        separate();
        if (s == null) {
            text("null");
        } else {
            quoted(s);
        }
    }

    void value(long v) throws IOException {
        separate();
        digits(v);
    }

    void value(boolean v) throws IOException {
        separate();
        text(v ? "true" : "false");
    }

    /** A double as Java prints it; not finite as a string ("NaN"), as Jackson's generator does by default. */
    void value(double v) throws IOException {
        separate();
        if (Double.isFinite(v)) {
            text(Double.toString(v));
        } else {
            quoted(Double.toString(v));
        }
    }

    void field(String name, String value) throws IOException {
        name(name);
        value(value);
    }

    void field(String name, long value) throws IOException {
        name(name);
        value(value);
    }

    void field(String name, double value) throws IOException {
        name(name);
        value(value);
    }

    void field(String name, boolean value) throws IOException {
        name(name);
        value(value);
    }

    void array(String name, int[] values) throws IOException {
        name(name);
        startArray();
        for (int v : values) {
            value(v);
        }
        endArray();
    }

    void array(String name, long[] values) throws IOException {
        name(name);
        startArray();
        for (long v : values) {
            value(v);
        }
        endArray();
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }

    private void open(char c) throws IOException {
        separate();
        put(c);
        if (++depth == hasMember.length) {
            hasMember = java.util.Arrays.copyOf(hasMember, depth * 2);
        }
        hasMember[depth] = false;
    }

    private void close(char c) throws IOException {
        if (depth == 0) {
            throw new IllegalStateException("no open container to close");
        }
        depth--;
        put(c);
    }

    private void separate() throws IOException {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0) {
            if (hasMember[depth]) {
                put(',');
            }
            hasMember[depth] = true;
        }
    }

    private void quoted(String s) throws IOException {
        put('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                put('\\');
                put(c);
            } else if (c < 0x20) {
                escapeControl(c);
            } else {
                put(c);
            }
        }
        put('"');
    }

    private void escapeControl(char c) throws IOException {
        put('\\');
        switch (c) {
            case '\n':
                put('n');
                break;
            case '\r':
                put('r');
                break;
            case '\t':
                put('t');
                break;
            case '\b':
                put('b');
                break;
            case '\f':
                put('f');
                break;
            default:
                put('u');
                put('0');
                put('0');
                put(HEX[c >> 4]);
                put(HEX[c & 0xf]);
        }
    }

    private void digits(long v) throws IOException {
        if (v == Long.MIN_VALUE) {
            text(Long.toString(v));
            return;
        }
        if (buffer.length - used < 20) {
            flush();
        }
        if (v < 0) {
            buffer[used++] = '-';
            v = -v;
        }
        int end = used + digitCount(v);
        int at = end;
        do {
            buffer[--at] = (char) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        used = end;
    }

    private static int digitCount(long v) {
        int n = 1;
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }

    private void text(String s) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            put(s.charAt(i));
        }
    }

    private void put(char c) throws IOException {
        if (used == buffer.length) {
            flush();
        }
        buffer[used++] = c;
    }

    private void flush() throws IOException {
        out.write(buffer, 0, used);
        used = 0;
    }
}

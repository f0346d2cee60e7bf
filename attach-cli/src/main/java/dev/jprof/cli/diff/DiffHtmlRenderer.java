package dev.jprof.cli.diff;

import dev.jprof.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * {@code jprof diff} as one self-contained HTML page: a differential flame graph (frame widths from B, colour
 * by change of share: red grew, blue shrank; tooltip with both times and shares; search; click to zoom) and
 * the ranked list of the text view. The page's script and style are resources beside this class.
 */
public final class DiffHtmlRenderer {
    private final int top;

    /** @param top how many paths the page's ranked table lists */
    public DiffHtmlRenderer(int top) {
        this.top = top;
    }

    public String render(ProfileDiff diff) {
        StringBuilder json = new StringBuilder(4096);
        json.append("{\"a\":");
        profile(json, diff.a(), diff.root().timeA());
        json.append(",\"b\":");
        profile(json, diff.b(), diff.root().timeB());
        json.append(",\"note\":").append(string(diff.unlikeNote()));
        json.append(",\"root\":");
        node(json, diff, diff.root());
        json.append(",\"top\":[");
        List<DiffNode> ranked = diff.ranked();
        for (int i = 0; i < Math.min(top, ranked.size()); i++) {
            DiffNode n = ranked.get(i);
            json.append(i == 0 ? "" : ",").append("{\"n\":").append(string(n.name())).append(",\"w\":")
                    .append(string(n.calledFrom(DiffTextRenderer.NEAREST_CALLERS, " \u2190 "))).append(",\"a\":").append(number(n.timeA())).append(",\"b\":").append(number(n.timeB())).append('}');
        }
        json.append("]}");
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';"
                + " script-src 'unsafe-inline'\">\n"
                + "<title>jprof diff: " + escape(diff.a().label()) + " \u2192 " + escape(diff.b().label()) + "</title>\n"
                + "<style>\n" + resource("diff.css") + "</style>\n</head><body>\n"
                + "<script id=\"diff-data\" type=\"application/json\">" + json.toString().replace("<", "\\u003c")
                + "</script>\n<script>\n" + resource("diff.js") + "</script>\n</body></html>\n";
    }

    private static void profile(StringBuilder json, ProfileDiff.Profile p, double total) {
        Session s = p.session();
        json.append("{\"label\":").append(string(p.label())).append(",\"program\":").append(string(s.targetDescription()))
                .append(",\"duration\":").append(number(s.duration())).append(",\"samples\":").append(s.sampleCount())
                .append(",\"total\":").append(number(total)).append('}');
    }

    /** Paths below the threshold in both profiles are left out, as in the text. */
    private static void node(StringBuilder json, ProfileDiff diff, DiffNode n) {
        json.append("{\"n\":").append(string(n.name()));
        if (!n.detail().isEmpty()) {
            json.append(",\"f\":").append(string(n.detail()));
        }
        if (n.application()) {
            json.append(",\"app\":1");
        }
        json.append(",\"a\":").append(number(n.timeA())).append(",\"b\":").append(number(n.timeB()));
        boolean first = true;
        for (DiffNode child : n.children()) {
            if (!diff.shown(child)) {
                continue;
            }
            json.append(first ? ",\"c\":[" : ",");
            first = false;
            node(json, diff, child);
        }
        json.append(first ? "}" : "]}");
    }

    private static String number(double seconds) {
        return Double.toString(seconds); // every digit: the page computes the same shares as the text
    }

    /** A JSON string; the caller escapes {@code <} for the script element. */
    static String string(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String resource(String name) {
        try (InputStream in = DiffHtmlRenderer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the diff page's " + name + " is missing from the jprof jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

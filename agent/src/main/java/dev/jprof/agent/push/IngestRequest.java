package dev.jprof.agent.push;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * The query of Pyroscope's {@code POST /ingest} for one profile: {@code name} (application name with its
 * labels, {@code app{k=v,...}}), {@code from} and {@code until} in Unix seconds, {@code format=pprof},
 * {@code sampleRate} in Hz, {@code spyName}, {@code units} and {@code aggregationType}; the body is the
 * gzipped pprof profile, sent as the {@code profile} part of a multipart form as Pyroscope's own clients do.
 */
final class IngestRequest {
    /** The spy name Pyroscope records for jprof's profiles. */
    static final String SPY_NAME = "jprof";

    private IngestRequest() {
    }

    /** The application name with its labels, as Pyroscope parses it: {@code app{k=v,k2=v2}}. */
    static String name(String app, Map<String, String> labels) {
        if (labels.isEmpty()) {
            return app;
        }
        StringBuilder s = new StringBuilder(app).append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (!first) {
                s.append(',');
            }
            first = false;
            s.append(e.getKey()).append('=').append(e.getValue());
        }
        return s.append('}').toString();
    }

    /**
     * @param server       the server's base URL, e.g. {@code http://pyroscope:4040}
     * @param name         {@link #name}
     * @param from         when the profile started
     * @param until        when it ended
     * @param sampleRateHz samples per second per thread
     */
    static URI uri(URI server, String name, Instant from, Instant until, long sampleRateHz) {
        String base = server.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        long fromSeconds = from.getEpochSecond();
        long untilSeconds = Math.max(fromSeconds + 1, (until.toEpochMilli() + 999) / 1000); // until > from
        return URI.create(base + "/ingest?name=" + encode(name)
                + "&from=" + fromSeconds
                + "&until=" + untilSeconds
                + "&format=pprof"
                + "&sampleRate=" + sampleRateHz
                + "&spyName=" + SPY_NAME
                + "&units=samples"
                + "&aggregationType=sum");
    }

    /** The multipart body: one {@code profile} part holding the gzipped pprof. */
    static byte[] multipart(String boundary, byte[] pprof) {
        byte[] head = ("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"profile\"; filename=\"profile.pprof\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + pprof.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(pprof, 0, out, head.length, pprof.length);
        System.arraycopy(tail, 0, out, head.length + pprof.length, tail.length);
        return out;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A sample rate from an interval in seconds, at least 1 Hz. */
    static long sampleRate(double intervalSeconds) {
        return intervalSeconds <= 0 ? 100 : Math.max(1, Math.round(1 / intervalSeconds));
    }
}

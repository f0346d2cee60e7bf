package dev.jprof.agent.push;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where and how profiles are pushed. Credentials come from the environment only, never from the agent
 * string (which {@code ps} shows) nor into any log line: {@code JPROF_PUSH_TOKEN} (a bearer token) or
 * {@code JPROF_PUSH_USER} and {@code JPROF_PUSH_PASSWORD} (basic auth); {@code JPROF_PUSH_TENANT} sets
 * Pyroscope's {@code X-Scope-OrgID} for multi-tenant servers.
 */
public final class PushConfig {
    /** Profiles waiting to be sent at most; beyond it the oldest is dropped. */
    public static final int DEFAULT_QUEUE = 16;

    final URI server;
    final String app;
    final Map<String, String> labels;
    final String authorization;
    final String tenant;
    int queueCapacity = DEFAULT_QUEUE;
    Duration connectTimeout = Duration.ofSeconds(5);
    Duration requestTimeout = Duration.ofSeconds(10);
    Duration firstBackoff = Duration.ofSeconds(1);
    Duration maxBackoff = Duration.ofSeconds(60);
    Duration logEvery = Duration.ofMinutes(1);
    Duration exitBudget = Duration.ofSeconds(2);

    /**
     * @param server an http or https URL
     * @param app    the application name
     * @param labels label names to values, in order
     * @param env    reads an environment variable (System::getenv)
     * @throws IllegalArgumentException with a message a user can act on
     */
    public PushConfig(String server, String app, Map<String, String> labels, UnaryOperator<String> env) {
        URI uri;
        try {
            uri = URI.create(server);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("push must be an http or https URL, e.g. http://pyroscope:4040; got '"
                    + server + "'");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("push must be an http or https URL, e.g. http://pyroscope:4040; got '"
                    + server + "'");
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException("push: put credentials in JPROF_PUSH_USER and JPROF_PUSH_PASSWORD"
                    + " (or JPROF_PUSH_TOKEN), not in the URL");
        }
        this.server = uri;
        this.app = app;
        this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        String token = env.apply("JPROF_PUSH_TOKEN");
        String user = env.apply("JPROF_PUSH_USER");
        if (token != null && !token.isEmpty()) {
            authorization = "Bearer " + token;
        } else if (user != null && !user.isEmpty()) {
            String password = env.apply("JPROF_PUSH_PASSWORD");
            authorization = "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
        } else {
            authorization = null;
        }
        String t = env.apply("JPROF_PUSH_TENANT");
        tenant = t == null || t.isEmpty() ? null : t;
    }

    /** Checks a label name as Pyroscope accepts it (letters, digits, underscore, dot; not first a digit). */
    public static String labelName(String name) {
        if (name.isEmpty() || !name.matches("[A-Za-z_.][A-Za-z0-9_.]*")) {
            throw new IllegalArgumentException("label name '" + name + "' must be letters, digits, '_' or '.',"
                    + " not starting with a digit");
        }
        return name;
    }

    /** Checks a label value: no characters that would break {@code app{k=v,...}}. */
    public static String labelValue(String name, String value) {
        if (value.isEmpty() || value.matches(".*[{}=,\"\\s].*")) {
            throw new IllegalArgumentException("label " + name + " needs a value without spaces, quotes, '{', '}',"
                    + " '=' or ','; got '" + value + "'");
        }
        return value;
    }
}

package dev.jprof.renderers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jprof.tree.ProcessorOptions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses pyinstrument-style render options ({@code -p} in the CLI, {@code render_option} in the agent):
 * a bare {@code flag} (meaning {@code flag=true}) or {@code key=value}, the value read as JSON and, when it
 * is not valid JSON, as a string. Processor options are reached with a dot path
 * ({@code processor_options.filter_threshold=0}) or set together as a JSON object
 * ({@code processor_options={"filter_threshold":0}}).
 *
 * <p>Options: {@code show_all}, {@code timeline}, {@code split_pools}, {@code unicode}, {@code color} (booleans; {@code null}
 * means detect), {@code time} ({@code seconds} or {@code percent_of_total}), {@code flat} (one line per
 * method), {@code flat_time} ({@code self} or {@code total}), {@code short_mode} (alias {@code short}: no
 * header, for embedding), {@code processor_options[.KEY]}.
 */
public final class RenderOptionParser {
    /** The prefix of dot paths into processor options. */
    public static final String PROCESSOR_OPTIONS = "processor_options";

    /**
     * Made when a value is first parsed, not when the class loads: the agent reads its options in every
     * JVM it starts in, and building an ObjectMapper there cost 0.27 s of start-up (JDK 17).
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private interface Setter {
        void set(RenderOptions options, String name, Object value);
    }

    private static final Map<String, Setter> SETTERS = new LinkedHashMap<>();

    static {
        SETTERS.put("show_all", (o, n, v) -> o.showAll(bool(n, v)));
        SETTERS.put("timeline", (o, n, v) -> o.timeline(bool(n, v)));
        SETTERS.put("split_pools", (o, n, v) -> o.splitPools(bool(n, v)));
        SETTERS.put("unicode", (o, n, v) -> o.unicode(v == null ? null : bool(n, v)));
        SETTERS.put("color", (o, n, v) -> o.color(v == null ? null : bool(n, v)));
        SETTERS.put("time", (o, n, v) -> o.time(ConsoleRenderer.TimeFormat.parse(string(n, v, "seconds|percent_of_total"))));
        SETTERS.put("flat", (o, n, v) -> o.flat(bool(n, v)));
        SETTERS.put("flat_time", (o, n, v) -> o.flatTime(ConsoleRenderer.FlatTime.parse(string(n, v, "self|total"))));
        SETTERS.put("short_mode", (o, n, v) -> o.shortMode(bool(n, v)));
        SETTERS.put("short", (o, n, v) -> o.shortMode(bool(n, v)));
        SETTERS.put(PROCESSOR_OPTIONS, RenderOptionParser::processorOptions);
    }

    private RenderOptionParser() {
    }

    /** The option names understood, sorted, without the processor options' dot paths. */
    public static Set<String> names() {
        return new TreeSet<>(SETTERS.keySet());
    }

    /**
     * Applies one option to {@code options}.
     *
     * @param options the options to change
     * @param option  {@code flag} or {@code key=value}
     * @return {@code options}, for chaining
     * @throws IllegalArgumentException with a message naming the option and what is valid
     */
    public static RenderOptions apply(RenderOptions options, String option) {
        if (option == null || option.trim().isEmpty()) {
            throw new IllegalArgumentException("empty render option; expected 'flag' or 'key=value'");
        }
        int eq = option.indexOf('=');
        String key = (eq < 0 ? option : option.substring(0, eq)).trim().toLowerCase(Locale.ROOT).replace('-', '_');
        Object value = eq < 0 ? Boolean.TRUE : parseValue(option.substring(eq + 1));
        if (key.startsWith(PROCESSOR_OPTIONS + ".")) {
            String sub = key.substring(PROCESSOR_OPTIONS.length() + 1);
            setProcessorOption(options, key, sub, value);
            return options;
        }
        Setter setter = SETTERS.get(key);
        if (setter == null) {
            throw new IllegalArgumentException("unknown render option '" + key + "'; valid: "
                    + String.join(", ", names()) + ", " + PROCESSOR_OPTIONS + ".KEY");
        }
        if (eq < 0 && !isFlag(key)) {
            throw new IllegalArgumentException("render option '" + key + "' needs a value, e.g. " + example(key));
        }
        try {
            setter.set(options, key, value);
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith("render option")
                    ? e : new IllegalArgumentException("render option '" + key + "': " + e.getMessage());
        }
        return options;
    }

    /** Applies several options in order. */
    public static RenderOptions applyAll(RenderOptions options, Iterable<String> optionList) {
        for (String option : optionList) {
            apply(options, option);
        }
        return options;
    }

    /** A value as JSON (true, 0.5, "x", {...}, null) or, when it is not JSON, as the plain string. */
    static Object parseValue(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return "";
        }
        try {
            return Json.MAPPER.readValue(trimmed, Object.class);
        } catch (JsonProcessingException e) {
            return text;
        }
    }

    private static boolean isFlag(String key) {
        return !key.equals("time") && !key.equals("flat_time") && !key.equals(PROCESSOR_OPTIONS);
    }

    private static String example(String key) {
        switch (key) {
            case "time":
                return "time=percent_of_total";
            case "flat_time":
                return "flat_time=total";
            default:
                return PROCESSOR_OPTIONS + ".filter_threshold=0";
        }
    }

    private static boolean bool(String name, Object value) {
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        throw new IllegalArgumentException("render option '" + name + "' must be true or false, got " + describe(value));
    }

    private static String string(String name, Object value, String valid) {
        if (value instanceof String) {
            return (String) value;
        }
        throw new IllegalArgumentException("render option '" + name + "' must be one of " + valid + ", got "
                + describe(value));
    }

    private static void processorOptions(RenderOptions options, String name, Object value) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("render option '" + name
                    + "' must be a JSON object such as {\"filter_threshold\":0}, got " + describe(value));
        }
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
            String sub = String.valueOf(e.getKey());
            setProcessorOption(options, name + "." + sub, sub, e.getValue());
        }
    }

    private static void setProcessorOption(RenderOptions options, String fullName, String key, Object value) {
        // Check on a scratch copy first, so a bad value leaves the options unchanged.
        try {
            new ProcessorOptions(options.processorOptions()).set(key, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("render option '" + fullName + "': " + e.getMessage());
        }
        options.processorOptions().set(key, value);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "'" + value + "' (a string)";
        }
        if (value instanceof Number) {
            return value + " (a number)";
        }
        if (value instanceof Map) {
            return "a JSON object";
        }
        if (value instanceof java.util.List) {
            return "a JSON array";
        }
        return String.valueOf(value);
    }
}

package dev.jprof.tree;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Options passed to every processor (pyinstrument's {@code processor_options}): {@code filter_threshold}
 * (fraction of total time below which frames are removed, default 0.01), {@code hide_regex} and
 * {@code show_regex} (matched against a frame's location path; show wins).
 */
public final class ProcessorOptions {
    /** Key of the share of total time below which frames are removed (a number from 0 to 1). */
    public static final String FILTER_THRESHOLD = "filter_threshold";
    /** Key of the regex of location paths whose frames are hidden. */
    public static final String HIDE_REGEX = "hide_regex";
    /** Key of the regex of location paths whose frames are always shown (wins over hide). */
    public static final String SHOW_REGEX = "show_regex";
    /** The keys processors understand. */
    public static final Set<String> KEYS = Set.of(FILTER_THRESHOLD, HIDE_REGEX, SHOW_REGEX);
    /** Default of {@link #FILTER_THRESHOLD}. */
    public static final double DEFAULT_FILTER_THRESHOLD = 0.01;

    private final Map<String, Object> values = new LinkedHashMap<>();
    private Pattern hidePattern;
    private Pattern showPattern;

    /** Options with every value at its default. */
    public ProcessorOptions() {
    }

    /** A copy of another set of options. */
    public ProcessorOptions(ProcessorOptions other) {
        values.putAll(other.values);
        hidePattern = other.hidePattern;
        showPattern = other.showPattern;
    }

    /**
     * Sets an option, checking its type.
     *
     * @throws IllegalArgumentException naming the option when the key is unknown or the value invalid
     */
    public ProcessorOptions set(String key, Object value) {
        switch (key) {
            case FILTER_THRESHOLD:
                if (!(value instanceof Number) || !(((Number) value).doubleValue() >= 0)
                        || ((Number) value).doubleValue() > 1) {
                    throw new IllegalArgumentException("processor option filter_threshold must be a number from 0 to 1, got "
                            + value);
                }
                values.put(key, ((Number) value).doubleValue());
                return this;
            case HIDE_REGEX:
                hidePattern = compile(key, value);
                values.put(key, value);
                return this;
            case SHOW_REGEX:
                showPattern = compile(key, value);
                values.put(key, value);
                return this;
            default:
                throw new IllegalArgumentException("unknown processor option '" + key + "'; valid: "
                        + String.join(", ", new java.util.TreeSet<>(KEYS)));
        }
    }

    private static Pattern compile(String key, Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String)) {
            throw new IllegalArgumentException("processor option " + key + " must be a regular expression string");
        }
        try {
            return Pattern.compile((String) value);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("processor option " + key + " is not a valid regular expression: "
                    + e.getDescription() + " near index " + e.getIndex() + " of " + value);
        }
    }

    /** The share of total time below which frames are removed; {@link #DEFAULT_FILTER_THRESHOLD} unless set. */
    public double filterThreshold() {
        Object v = values.get(FILTER_THRESHOLD);
        return v == null ? DEFAULT_FILTER_THRESHOLD : (Double) v;
    }

    /**
     * Sets {@link #FILTER_THRESHOLD}.
     *
     * @param threshold a share of total time, from 0 to 1
     * @return these options
     */
    public ProcessorOptions filterThreshold(double threshold) {
        return set(FILTER_THRESHOLD, threshold);
    }

    /** The hide pattern, or null for "hide library code". */
    public Pattern hideRegex() {
        return hidePattern;
    }

    /**
     * Sets {@link #HIDE_REGEX}.
     *
     * @param regex a regular expression matched against location paths, or null for "hide library code"
     * @return these options
     */
    public ProcessorOptions hideRegex(String regex) {
        return set(HIDE_REGEX, regex);
    }

    /** The show pattern (wins over hide), or null. */
    public Pattern showRegex() {
        return showPattern;
    }

    /**
     * Sets {@link #SHOW_REGEX}.
     *
     * @param regex a regular expression matched against location paths, or null
     * @return these options
     */
    public ProcessorOptions showRegex(String regex) {
        return set(SHOW_REGEX, regex);
    }

    /** The options as set, by key. */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }
}

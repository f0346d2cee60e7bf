package dev.jprof.agent;

import dev.jprof.agent.push.PushConfig;
import dev.jprof.sampling.SampleStore;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an agent option's value is, and how it is parsed and checked: one parser per kind, not per key.
 * Every parser throws an {@link OptionException} that names the key and what is valid.
 */
enum OptionKind {
    /** Any text, the empty text included. */
    TEXT,
    /** A non-empty text (a name, a path). */
    NAME,
    /** A non-empty text that one of jprof's own parsers checks later (time, async_mode, command). */
    CHOICE_TEXT,
    /** One of the row's choices. */
    CHOICE,
    /** A Java regular expression. */
    REGEX,
    /** true/false/yes/no/1/0; the key alone means true. */
    BOOL,
    /** No value: the key alone. */
    FLAG,
    /** A decimal number. */
    NUMBER,
    /** A whole number above zero. */
    POSITIVE_INT,
    /** A share of time such as 1% or 0.01, at most 50%. */
    SHARE,
    /** A probability from 0 to 1. */
    PROBABILITY,
    /** A memory size from 1m to 64g. */
    SIZE,
    /** A duration such as 10ms; a bare number is seconds. */
    DURATION,
    /** A duration longer than zero. */
    POSITIVE_DURATION,
    /** A sampling interval from 100us to 10s. */
    INTERVAL,
    /** A signal name that may be used to dump a report. */
    SIGNAL,
    /** A render option (FLAG or KEY=JSON); repeatable, collected in order. */
    RENDER_OPTION,
    /** A push label KEY=VALUE, as Pyroscope accepts it; repeatable, parsed to {name, value}. */
    LABEL;

    private static final Pattern DURATION_TEXT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m|h)?");
    private static final Pattern SIZE_TEXT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmg]?)b?");

    /** Parses a value given for {@code row}. */
    Object parse(AgentOptionTable.Row row, String v) {
        String key = row.name;
        switch (this) {
            case TEXT:
                return v == null ? "" : v;
            case NAME:
            case CHOICE_TEXT:
            case RENDER_OPTION:
                return nonEmpty(row, v);
            case CHOICE:
                nonEmpty(row, v);
                for (String c : row.choices) {
                    if (c.equals(v)) {
                        return v;
                    }
                }
                String list = String.join(", ", row.choices);
                int last = list.lastIndexOf(", ");
                throw new OptionException(key + " must be " + list.substring(0, last) + " or " + list.substring(last + 2)
                        + ", got '" + v + "'");
            case REGEX:
                return regex(row, v);
            case BOOL:
                return bool(key, v);
            case FLAG:
                return Boolean.TRUE;
            case NUMBER:
                return number(row, v);
            case POSITIVE_INT:
                return positiveInt(row, v);
            case SHARE:
                return share(row, v);
            case PROBABILITY:
                double p = number(row, v);
                if (!(p >= 0 && p <= 1)) {
                    throw new OptionException(key + " must be between 0 and 1, got '" + v + "'");
                }
                return p;
            case SIZE:
                return byteSize(row, v);
            case DURATION:
                return duration(key, v);
            case POSITIVE_DURATION:
                Duration d = duration(key, v);
                if (d.isZero() || d.isNegative()) {
                    throw new OptionException(key + " must be longer than zero, got '" + v + "'");
                }
                return d;
            case INTERVAL:
                Duration i = duration(key, v);
                if (i.toNanos() < 100_000 || i.toNanos() > 10_000_000_000L) {
                    throw new OptionException(key + " must be between 100us and 10s, got '" + v + "'");
                }
                return i;
            case SIGNAL:
                return SignalDump.normalise(nonEmpty(row, v));
            case LABEL:
                return label(row, v);
            default:
                throw new IllegalStateException("no parser for " + this);
        }
    }

    private static String[] label(AgentOptionTable.Row row, String v) {
        String pair = nonEmpty(row, v);
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            throw new OptionException(row.name + " must be KEY=VALUE, e.g. label=env=prod; got '" + pair + "'");
        }
        try {
            String name = PushConfig.labelName(pair.substring(0, eq));
            return new String[] {name, PushConfig.labelValue(name, pair.substring(eq + 1))};
        } catch (IllegalArgumentException e) {
            throw new OptionException(e.getMessage());
        }
    }

    private static String nonEmpty(AgentOptionTable.Row row, String v) {
        if (v == null || v.isEmpty()) {
            throw new OptionException(row.name + " needs a value, e.g. " + row.name + "=" + row.metavar);
        }
        return v;
    }

    static boolean bool(String key, String v) {
        if (v == null || v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes")) {
            return true;
        }
        if (v.equalsIgnoreCase("false") || v.equals("0") || v.equalsIgnoreCase("no")) {
            return false;
        }
        throw new OptionException(key + " must be true or false, got '" + v + "'");
    }

    private static String regex(AgentOptionTable.Row row, String v) {
        nonEmpty(row, v);
        try {
            Pattern.compile(v);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new OptionException(row.name + " is not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex() + " of '" + v + "'");
        }
        return v;
    }

    private static double number(AgentOptionTable.Row row, String v) {
        nonEmpty(row, v);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new OptionException(row.name + " must be a number, got '" + v + "'");
        }
    }

    private static double share(AgentOptionTable.Row row, String v) {
        nonEmpty(row, v);
        String t = v.trim();
        boolean percent = t.endsWith("%");
        try {
            double d = Double.parseDouble(percent ? t.substring(0, t.length() - 1) : t) / (percent ? 100 : 1);
            if (d >= 0 && d <= 0.5) {
                return d;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new OptionException(row.name + " must be a share of time such as 1% or 0.01 (at most 50%), got '" + v + "'");
    }

    private static int positiveInt(AgentOptionTable.Row row, String v) {
        nonEmpty(row, v);
        try {
            int n = Integer.parseInt(v.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new OptionException(row.name + " must be a positive whole number, got '" + v + "'");
    }

    /** Parses a duration such as {@code 10ms}, {@code 1.5s}, {@code 500us}; a bare number is seconds. */
    static Duration duration(String key, String v) {
        if (v == null || v.isEmpty()) {
            throw new OptionException(key + " needs a value, e.g. " + key + "=10ms");
        }
        Matcher m = DURATION_TEXT.matcher(v.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new OptionException(key + " must be a duration such as 10ms, 500us, 2s or 0.01 (seconds), got '" + v + "'");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double nanos;
        switch (unit) {
            case "ns": nanos = amount; break;
            case "us": nanos = amount * 1e3; break;
            case "ms": nanos = amount * 1e6; break;
            case "m": nanos = amount * 60e9; break;
            case "h": nanos = amount * 3600e9; break;
            default: nanos = amount * 1e9;
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    private static long byteSize(AgentOptionTable.Row row, String v) {
        nonEmpty(row, v);
        Matcher m = SIZE_TEXT.matcher(v.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            int shift = m.group(2).isEmpty() ? 0 : "kmg".indexOf(m.group(2).charAt(0)) * 10 + 10;
            double bytes = Double.parseDouble(m.group(1)) * (1L << shift);
            if (bytes >= SampleStore.MIN_MAX_BYTES && bytes <= (64L << 30)) {
                return (long) bytes;
            }
        }
        throw new OptionException(row.name + " must be a size from 1m to 64g such as 32m, 512k or 1g, got '" + v + "'");
    }
}

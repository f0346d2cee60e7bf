package dev.jprof.cli;

import java.util.ArrayList;
import java.util.List;

/** Builds the {@code key=value,key=value} string the agent parses, escaping commas and backslashes. */
final class AgentArgString {
    private final List<String> pairs = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();

    AgentArgString add(String key, String value) {
        pairs.add(value == null ? key : key + "=" + escape(value));
        lines.add(value == null ? key : key + "=" + value);
        return this;
    }

    AgentArgString addAll(AgentArgString other) {
        pairs.addAll(other.pairs);
        lines.addAll(other.lines);
        return this;
    }

    /** The pairs unescaped, one {@code key=value} each, as an {@code @FILE} holds them. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace(",", "\\,");
    }

    @Override
    public String toString() {
        return String.join(",", pairs);
    }
}

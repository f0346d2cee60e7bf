package dev.jprof.cli;

import java.util.ArrayList;
import java.util.List;

/** Builds the {@code key=value,key=value} string the agent parses, escaping commas and backslashes. */
final class AgentArgString {
    private final List<String> pairs = new ArrayList<>();

    AgentArgString add(String key, String value) {
        pairs.add(value == null ? key : key + "=" + escape(value));
        return this;
    }

    AgentArgString addAll(AgentArgString other) {
        pairs.addAll(other.pairs);
        return this;
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace(",", "\\,");
    }

    @Override
    public String toString() {
        return String.join(",", pairs);
    }
}

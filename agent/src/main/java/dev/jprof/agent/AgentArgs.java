package dev.jprof.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the {@code -javaagent:jprof.jar=...} string into key/value pairs. Pairs are separated by
 * commas; {@code \,} is a literal comma and {@code \\} a backslash. A pair without {@code =} is a flag
 * ({@code show_all} means {@code show_all=true}). {@code @FILE} reads more pairs from a file, one per
 * line, with no escaping needed and {@code #} comments.
 */
final class AgentArgs {
    private AgentArgs() {
    }

    /** One {@code key=value} pair; value is null for a bare flag. */
    static final class Pair {
        final String key;
        final String value;

        Pair(String key, String value) {
            this.key = key;
            this.value = value;
        }
    }

    static List<Pair> split(String args) {
        List<Pair> pairs = new ArrayList<>();
        if (args == null || args.isEmpty()) {
            return pairs;
        }
        StringBuilder current = new StringBuilder();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (c == '\\' && i + 1 < args.length() && (args.charAt(i + 1) == ',' || args.charAt(i + 1) == '\\')) {
                current.append(args.charAt(++i));
            } else if (c == ',') {
                items.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        items.add(current.toString());
        for (String item : items) {
            if (item.isBlank()) {
                continue;
            }
            if (item.startsWith("@")) {
                pairs.addAll(readFile(item.substring(1)));
            } else {
                pairs.add(pair(item.strip(), "agent argument '" + item + "'"));
            }
        }
        return pairs;
    }

    private static List<Pair> readFile(String file) {
        Path path = Paths.get(file);
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OptionException("cannot read options file " + path.toAbsolutePath() + ": " + e.getMessage());
        }
        List<Pair> pairs = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            pairs.add(pair(line, path + " line " + (n + 1)));
        }
        return pairs;
    }

    private static Pair pair(String item, String where) {
        int eq = item.indexOf('=');
        if (eq == 0) {
            throw new OptionException("malformed " + where + ": a key is missing before '='");
        }
        if (eq < 0) {
            return new Pair(item, null);
        }
        return new Pair(item.substring(0, eq).strip(), item.substring(eq + 1));
    }
}

package dev.jprof.renderers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The page's string table: every name is written once and referred to by index. */
final class HtmlStrings {
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> strings = new ArrayList<>();

    int index(String s) {
        String key = s == null ? "" : s;
        Integer at = index.get(key);
        if (at == null) {
            at = strings.size();
            strings.add(key);
            index.put(key, at);
        }
        return at;
    }

    String[] toArray() {
        return strings.toArray(new String[0]);
    }
}

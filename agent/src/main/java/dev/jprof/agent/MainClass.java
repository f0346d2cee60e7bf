package dev.jprof.agent;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The program's main class, read from the launcher's command line ({@code sun.java.command}), so that a
 * program that never started (a main class the launcher could not find) is told from one that ran: the
 * former gets one line instead of a report of the launcher failing.
 */
final class MainClass {
    private MainClass() {
    }

    /**
     * The main class named by a launcher command line, or null when it cannot be told (empty, a source
     * file, a jar without a {@code Main-Class}).
     *
     * @param command {@code sun.java.command}: {@code com.acme.Main args}, {@code app.jar args} or
     *                {@code module/com.acme.Main args}
     */
    static String of(String command) {
        if (command == null || command.isBlank()) {
            return null;
        }
        String jar = jarPrefix(command);
        if (jar != null) {
            return mainClassOf(jar);
        }
        String first = firstWord(command);
        if (first.endsWith(".java")) {
            return null; // source-file mode compiles the file in memory
        }
        String name = first.substring(first.indexOf('/') + 1); // -m module/class
        return name.isEmpty() || !isClassName(name) ? null : name;
    }

    // Loops, not a regex split or a stream: this runs in every JVM's premain, where each first use of
    // a JDK facility (regex, streams, lambdas) costs start-up time.
    private static String firstWord(String command) {
        String s = command.strip();
        int end = 0;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
            end++;
        }
        return s.substring(0, end);
    }

    private static boolean isClassName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isJavaIdentifierPart(c) && c != '.' && c != '$') {
                return false;
            }
        }
        return true;
    }

    /** Whether the program started: its main class is unknown, or a class of that name was loaded. */
    static boolean started(String mainClass, Predicate<String> loaded) {
        return mainClass == null || loaded.test(mainClass);
    }

    /**
     * What {@code main=} globs and jprof's lists name a JVM by: its main class, else the first word of its
     * command line (a source file), else {@code "-"}.
     */
    static String shown(String mainClass, String command) {
        if (mainClass != null) {
            return mainClass;
        }
        String first = command == null ? "" : firstWord(command);
        return first.isEmpty() ? "-" : first;
    }

    /** Whether a JVM named {@code shown} is profiled under {@code main=} globs (none: every JVM). */
    static boolean matches(List<String> globs, String shown) {
        for (String glob : globs) {
            if (wildcard(glob, shown)) {
                return true;
            }
        }
        return globs.isEmpty();
    }

    /**
     * {@code *} matches any run of characters (dots too), {@code ?} one character. Not through a regex: a
     * left-out JVM should load as little as it can.
     */
    static boolean wildcard(String glob, String name) {
        int g = 0;
        int n = 0;
        int star = -1;
        int resume = 0;
        while (n < name.length()) {
            if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == name.charAt(n))) {
                g++;
                n++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                resume = n;
            } else if (star >= 0) {
                g = star + 1;
                n = ++resume;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }

    /** The report header's "Program": the command line, naming the main class a {@code -jar} hides, and the pid. */
    static String describe(String command, String mainClass, long pid) {
        if (command == null || command.isBlank()) {
            return "pid " + pid;
        }
        String program = mainClass == null || command.contains(mainClass) ? command : mainClass + " (-jar " + command + ")";
        return program + ", pid " + pid;
    }

    /** The jar a {@code -jar} command line begins with (its path may hold spaces), or null. */
    private static String jarPrefix(String command) {
        int from = 0;
        while (true) {
            int end = command.indexOf(".jar", from);
            if (end < 0) {
                return null;
            }
            end += ".jar".length();
            if (end == command.length() || command.charAt(end) == ' ') {
                String path = command.substring(0, end);
                if (new File(path).isFile()) {
                    return path;
                }
            }
            from = end;
        }
    }

    private static String mainClassOf(String jar) {
        try (JarFile file = new JarFile(jar, false)) {
            Manifest manifest = file.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
            return name == null || name.isBlank() ? null : name.strip();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}

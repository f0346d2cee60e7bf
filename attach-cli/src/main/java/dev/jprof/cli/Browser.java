package dev.jprof.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens a file in the user's browser: {@code $BROWSER} when set (as on most Unix tools), else
 * {@code xdg-open} when there is a display. Without either the path printed before is all there is.
 */
final class Browser {
    private final String browserVariable;
    private final boolean hasDisplay;

    Browser(String browserVariable, boolean hasDisplay) {
        this.browserVariable = browserVariable;
        this.hasDisplay = hasDisplay;
    }

    static Browser fromEnvironment() {
        return new Browser(System.getenv("BROWSER"),
                System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null);
    }

    void open(Path file, PrintStream messages) {
        List<String> command = command(file);
        if (command.isEmpty()) {
            return;
        }
        try {
            new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            messages.println("jprof: opening it with " + command.get(0));
        } catch (IOException e) {
            messages.println("jprof: could not start " + command.get(0) + " (" + e.getMessage() + ")");
        }
    }

    List<String> command(Path file) {
        List<String> command = new ArrayList<>();
        if (browserVariable != null && !browserVariable.isBlank()) {
            // $BROWSER may list several commands separated by ':'; the first is used, %s is the file.
            String first = browserVariable.split(":")[0].trim();
            for (String word : first.split("\\s+")) {
                command.add(word.replace("%s", file.toString()));
            }
            if (!first.contains("%s")) {
                command.add(file.toString());
            }
        } else if (hasDisplay && onPath("xdg-open")) {
            command.add("xdg-open");
            command.add(file.toString());
        }
        return command;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, program).canExecute()) {
                return true;
            }
        }
        return false;
    }
}

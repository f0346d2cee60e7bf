package dev.jprof.cli;

/**
 * How the user runs jprof, for the commands jprof prints: {@code jprof} when that name on {@code PATH} is
 * the launcher, else the launcher's absolute path ({@code bin/jprof} says which, through
 * {@code -Djprof.launcher}), so that a printed command works when pasted.
 */
final class Launcher {
    private Launcher() {
    }

    static String command() {
        String launcher = System.getProperty("jprof.launcher");
        if (launcher == null || launcher.isBlank()) {
            return "jprof";
        }
        return launcher.matches("[A-Za-z0-9_./+-]+") ? launcher : "'" + launcher.replace("'", "'\\''") + "'";
    }
}

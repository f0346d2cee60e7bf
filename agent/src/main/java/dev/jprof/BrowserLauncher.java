package dev.jprof;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Opens a file in the user's web browser; injectable so {@link Profiler#openInBrowser()} is testable. */
@FunctionalInterface
interface BrowserLauncher {
    /**
     * @param file an HTML file
     * @return true when a browser was asked to open it, false when none could be
     */
    boolean open(Path file);

    /** java.awt.Desktop when the JVM has a desktop, else {@code xdg-open} when a display is set. */
    static BrowserLauncher system() {
        return file -> desktop(file) || xdgOpen(file);
    }

    private static boolean desktop(Path file) {
        try {
            if (GraphicsEnvironment.isHeadless() || !Desktop.isDesktopSupported()) {
                return false;
            }
            Desktop d = Desktop.getDesktop();
            if (!d.isSupported(Desktop.Action.BROWSE)) {
                return false;
            }
            d.browse(file.toUri());
            return true;
        } catch (Exception | LinkageError e) {
            // No java.desktop module, no display, or the desktop refused: fall through to the next way.
            return false;
        }
    }

    private static boolean xdgOpen(Path file) {
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            return false;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path exe = Path.of(dir.isEmpty() ? "." : dir, "xdg-open");
            if (Files.isExecutable(exe)) {
                try {
                    Process p = new ProcessBuilder(exe.toString(), file.toString())
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start();
                    return !p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() == 0;
                } catch (java.io.IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }
}

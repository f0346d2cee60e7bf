package dev.jprof.it.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/** Finds the external tools an it-test needs (npm, go, mvn) on {@code PATH}, so a missing one is skipped loudly. */
public final class Executables {
    private Executables() {
    }

    /** The first executable named {@code program} on {@code PATH}. */
    public static Optional<Path> find(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Paths.get(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** True when {@code program} is on {@code PATH}. */
    public static boolean onPath(String program) {
        return find(program).isPresent();
    }
}

package dev.jprof.cli;

import dev.jprof.Session;
import dev.jprof.SessionFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Loads {@code .jprof} files with one clear message when that is impossible. */
final class SessionFiles {
    private SessionFiles() {
    }

    static Session load(Path file) {
        if (!Files.exists(file)) {
            throw new CliException(CliException.USAGE, "no such file: " + file);
        }
        try {
            return Session.load(file);
        } catch (SessionFormatException e) {
            throw new CliException(CliException.USAGE, e.getMessage()); // names the file once, in plain words
        } catch (NoSuchFileException e) {
            throw new CliException(CliException.USAGE, "no such file: " + file);
        } catch (IOException e) {
            throw new CliException(CliException.USAGE, "cannot read " + file + ": " + e.getMessage());
        }
    }
}

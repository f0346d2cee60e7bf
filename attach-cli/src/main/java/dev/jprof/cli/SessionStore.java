package dev.jprof.cli;

import dev.jprof.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The last sessions printed as text, kept under the user's data directory
 * ({@code $XDG_DATA_HOME/jprof/sessions}, else {@code ~/.local/share/jprof/sessions}) so that
 * {@code jprof --load-prev ID} can re-render them with other options. Only the newest {@value #KEEP} stay.
 */
final class SessionStore {
    static final int KEEP = 10;
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss", Locale.ROOT);

    private final Path dir;

    SessionStore(Path dir) {
        this.dir = dir;
    }

    static SessionStore forUser() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Paths.get(xdg)
                : Paths.get(System.getProperty("user.home"), ".local", "share");
        return new SessionStore(base.resolve("jprof").resolve("sessions"));
    }

    /** Saves a session and returns its ID; prunes the oldest beyond {@value #KEEP}. */
    String save(Session session) throws IOException {
        Files.createDirectories(dir);
        String base = ID.format(LocalDateTime.now());
        // After the newest in this second, never in a gap that pruning left: IDs must sort by age.
        int last = 0;
        for (String existing : ids()) {
            if (existing.startsWith(base)) {
                last = Math.max(last, suffix(existing));
            }
        }
        String id = last == 0 ? base : base + "-" + (last + 1);
        session.save(file(id));
        prune();
        return id;
    }

    /** What {@code --load-prev} without an ID asks for: the newest saved session. */
    static final String LATEST = "<latest>";

    Session load(String id) {
        if (id.equals(LATEST)) {
            List<String> ids = ids();
            if (ids.isEmpty()) {
                throw new CliException(CliException.USAGE, "no saved session in " + dir
                        + " yet: a text report of a run saves one");
            }
            id = ids.get(ids.size() - 1);
        }
        if (!id.matches("[A-Za-z0-9_.:-]+")) {
            throw new CliException(CliException.USAGE, "'" + id + "' is not a session ID; see " + dir);
        }
        Path file = file(id);
        if (!Files.isRegularFile(file)) {
            List<String> ids = ids();
            throw new CliException(CliException.USAGE, "no saved session '" + id + "' in " + dir
                    + (ids.isEmpty() ? " (none saved yet)" : "; saved: " + String.join(", ", ids)));
        }
        return SessionFiles.load(file);
    }

    /** Saved IDs, oldest first. */
    List<String> ids() {
        if (!Files.isDirectory(dir)) {
            return new ArrayList<>();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(Session.EXTENSION))
                    .map(n -> n.substring(0, n.length() - Session.EXTENSION.length()))
                    .sorted(SessionStore::compareIds)
                    .collect(Collectors.toList());
        } catch (IOException e) {
            return new ArrayList<>();
        }
    }

    private void prune() throws IOException {
        List<String> ids = ids();
        for (int i = 0; i < ids.size() - KEEP; i++) {
            Files.deleteIfExists(file(ids.get(i)));
        }
    }

    /** Orders by timestamp, then by the "-N" suffix numerically. */
    private static int compareIds(String a, String b) {
        int c = a.substring(0, Math.min(19, a.length())).compareTo(b.substring(0, Math.min(19, b.length())));
        if (c != 0) {
            return c;
        }
        return Integer.compare(suffix(a), suffix(b));
    }

    private static int suffix(String id) {
        if (id.length() <= 20) {
            return 1;
        }
        try {
            return Integer.parseInt(id.substring(20));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private Path file(String id) {
        return dir.resolve(id + Session.EXTENSION);
    }
}

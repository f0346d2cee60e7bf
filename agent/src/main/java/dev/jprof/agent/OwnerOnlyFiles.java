package dev.jprof.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Writes report files that only their owner can read: a profile names a program's classes, threads and
 * command line, which may be private. A file that already exists keeps the permissions its owner chose.
 */
final class OwnerOnlyFiles {
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    static void write(Path file, byte[] content) throws IOException {
        write(file, content, UnaryOperator.identity());
    }

    /**
     * Writes {@code content}; {@code wrap} sees the opened stream (tests make it fail like a full disk).
     *
     * @throws PartialWrite when the file was opened but not completely written: it may hold part of the content
     */
    static void write(Path file, byte[] content, UnaryOperator<OutputStream> wrap) throws IOException {
        boolean created = create(file);
        OutputStream out;
        try {
            out = wrap.apply(Files.newOutputStream(file, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE));
        } catch (IOException | RuntimeException e) {
            if (created) {
                Files.deleteIfExists(file); // empty: nothing of the user's is lost
            }
            throw e;
        }
        try {
            out.write(content);
            out.close();
        } catch (IOException e) {
            try {
                out.close();
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw new PartialWrite(e, created);
        }
    }

    /** Creates the file owner-only if it is missing; true when this call created it. */
    private static boolean create(Path file) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return true; // opening it creates it
        }
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE);
        try {
            Files.createFile(file, ownerOnly);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false; // created meanwhile by someone else: write it as it is
        }
    }

    /**
     * A write that failed after its file was opened (e.g. the disk filled up): the file may hold part of
     * the content, so it must not be left looking like a complete report.
     */
    static final class PartialWrite extends IOException {
        private static final long serialVersionUID = 1L;
        private final boolean created;

        PartialWrite(IOException cause, boolean created) {
            super(cause.getMessage(), cause);
            this.created = created;
        }

        /** True when this write created the file, so deleting it loses nothing that was there before. */
        boolean created() {
            return created;
        }
    }
}

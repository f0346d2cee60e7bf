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

/**
 * Writes report files that only their owner can read: a profile names a program's classes, threads and
 * command line, which may be private. A file that already exists keeps the permissions its owner chose.
 */
final class OwnerOnlyFiles {
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    static void write(Path file, byte[] content) throws IOException {
        try (OutputStream out = open(file)) {
            out.write(content);
        }
    }

    private static OutputStream open(Path file) throws IOException {
        if (!Files.exists(file) && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE);
            try {
                Files.createFile(file, ownerOnly);
            } catch (FileAlreadyExistsException e) {
                // created meanwhile: write it as it is
            }
        }
        return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
    }
}

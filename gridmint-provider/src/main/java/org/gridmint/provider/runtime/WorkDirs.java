package org.gridmint.provider.runtime;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** File-system chores around work dirs. */
final class WorkDirs {
    private static final Logger log = LoggerFactory.getLogger(WorkDirs.class);

    private WorkDirs() {}

    /** An id as a single, harmless path segment: ids come from the coordinator and name directories and cgroups. */
    static String safeName(String id) {
        String s = id == null ? "" : id.replaceAll("[^A-Za-z0-9._-]", "_");
        if (s.isEmpty() || s.equals(".") || s.equals("..")) s = "attempt-" + Integer.toHexString(String.valueOf(id).hashCode());
        return s;
    }

    /** Deletes a tree without following links; a task may have made dirs unreadable, so it restores access first. */
    static void deleteTree(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof AccessDeniedException) {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
                        deleteTree(file);
                        return FileVisitResult.CONTINUE;
                    }
                    if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", root, e.toString());
        }
    }
}

package org.gridmint.provider.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A checkpoint dir as a zip, and back. Packing is deterministic (entries sorted by path, fixed times), so the
 * same content gives the same bytes and digest, which is how the agent tells that a checkpoint changed.
 * Only regular files and directories go in: a link could point the agent, which reads the dir from outside
 * the sandbox, at the host's files. Extraction refuses any entry that would land outside the dir, checking
 * every entry before it writes anything. File modes are not kept.
 */
final class CheckpointArchive {
    private static final FileTime EPOCH = FileTime.fromMillis(315_532_800_000L); // 1980-01-01, the first time a zip can hold

    private CheckpointArchive() {}

    /** Writes the zip of {@code dir} to {@code zip}. */
    static void pack(Path dir, Path zip) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> !p.equals(dir))
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .forEach(entries::add);
        }
        List<String> names = new ArrayList<>();
        for (Path p : entries) names.add(name(dir, p) + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/" : ""));
        Collections.sort(names);
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (String n : names) {
                ZipEntry e = new ZipEntry(n);
                e.setLastModifiedTime(EPOCH);
                z.putNextEntry(e);
                if (!n.endsWith("/")) Files.copy(dir.resolve(n), z);
                z.closeEntry();
            }
        }
    }

    /** Extracts {@code zip} into {@code dir} (created if missing); a hostile entry leaves the dir untouched. */
    static void extract(Path zip, Path dir) throws IOException {
        org.gridmint.api.files.SafeUnzip.extract(zip, dir);
    }

    private static String name(Path dir, Path p) {
        return dir.relativize(p).toString().replace(java.io.File.separatorChar, '/');
    }
}

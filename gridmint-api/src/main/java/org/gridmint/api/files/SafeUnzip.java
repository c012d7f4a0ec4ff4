package org.gridmint.api.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Extracts a zip into a directory, refusing any entry that would land outside it ("zip slip"). Every entry
 * is checked before anything is written, so a hostile archive leaves the directory untouched. Shared by the SDK
 * (results archives) and the provider agent (checkpoints).
 */
public final class SafeUnzip {
    private SafeUnzip() {}

    /** Extracts {@code zip} under {@code dir} (created if missing) and returns the files written, in archive order. */
    public static List<Path> extract(Path zip, Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            List<? extends ZipEntry> entries = Collections.list(zf.entries());
            for (ZipEntry e : entries) target(root, e.getName());
            Files.createDirectories(root);
            List<Path> written = new ArrayList<>();
            for (ZipEntry e : entries) {
                Path target = target(root, e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zf.getInputStream(e)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                written.add(target);
            }
            return written;
        }
    }

    /** Where an entry goes, or a {@link ZipException} naming it when it would escape {@code root}. */
    public static Path target(Path root, String name) throws ZipException {
        // Windows-style separators and drive letters are refused outright rather than interpreted.
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains(":") || name.indexOf('\0') >= 0) {
            throw new ZipException("refusing archive entry '" + name + "': not a plain relative path");
        }
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new ZipException("refusing archive entry '" + name + "': it would be written outside " + root);
        }
        return target;
    }
}

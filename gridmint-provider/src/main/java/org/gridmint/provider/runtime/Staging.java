package org.gridmint.provider.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.gridmint.api.BlobRef;
import org.gridmint.api.http.ApiTransport;

/**
 * Puts a job's files into a work dir through a content-addressed cache ({@code cache/<sha256>}), so the many
 * tasks of one job download each file once. Concurrency: tasks may stage the same blob at once; each
 * downloads to its own temporary name and the verified file is moved into place atomically.
 */
final class Staging {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path cacheDir;
    private final BlobStore blobs;

    Staging(Path cacheDir, BlobStore blobs) {
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
    }

    /** Staging went wrong; the message says which file and why. */
    static final class StagingException extends Exception {
        private static final long serialVersionUID = 1L;

        StagingException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    void stage(List<BlobRef> files, Path workDir) throws StagingException {
        for (BlobRef ref : files) {
            Path target = inside(workDir, ref.name());
            Path cached = cached(ref);
            try {
                Files.createDirectories(target.getParent());
                // A copy, not a hard link: the task may write to its files, and must not change the cache under other tasks.
                Files.copy(cached, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new StagingException("cannot copy " + ref.name() + " into the work dir: " + e.getMessage(), e);
            }
        }
    }

    private Path cached(BlobRef ref) throws StagingException {
        if (ref.sha256() == null || !SHA256.matcher(ref.sha256()).matches()) {
            throw new StagingException("file " + ref.name() + " has no valid sha256 (" + ref.sha256() + ")", null);
        }
        Path cached = cacheDir.resolve(ref.sha256());
        try {
            if (Files.isRegularFile(cached) && Files.size(cached) == ref.size()) return cached;
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new StagingException("cannot use the blob cache " + cacheDir + ": " + e.getMessage(), e);
        }
        Path tmp = cacheDir.resolve(".tmp-" + UUID.randomUUID());
        try {
            blobs.fetch(ref.sha256(), tmp);
            String actual = ApiTransport.sha256(tmp);
            if (!actual.equals(ref.sha256())) {
                throw new StagingException("file " + ref.name() + " downloaded with sha256 " + actual + ", expected " + ref.sha256(), null);
            }
            Files.move(tmp, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return cached;
        } catch (IOException | RuntimeException e) {
            throw new StagingException("cannot fetch " + ref.name() + " (" + ref.sha256() + "): " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // only a partial download; the next staging of this blob starts over anyway
            }
        }
    }

    /** Resolves a job-given file name inside the work dir, refusing names that would climb out of it. */
    static Path inside(Path workDir, String name) throws StagingException {
        if (name == null || name.isBlank()) throw new StagingException("a job file has no name", null);
        Path rel = Path.of(name).normalize();
        Path target = workDir.resolve(rel).normalize();
        if (rel.isAbsolute() || rel.startsWith("..") || !target.startsWith(workDir) || target.equals(workDir)) {
            throw new StagingException("job file name " + name + " points outside the work dir", null);
        }
        return target;
    }
}

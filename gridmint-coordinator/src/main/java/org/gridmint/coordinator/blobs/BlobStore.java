package org.gridmint.coordinator.blobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.gridmint.coordinator.CoordinatorException;

/**
 * Blobs on the local disk, named by the SHA-256 of their content ({@code ab/cd/abcd…}). A blob is written to a
 * temporary file, checked against its claimed digest and size limit, synced, and only then moved into place,
 * so a crash never leaves a partial blob under a real name.
 */
public final class BlobStore {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final Path tmp;
    private final long maxBytes;

    public BlobStore(Path root, long maxBytes) {
        this.root = root;
        this.tmp = root.resolve("tmp");
        this.maxBytes = maxBytes;
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create blob dir " + root, e);
        }
    }

    public static boolean isSha256(String s) {
        return s != null && SHA256.matcher(s).matches();
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Stores {@code in} under {@code sha256}; idempotent. Returns the size in bytes. */
    public long put(String sha256, InputStream in) {
        requireSha(sha256);
        Path target = path(sha256);
        Path part = tmp.resolve(UUID.randomUUID() + ".part");
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(part), md)) {
                size = copyLimited(in, out);
            }
            String actual = HexFormat.of().formatHex(md.digest());
            if (!actual.equals(sha256)) throw new CoordinatorException.Invalid("sha256", "the content's SHA-256 is " + actual + ", not " + sha256);
            if (Files.exists(target)) return size;
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.createDirectories(target.getParent());
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return size;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store blob " + sha256, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // A leftover .part file is harmless: it has no real name and is never read.
            }
        }
    }

    /** Stores bytes already in memory (logs, archives built here). */
    public String putBytes(byte[] content) {
        String sha = sha256(content);
        put(sha, new java.io.ByteArrayInputStream(content));
        return sha;
    }

    public boolean exists(String sha256) {
        return isSha256(sha256) && Files.isRegularFile(path(sha256));
    }

    public Optional<Path> find(String sha256) {
        if (!isSha256(sha256)) return Optional.empty();
        Path p = path(sha256);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    public Path require(String sha256) {
        return find(sha256).orElseThrow(() -> new CoordinatorException.NotFound("blob", sha256));
    }

    private Path path(String sha256) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    private long copyLimited(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[65536];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > maxBytes) throw new CoordinatorException.TooLarge("blob is larger than the limit of " + maxBytes + " bytes");
            out.write(buf, 0, n);
        }
        return total;
    }

    private static void requireSha(String sha256) {
        if (!isSha256(sha256)) throw new CoordinatorException.Invalid("sha256", "must be 64 lower-case hex characters, was '" + sha256 + "'");
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.gridmint.provider.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridmint.api.BlobRef;
import org.gridmint.provider.runtime.BlobStore;

/** A working blob store in memory: what a coordinator's would do, minus HTTP. */
public final class MemoryBlobStore implements BlobStore {
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    public final AtomicInteger fetches = new AtomicInteger();
    public volatile boolean failUploads;

    /** Stores {@code content} and returns its reference under {@code name}. */
    public BlobRef add(String name, String content) {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        String sha = sha256(b);
        blobs.put(sha, b);
        return new BlobRef(name, sha, b.length);
    }

    /** Stores {@code content} and returns its reference under {@code name}. */
    public BlobRef add(String name, byte[] content) {
        String sha = sha256(content);
        blobs.put(sha, content.clone());
        return new BlobRef(name, sha, content.length);
    }

    public byte[] bytes(BlobRef ref) {
        byte[] b = blobs.get(ref.sha256());
        if (b == null) throw new AssertionError("no blob " + ref);
        return b.clone();
    }

    /** Stores {@code content} under a digest that is not its own, as a corrupt store would. */
    public void addCorrupt(String sha, String content) {
        blobs.put(sha, content.getBytes(StandardCharsets.UTF_8));
    }

    public String text(BlobRef ref) {
        byte[] b = blobs.get(ref.sha256());
        if (b == null) throw new AssertionError("no blob " + ref);
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public void fetch(String sha256, Path target) {
        fetches.incrementAndGet();
        byte[] b = blobs.get(sha256);
        if (b == null) throw new IllegalStateException("404 no blob " + sha256);
        try {
            Files.write(target, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public BlobRef put(String name, Path file) {
        if (failUploads) throw new UncheckedIOException(new IOException("connection refused"));
        try {
            byte[] b = Files.readAllBytes(file);
            String sha = sha256(b);
            blobs.put(sha, b);
            return new BlobRef(name, sha, b.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

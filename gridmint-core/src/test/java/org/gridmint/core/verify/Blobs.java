package org.gridmint.core.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** An in-memory blob store for comparator tests: results are built from file bytes, digests computed as the agent does. */
final class Blobs implements BlobBytes {
    private final Map<String, byte[]> bySha = new HashMap<>();

    @Override
    public byte[] read(String sha256) {
        byte[] b = bySha.get(sha256);
        if (b == null) throw new IllegalStateException("no blob " + sha256);
        return b;
    }

    /** A result whose files hold these bytes, alternating name and bytes. */
    Outputs result(Object... nameThenBytes) {
        var digests = new TreeMap<String, String>();
        for (int i = 0; i < nameThenBytes.length; i += 2) {
            Object v = nameThenBytes[i + 1];
            byte[] bytes = v instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) v;
            String sha = sha256(bytes);
            bySha.put(sha, bytes);
            digests.put((String) nameThenBytes[i], sha);
        }
        return new Outputs(digests);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

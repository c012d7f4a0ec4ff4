package org.gridmint.core.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One reported result of a task: each output file's name (relative to the work dir) and the SHA-256 of its bytes.
 *
 * @param digests output file name to lower-case hex SHA-256, sorted by name
 */
public record Outputs(SortedMap<String, String> digests) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public Outputs {
        if (digests == null) throw new IllegalArgumentException("outputs need their digests (an empty map when there are none)");
        var copy = new TreeMap<String, String>();
        for (var e : digests.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getKey().indexOf('\0') >= 0 || e.getKey().indexOf('\n') >= 0)
                throw new IllegalArgumentException("an output file name must be non-empty, without NUL or newline: '" + e.getKey() + "'");
            if (e.getValue() == null || !SHA256.matcher(e.getValue()).matches())
                throw new IllegalArgumentException("output '" + e.getKey() + "' needs a lower-case hex SHA-256, was '" + e.getValue() + "'");
            copy.put(e.getKey(), e.getValue());
        }
        digests = Collections.unmodifiableSortedMap(copy);
    }

    public static Outputs of(Map<String, String> digests) {
        return new Outputs(new TreeMap<>(digests));
    }

    /**
     * One digest for the whole result: SHA-256 over {@code name \0 sha \n} for each file in name order. The
     * separators keep two different results from hashing alike (a name cannot hold NUL or newline).
     */
    public String digest() {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        for (var e : digests.entrySet()) {
            md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(e.getValue().getBytes(StandardCharsets.US_ASCII));
            md.update((byte) '\n');
        }
        return HexFormat.of().formatHex(md.digest());
    }
}

package org.gridmint.api.auth;

import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.gridmint.core.ids.AccountId;

/**
 * Public keys as sent in {@link RequestSignature#KEY_HEADER}, parsed into BouncyCastle's form with their account id.
 * The same few keys sign nearly every request, so each distinct key text is parsed (and hashed into its account id)
 * once and kept, in a cache that is simply emptied when it grows past its bound: a flood of one-off keys costs a
 * re-parse of the regular ones, never unbounded memory.
 */
final class PublicKeys {
    /** The X.509 (SubjectPublicKeyInfo) encoding of an Ed25519 key: this 12-byte header, then the 32-byte raw key. */
    private static final byte[] X509_HEADER = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    private static final int X509_LENGTH = X509_HEADER.length + Ed25519PublicKeyParameters.KEY_SIZE;
    static final int MAX_CACHED = 4096;

    private static final ConcurrentHashMap<String, Parsed> CACHE = new ConcurrentHashMap<>();

    /** A parsed key and the account it names. */
    record Parsed(Ed25519PublicKeyParameters key, AccountId account) {}

    private PublicKeys() {}

    /** Parses {@code text} (base64url of the X.509 encoding); a malformed key is an {@link IllegalArgumentException}. */
    static Parsed parse(String text) {
        Parsed p = CACHE.get(text);
        if (p != null) return p;
        byte[] x509;
        try {
            x509 = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not base64url");
        }
        // Only the one canonical encoding is accepted, so that one key always derives one account id.
        if (x509.length != X509_LENGTH || !Arrays.equals(x509, 0, X509_HEADER.length, X509_HEADER, 0, X509_HEADER.length))
            throw new IllegalArgumentException("is not the X.509 encoding of an Ed25519 public key (44 bytes)");
        Ed25519PublicKeyParameters key;
        try {
            key = new Ed25519PublicKeyParameters(x509, X509_HEADER.length);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a point on Ed25519");
        }
        p = new Parsed(key, Identity.accountOfX509(x509));
        if (CACHE.size() >= MAX_CACHED) CACHE.clear();
        CACHE.put(text, p);
        return p;
    }

    static int cached() {
        return CACHE.size();
    }
}

package org.gridmint.api.auth;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/**
 * Signs requests as one {@link Identity}: the four header values a client or agent adds to every request.
 * Thread-safe; every call draws a fresh nonce, so a retried request is a new request with a new signature.
 */
public final class RequestSigner {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** 18 random bytes: 144 bits, 24 base64url characters, no padding. */
    private static final int NONCE_BYTES = 18;

    private final Identity identity;
    private final String keyText;
    private final Ed25519PrivateKeyParameters privateKey;

    public RequestSigner(Identity identity) {
        this.identity = identity;
        this.keyText = identity.publicKeyText();
        this.privateKey = bouncyCastle(identity.keys().getPrivate());
    }

    /** The values of the four signature headers of one request. */
    public record Headers(String key, String timestamp, String nonce, String signature) {
        /** By header name, in the order they are documented. */
        public Map<String, String> asMap() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put(RequestSignature.KEY_HEADER, key);
            m.put(RequestSignature.TIMESTAMP_HEADER, timestamp);
            m.put(RequestSignature.NONCE_HEADER, nonce);
            m.put(RequestSignature.SIGNATURE_HEADER, signature);
            return m;
        }
    }

    public Identity identity() {
        return identity;
    }

    /** Signs a request at {@code at} with a fresh random nonce. */
    public Headers sign(String method, String pathWithQuery, String bodySha256, Instant at) {
        return sign(method, pathWithQuery, bodySha256, at, newNonce());
    }

    /** Signs a request with the given nonce (tests use this to send one nonce twice). */
    public Headers sign(String method, String pathWithQuery, String bodySha256, Instant at, String nonce) {
        long ts = at.toEpochMilli();
        String canonical = RequestSignature.canonical(method, pathWithQuery, ts, nonce, bodySha256);
        return new Headers(keyText, Long.toString(ts), nonce, RequestSignature.sign(privateKey, canonical));
    }

    /** A fresh nonce: base64url of 18 random bytes. */
    public static String newNonce() {
        byte[] b = new byte[NONCE_BYTES];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The JDK's key (PKCS#8) in BouncyCastle's form, for signing with the faster implementation. */
    static Ed25519PrivateKeyParameters bouncyCastle(java.security.PrivateKey key) {
        try {
            if (PrivateKeyFactory.createKey(key.getEncoded()) instanceof Ed25519PrivateKeyParameters p) return p;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("not an Ed25519 private key: " + key.getAlgorithm());
    }
}

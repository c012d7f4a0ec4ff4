package org.gridmint.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * How a request is signed and checked. The signature covers one canonical text — method, path with query,
 * timestamp, nonce and the body's SHA-256, one per line — so that changing any of them breaks it.
 * {@link #check} decides everything but replay, which needs the coordinator's memory of recent nonces.
 * Signing and verification use BouncyCastle's Ed25519, about eight times the JDK's verification rate
 * (gridmint-bench {@code Ed25519Bench}); the signatures are the same, since Ed25519 is deterministic.
 */
public final class RequestSignature {
    /** The caller's public key, base64url X.509 (see {@link Identity#publicKeyText()}). */
    public static final String KEY_HEADER = "Gridmint-Key";
    /** Milliseconds since the epoch when the request was signed. */
    public static final String TIMESTAMP_HEADER = "Gridmint-Timestamp";
    /** 16-64 characters of [A-Za-z0-9_-], unique per request within the window. */
    public static final String NONCE_HEADER = "Gridmint-Nonce";
    /** base64url of the Ed25519 signature over {@link #canonical}. */
    public static final String SIGNATURE_HEADER = "Gridmint-Signature";
    /** How far a request's timestamp may be from the coordinator's clock. */
    public static final Duration WINDOW = Duration.ofMinutes(5);

    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,64}");

    private RequestSignature() {}

    /** The text that is signed. {@code bodySha256} is the lower-case hex SHA-256 of the body (of no bytes when empty). */
    public static String canonical(String method, String pathWithQuery, long timestampMillis, String nonce, String bodySha256) {
        return method.toUpperCase(java.util.Locale.ROOT) + "\n" + pathWithQuery + "\n" + timestampMillis + "\n" + nonce + "\n" + bodySha256;
    }

    /** Signs {@code canonical} with a JDK key; {@link RequestSigner} keeps the converted key for repeated signing. */
    public static String sign(PrivateKey key, String canonical) {
        return sign(RequestSigner.bouncyCastle(key), canonical);
    }

    static String sign(Ed25519PrivateKeyParameters key, String canonical) {
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, key);
        byte[] message = canonical.getBytes(StandardCharsets.UTF_8);
        s.update(message, 0, message.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.generateSignature());
    }

    /** Why a request's signature is not accepted, in words for a 401 problem. */
    public sealed interface Verdict {
        /** The signature holds and the timestamp is within the window; replay is for the caller to check. */
        record Valid(org.gridmint.core.ids.AccountId account) implements Verdict {}

        /** A header is missing or malformed; {@code header} names it. */
        record Malformed(String header, String why) implements Verdict {}

        /** The timestamp is outside the window around the coordinator's clock. */
        record Stale(Duration skew) implements Verdict {}

        /** The signature does not match the key and the request as received. */
        record BadSignature() implements Verdict {}
    }

    /**
     * Checks a request's signature headers (any may be null when absent) against what was received and {@code now}.
     * Replay is not checked here.
     */
    public static Verdict check(String method, String pathWithQuery, String bodySha256, String keyText, String timestampText,
                                String nonce, String signatureText, Instant now) {
        if (keyText == null) return new Verdict.Malformed(KEY_HEADER, "is missing: the request is not signed");
        if (timestampText == null) return new Verdict.Malformed(TIMESTAMP_HEADER, "is missing");
        if (nonce == null) return new Verdict.Malformed(NONCE_HEADER, "is missing");
        if (signatureText == null) return new Verdict.Malformed(SIGNATURE_HEADER, "is missing");
        PublicKeys.Parsed key;
        try {
            key = PublicKeys.parse(keyText);
        } catch (IllegalArgumentException e) {
            return new Verdict.Malformed(KEY_HEADER, e.getMessage());
        }
        long ts;
        try {
            ts = Long.parseLong(timestampText);
        } catch (NumberFormatException e) {
            return new Verdict.Malformed(TIMESTAMP_HEADER, "must be milliseconds since the epoch, was '" + timestampText + "'");
        }
        if (!NONCE.matcher(nonce).matches()) return new Verdict.Malformed(NONCE_HEADER, "must be 16-64 of A-Z a-z 0-9 _ -");
        Duration skew = Duration.between(now, Instant.ofEpochMilli(ts));
        if (skew.abs().compareTo(WINDOW) > 0) return new Verdict.Stale(skew);
        byte[] sig;
        try {
            sig = Base64.getUrlDecoder().decode(signatureText);
        } catch (IllegalArgumentException e) {
            return new Verdict.Malformed(SIGNATURE_HEADER, "is not base64url");
        }
        if (sig.length != Ed25519PrivateKeyParameters.SIGNATURE_SIZE)
            return new Verdict.Malformed(SIGNATURE_HEADER, "must be a 64-byte Ed25519 signature, was " + sig.length + " bytes");
        Ed25519Signer v = new Ed25519Signer();
        v.init(false, key.key());
        byte[] message = canonical(method, pathWithQuery, ts, nonce, bodySha256).getBytes(StandardCharsets.UTF_8);
        v.update(message, 0, message.length);
        return v.verifySignature(sig) ? new Verdict.Valid(key.account()) : new Verdict.BadSignature();
    }
}

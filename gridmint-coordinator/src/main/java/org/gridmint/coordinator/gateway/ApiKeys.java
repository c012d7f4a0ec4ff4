package org.gridmint.coordinator.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import org.gridmint.api.ApiKeyList;
import org.gridmint.api.ApiKeyRequest;
import org.gridmint.api.ApiKeyView;
import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.coordinator.store.GatewayTx.ApiKeyRecord;
import org.gridmint.coordinator.store.Store;
import org.gridmint.core.ids.AccountId;

/**
 * The gateway's API keys: an account creates them (the secret is shown once), lists and revokes its own, and a bearer
 * key authenticates a {@code /v1} request as its account. Only the SHA-256 of a secret is stored, so a stolen database
 * yields no usable key; another account's key is answered as absent (404), never as forbidden, so ids reveal nothing.
 */
public final class ApiKeys {
    /** What every secret starts with. */
    public static final String SECRET_PREFIX = "gm-";
    static final int MAX_ACTIVE = 100;
    private static final int SECRET_BYTES = 24; // 32 url-safe characters
    private static final int SHOWN = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Store store;
    private final InstantSource clock;

    public ApiKeys(Store store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    public ApiKeyView create(AccountId account, ApiKeyRequest r) {
        String name = r == null ? null : r.name();
        if (name == null || name.isBlank()) throw new CoordinatorException.Invalid("name", "is required: a label for the key, 1-64 characters");
        name = name.strip();
        if (name.length() > 64) throw new CoordinatorException.Invalid("name", "must be at most 64 characters, was " + name.length());
        if (name.chars().anyMatch(Character::isISOControl)) throw new CoordinatorException.Invalid("name", "must not contain control characters");
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        String secret = SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiKeyRecord key = new ApiKeyRecord(org.gridmint.coordinator.Ids.apiKey(), account.value(), name,
                secret.substring(0, SHOWN), hash(secret), clock.instant(), null);
        store.inTransaction(tx -> {
            long active = tx.gateway().apiKeys(account.value()).stream().filter(k -> !k.revoked()).count();
            if (active >= MAX_ACTIVE)
                throw new CoordinatorException.Conflict("the account has " + active + " active API keys, the most allowed; revoke one first", "LIMIT");
            tx.gateway().insertApiKey(key);
            return null;
        });
        return view(key, secret);
    }

    public ApiKeyList list(AccountId account) {
        return new ApiKeyList(store.inTransaction(tx -> tx.gateway().apiKeys(account.value())).stream().map(k -> view(k, null)).toList());
    }

    /** Revokes one of the caller's keys (again: no change); 404 for a key that is not the caller's. */
    public ApiKeyView revoke(AccountId account, String keyId) {
        Instant now = clock.instant();
        return store.inTransaction(tx -> {
            ApiKeyRecord k = tx.gateway().apiKey(keyId).filter(x -> x.account().equals(account.value()))
                    .orElseThrow(() -> new CoordinatorException.NotFound("API key", keyId));
            tx.gateway().revokeApiKey(k.id(), now);
            return view(tx.gateway().apiKey(k.id()).orElseThrow(), null);
        });
    }

    /** The live key that an {@code Authorization: Bearer …} header carries; 401 invalid_api_key otherwise. */
    public ApiKeyRecord authenticate(String authorization) {
        if (authorization == null || authorization.isBlank())
            throw OpenAiException.badKey("You didn't provide an API key. Send it in the Authorization header: 'Authorization: Bearer gm-…'"
                    + " (create one with: gridmint apikey create)");
        String h = authorization.strip();
        if (!h.regionMatches(true, 0, "Bearer ", 0, 7))
            throw OpenAiException.badKey("The Authorization header must be 'Bearer <API key>'");
        String secret = h.substring(7).strip();
        ApiKeyRecord k = store.inTransaction(tx -> tx.gateway().apiKeyByHash(hash(secret))).orElse(null);
        if (k == null) throw OpenAiException.badKey("Incorrect API key provided: " + masked(secret) + ". Create one with: gridmint apikey create");
        if (k.revoked()) throw OpenAiException.badKey("The API key " + k.prefix() + "… was revoked at " + k.revokedAt());
        return k;
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    private static String masked(String secret) {
        return secret.length() <= 8 ? "****" : secret.substring(0, Math.min(SHOWN, secret.length() - 4)) + "…" + secret.substring(secret.length() - 4);
    }

    private static ApiKeyView view(ApiKeyRecord k, String secret) {
        return new ApiKeyView(k.id(), k.name(), k.prefix(), k.createdAt(), k.revokedAt(), secret);
    }
}

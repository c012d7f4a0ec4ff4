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
 *
 * <p>A live key found by its hash is kept in memory for {@code keyCacheTtl} (5 s by default), so a request does not read
 * the database to authenticate. Revocation: a key revoked through this coordinator is dropped from the cache in the same
 * call, so it stops at once; one revoked through another coordinator sharing the database stops within the TTL. Unknown
 * and revoked keys are never cached, so a new key works at once everywhere. The cache holds at most {@value #MAX_CACHED}
 * keys and is emptied when full (it only ever saves a read).
 */
public final class ApiKeys {
    /** What every secret starts with. */
    public static final String SECRET_PREFIX = "gm-";
    static final int MAX_ACTIVE = 100;
    private static final int SECRET_BYTES = 24; // 32 url-safe characters
    private static final int SHOWN = 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int MAX_CACHED = 10_000;

    private final Store store;
    private final InstantSource clock;
    private final java.time.Duration ttl;
    /** Live keys by the hash of their secret, with when they were read. */
    private final java.util.concurrent.ConcurrentHashMap<String, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    private final java.util.concurrent.atomic.AtomicLong revocations = new java.util.concurrent.atomic.AtomicLong();

    private record Cached(ApiKeyRecord key, Instant readAt) {}

    public ApiKeys(Store store, InstantSource clock) {
        this(store, clock, GatewayConfig.DEFAULT_KEY_CACHE_TTL);
    }

    /** @param ttl how long a key read from the database is trusted; zero reads it on every request */
    public ApiKeys(Store store, InstantSource clock, java.time.Duration ttl) {
        this.store = store;
        this.clock = clock;
        this.ttl = ttl;
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
        ApiKeyRecord revoked = store.inTransaction(tx -> {
            ApiKeyRecord k = tx.gateway().apiKey(keyId).filter(x -> x.account().equals(account.value()))
                    .orElseThrow(() -> new CoordinatorException.NotFound("API key", keyId));
            tx.gateway().revokeApiKey(k.id(), now);
            return tx.gateway().apiKey(k.id()).orElseThrow();
        });
        // After the commit and before the answer: once the caller sees the key revoked, this coordinator accepts it no more.
        // A lookup that read the key before the commit and caches it after this removal sees the count move and drops it.
        revocations.incrementAndGet();
        cache.remove(revoked.hash());
        return view(revoked, null);
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
        String hash = hash(secret);
        ApiKeyRecord k = cached(hash);
        if (k == null) {
            Instant readAt = clock.instant();
            long seen = revocations.get();
            k = store.inTransaction(tx -> tx.gateway().apiKeyByHash(hash)).orElse(null);
            if (k != null && !k.revoked() && !ttl.isZero()) {
                if (cache.size() >= MAX_CACHED) cache.clear();
                Cached c = new Cached(k, readAt);
                cache.put(hash, c);
                if (revocations.get() != seen) cache.remove(hash, c);
            }
        }
        if (k == null) throw OpenAiException.badKey("Incorrect API key provided: " + masked(secret) + ". Create one with: gridmint apikey create");
        if (k.revoked()) throw OpenAiException.badKey("The API key " + k.prefix() + "… was revoked at " + k.revokedAt());
        return k;
    }

    private ApiKeyRecord cached(String hash) {
        Cached c = cache.get(hash);
        if (c == null) return null;
        if (clock.instant().isBefore(c.readAt().plus(ttl))) return c.key();
        cache.remove(hash, c);
        return null;
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

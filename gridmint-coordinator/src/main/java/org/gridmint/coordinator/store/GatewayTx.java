package org.gridmint.coordinator.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.gridmint.core.ids.ProviderId;

/** The gateway's tables inside one store transaction ({@link StoreTx#gateway()}): API keys, usage records and meters. */
public interface GatewayTx {

    /** An API key as stored: the SHA-256 (hex) of its secret, never the secret. */
    record ApiKeyRecord(String id, String account, String name, String prefix, String hash, Instant createdAt, Instant revokedAt) {
        public boolean revoked() {
            return revokedAt != null;
        }
    }

    /**
     * One served request.
     *
     * @param tokenPrice micro-credits per million tokens
     * @param charged what it added to its meter's bill, in micro-credits (fee included)
     * @param fee the protocol's part of {@code charged}
     */
    record UsageRecord(String id, String keyId, String account, ProviderId provider, String providerOwner, String model, int items, long tokens,
                       long tokenPrice, long charged, long fee, Instant at) {}

    /** What one account used of one provider's model at one price, and what was billed for it (micro-credits). */
    record Meter(String account, ProviderId provider, String model, long tokenPrice, long tokens, long billed) {
        /** What the tokens cost in whole micro-credits: floor(tokens * price / 1e6). */
        public long due() {
            return java.math.BigInteger.valueOf(tokens).multiply(java.math.BigInteger.valueOf(tokenPrice))
                    .divide(java.math.BigInteger.valueOf(1_000_000)).longValueExact();
        }
    }

    /**
     * An account's usage in all: requests, items, tokens and micro-credits it paid (for a request its own provider served,
     * the fee alone).
     */
    record UsageTotals(long requests, long items, long tokens, long charged) {}

    void insertApiKey(ApiKeyRecord key);

    Optional<ApiKeyRecord> apiKey(String id);

    Optional<ApiKeyRecord> apiKeyByHash(String hash);

    /** The account's keys, newest first. */
    List<ApiKeyRecord> apiKeys(String account);

    /** Marks the key revoked at {@code at}; a key already revoked keeps its first time. */
    void revokeApiKey(String id, Instant at);

    /**
     * Adds {@code tokens} to the meter of (account, provider, model, price), creating it at zero, and answers it as it now
     * stands. On PostgreSQL the update holds the meter's row until the transaction ends, so racing requests bill in turn.
     */
    Meter addTokens(String account, ProviderId provider, String model, long tokenPrice, long tokens);

    /** Adds {@code micros} to what the meter billed. */
    void addBilled(Meter meter, long micros);

    void insertUsage(UsageRecord usage);

    /** The account's usage records, newest first, at most {@code limit}. */
    List<UsageRecord> usage(String account, int limit);

    UsageTotals usageTotals(String account);

    /** Every usage record, for the audit. */
    void scanUsage(Consumer<UsageRecord> each);

    /** Every meter, for the audit. */
    void scanMeters(Consumer<Meter> each);
}

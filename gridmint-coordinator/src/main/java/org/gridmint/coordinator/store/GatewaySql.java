package org.gridmint.coordinator.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.gridmint.core.ids.ProviderId;

/** {@link GatewayTx} over the V12 tables, usable only while its {@link JdbcTx} is open. */
final class GatewaySql implements GatewayTx {
    private static final String KEY = "id, account, name, prefix, hash, created_at, revoked_at";
    private static final String USAGE = "id, key_id, account, provider_id, provider_owner, model, items, tokens, token_price, charged, fee, at";
    private static final String METER = "account, provider_id, model, token_price, tokens, billed";
    private static final String METER_KEY = " WHERE account = ? AND provider_id = ? AND model = ? AND token_price = ?";

    private final Sql sql;
    private final Runnable requireOpen;

    GatewaySql(Sql sql, Runnable requireOpen) {
        this.sql = sql;
        this.requireOpen = requireOpen;
    }

    @Override
    public void insertApiKey(ApiKeyRecord k) {
        requireOpen.run();
        sql.update("INSERT INTO api_keys (" + KEY + ") VALUES (?, ?, ?, ?, ?, ?, ?)", k.id(), k.account(), k.name(), k.prefix(), k.hash(),
                k.createdAt(), k.revokedAt());
    }

    @Override
    public Optional<ApiKeyRecord> apiKey(String id) {
        requireOpen.run();
        return sql.one("SELECT " + KEY + " FROM api_keys WHERE id = ?", GatewaySql::key, id);
    }

    @Override
    public Optional<ApiKeyRecord> apiKeyByHash(String hash) {
        requireOpen.run();
        return sql.one("SELECT " + KEY + " FROM api_keys WHERE hash = ?", GatewaySql::key, hash);
    }

    @Override
    public List<ApiKeyRecord> apiKeys(String account) {
        requireOpen.run();
        return sql.list("SELECT " + KEY + " FROM api_keys WHERE account = ? ORDER BY created_at DESC, id DESC", GatewaySql::key, account);
    }

    @Override
    public void revokeApiKey(String id, Instant at) {
        requireOpen.run();
        sql.update("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", at, id);
    }

    @Override
    public Meter addTokens(String account, ProviderId provider, String model, long tokenPrice, long tokens) {
        requireOpen.run();
        sql.update("INSERT INTO gateway_meters (" + METER + ") VALUES (?, ?, ?, ?, 0, 0) ON CONFLICT (account, provider_id, model, token_price) DO NOTHING",
                account, provider, model, tokenPrice);
        sql.update("UPDATE gateway_meters SET tokens = tokens + ?" + METER_KEY, tokens, account, provider, model, tokenPrice);
        return sql.one("SELECT " + METER + " FROM gateway_meters" + METER_KEY, GatewaySql::meter, account, provider, model, tokenPrice)
                .orElseThrow(() -> new StoreException("the meter of " + account + "/" + provider + "/" + model + " vanished", null));
    }

    @Override
    public void addBilled(Meter m, long micros) {
        requireOpen.run();
        sql.update("UPDATE gateway_meters SET billed = billed + ?" + METER_KEY, micros, m.account(), m.provider(), m.model(), m.tokenPrice());
    }

    @Override
    public void insertUsage(UsageRecord u) {
        requireOpen.run();
        sql.update("INSERT INTO gateway_usage (" + USAGE + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", u.id(), u.keyId(), u.account(),
                u.provider(), u.providerOwner(), u.model(), u.items(), u.tokens(), u.tokenPrice(), u.charged(), u.fee(), u.at());
    }

    @Override
    public List<UsageRecord> usage(String account, int limit) {
        requireOpen.run();
        Sql.requireLimit(limit);
        return sql.list("SELECT " + USAGE + " FROM gateway_usage WHERE account = ? ORDER BY at DESC, id DESC LIMIT ?", GatewaySql::usage, account, limit);
    }

    @Override
    public UsageTotals usageTotals(String account) {
        requireOpen.run();
        return sql.one("SELECT COUNT(*), COALESCE(SUM(items), 0), COALESCE(SUM(tokens), 0), "
                + " COALESCE(SUM(CASE WHEN provider_owner = account THEN fee ELSE charged END), 0) FROM gateway_usage WHERE account = ?",
                rs -> new UsageTotals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)), account).orElseThrow();
    }

    @Override
    public void scanUsage(Consumer<UsageRecord> each) {
        requireOpen.run();
        sql.each("SELECT " + USAGE + " FROM gateway_usage ORDER BY at, id", rs -> each.accept(usage(rs)));
    }

    @Override
    public void scanMeters(Consumer<Meter> each) {
        requireOpen.run();
        sql.each("SELECT " + METER + " FROM gateway_meters ORDER BY account, provider_id, model, token_price", rs -> each.accept(meter(rs)));
    }

    private static ApiKeyRecord key(ResultSet rs) throws SQLException {
        return new ApiKeyRecord(rs.getString("id"), rs.getString("account"), rs.getString("name"), rs.getString("prefix"), rs.getString("hash"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "revoked_at"));
    }

    private static UsageRecord usage(ResultSet rs) throws SQLException {
        return new UsageRecord(rs.getString("id"), rs.getString("key_id"), rs.getString("account"), ProviderId.of(rs.getString("provider_id")),
                rs.getString("provider_owner"), rs.getString("model"), rs.getInt("items"), rs.getLong("tokens"), rs.getLong("token_price"),
                rs.getLong("charged"), rs.getLong("fee"), Sql.instant(rs, "at"));
    }

    private static Meter meter(ResultSet rs) throws SQLException {
        return new Meter(rs.getString("account"), ProviderId.of(rs.getString("provider_id")), rs.getString("model"), rs.getLong("token_price"),
                rs.getLong("tokens"), rs.getLong("billed"));
    }
}

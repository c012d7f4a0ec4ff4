package org.gridmint.coordinator.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.money.Credits;

/** The stake tables (unbondings and slashes) and the stake accounts' balances. */
final class StakeSql {
    private static final String UNBONDING = "id, provider_id, owner, requested, amount, requested_at, release_at, released_at";
    private static final String SLASH = "verdict_id, provider_id, client, staked, to_client, to_treasury, at, quarantined_until";
    /** A result of the provider still awaits its verdict: an attempt of it SUCCEEDED while its task is not final. */
    private static final String AWAITING_VERDICT = "SELECT 1 FROM attempts a JOIN tasks t ON t.job_id = a.job_id AND t.idx = a.idx"
            + " WHERE a.provider_id = ? AND (a.state IN ('ASSIGNED', 'RUNNING')"
            + " OR (a.state = 'SUCCEEDED' AND t.state NOT IN ('SUCCEEDED', 'FAILED', 'CANCELLED')))";

    private final Sql sql;

    StakeSql(Sql sql) {
        this.sql = sql;
    }

    void lock() {
        // The ledger head's row lock: every posting takes it first, so stake changes and postings are one queue on PostgreSQL.
        sql.update("UPDATE ledger_head SET seq = seq WHERE id = 1");
    }

    Map<ProviderId, Credits> balances() {
        Map<ProviderId, Credits> out = new TreeMap<>();
        sql.each("SELECT account, balance FROM ledger_balances WHERE account LIKE 'stake:%'",
                rs -> out.put(ProviderId.of(rs.getString(1).substring("stake:".length())), Credits.ofMicros(rs.getLong(2))));
        return Collections.unmodifiableMap(out);
    }

    /** Each provider's stake less what it asked back and is not yet released: what bonds new work. */
    Map<ProviderId, Credits> bonded() {
        Map<ProviderId, Credits> out = new TreeMap<>(balances());
        // Money asked back is no bond for new work: it may be released before a task taken now reports.
        sql.each("SELECT provider_id, SUM(amount) FROM stake_unbondings WHERE released_at IS NULL GROUP BY provider_id",
                rs -> {
                    long asked = rs.getLong(2);
                    out.computeIfPresent(ProviderId.of(rs.getString(1)), (p, b) -> Credits.ofMicros(Math.max(0, b.micros() - asked)));
                });
        return Collections.unmodifiableMap(out);
    }

    void insertUnbonding(Unbonding u) {
        sql.update("INSERT INTO stake_unbondings (" + UNBONDING + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", u.id(), u.provider(), u.owner(), u.requested(),
                u.amount(), u.requestedAt(), u.releaseAt(), u.releasedAt());
    }

    Optional<Unbonding> unbonding(String id) {
        return sql.one("SELECT " + UNBONDING + " FROM stake_unbondings WHERE id = ?", StakeSql::unbonding, id);
    }

    List<Unbonding> unbondings(ProviderId p) {
        return sql.list("SELECT " + UNBONDING + " FROM stake_unbondings WHERE provider_id = ? ORDER BY requested_at, id", StakeSql::unbonding, p);
    }

    void updateUnbonding(String id, Credits amount, Instant releasedAt) {
        if (sql.update("UPDATE stake_unbondings SET amount = ?, released_at = ? WHERE id = ?", amount, releasedAt, id) != 1)
            throw new StoreException("cannot update unbonding " + id + ": no such unbonding", null);
    }

    List<Unbonding> dueUnbondings(Instant now, int limit) {
        Sql.requireLimit(limit);
        return sql.list("SELECT " + UNBONDING + " FROM stake_unbondings u WHERE released_at IS NULL AND release_at <= ?"
                        + " AND NOT EXISTS (" + AWAITING_VERDICT.replace("a.provider_id = ?", "a.provider_id = u.provider_id") + ")"
                        + " ORDER BY release_at, id LIMIT ?", StakeSql::unbonding, now, limit);
    }

    boolean awaitingVerdict(ProviderId p) {
        return sql.one("SELECT CASE WHEN EXISTS (" + AWAITING_VERDICT + ") THEN 1 ELSE 0 END", rs -> rs.getInt(1), p).orElse(0) == 1;
    }

    void scanUnbondings(Consumer<Unbonding> each) {
        sql.each("SELECT " + UNBONDING + " FROM stake_unbondings ORDER BY provider_id, requested_at, id", rs -> each.accept(unbonding(rs)));
    }

    void insertSlash(SlashRecord s) {
        sql.update("INSERT INTO stake_slashes (" + SLASH + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", s.verdictId(), s.provider(), s.client(), s.staked(),
                s.toClient(), s.toTreasury(), s.at(), s.quarantinedUntil());
    }

    Optional<SlashRecord> slash(String verdictId, ProviderId p) {
        return sql.one("SELECT " + SLASH + " FROM stake_slashes WHERE verdict_id = ? AND provider_id = ?", StakeSql::slash, verdictId, p);
    }

    List<SlashRecord> slashes(ProviderId p) {
        return sql.list("SELECT " + SLASH + " FROM stake_slashes WHERE provider_id = ? ORDER BY at, verdict_id", StakeSql::slash, p);
    }

    void scanSlashes(Consumer<SlashRecord> each) {
        sql.each("SELECT " + SLASH + " FROM stake_slashes ORDER BY provider_id, at, verdict_id", rs -> each.accept(slash(rs)));
    }

    private static Unbonding unbonding(ResultSet rs) throws SQLException {
        return new Unbonding(rs.getString("id"), ProviderId.of(rs.getString("provider_id")), rs.getString("owner"), Credits.ofMicros(rs.getLong("requested")),
                Credits.ofMicros(rs.getLong("amount")), Sql.instant(rs, "requested_at"), Sql.instant(rs, "release_at"), Sql.instant(rs, "released_at"));
    }

    private static SlashRecord slash(ResultSet rs) throws SQLException {
        return new SlashRecord(rs.getString("verdict_id"), ProviderId.of(rs.getString("provider_id")), rs.getString("client"),
                Credits.ofMicros(rs.getLong("staked")), Credits.ofMicros(rs.getLong("to_client")), Credits.ofMicros(rs.getLong("to_treasury")),
                Sql.instant(rs, "at"), Sql.instant(rs, "quarantined_until"));
    }
}

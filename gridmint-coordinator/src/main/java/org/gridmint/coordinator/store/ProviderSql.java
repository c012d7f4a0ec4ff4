package org.gridmint.coordinator.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.lifecycle.AttemptState;
import org.gridmint.core.money.Credits;

/** The providers of one transaction, their attempt statistics, and blob references across all tables. */
final class ProviderSql {
    private static final String COLUMNS = "id, owner, name, cpus, memory_mb, gpus, region, price_micros, slots, sandboxed, agent_version,"
            + " registered_at, last_seen_at, quarantined, quarantine_reason, asks, models";

    private final Sql sql;

    ProviderSql(Sql sql) {
        this.sql = sql;
    }

    void upsertProvider(ProviderRecord p) {
        sql.update("INSERT INTO providers (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, name = excluded.name, cpus = excluded.cpus, memory_mb = excluded.memory_mb,"
                + " gpus = excluded.gpus, region = excluded.region, price_micros = excluded.price_micros, slots = excluded.slots,"
                + " sandboxed = excluded.sandboxed, agent_version = excluded.agent_version, registered_at = excluded.registered_at,"
                + " last_seen_at = excluded.last_seen_at, quarantined = excluded.quarantined, quarantine_reason = excluded.quarantine_reason,"
                + " asks = excluded.asks, models = excluded.models",
                p.id(), p.owner(), p.name(), p.cpus(), p.memoryMb(), JsonColumns.write(p.gpus()), p.region(), p.price(), p.slots(), p.sandboxed(),
                p.agentVersion(), p.registeredAt(), p.lastSeenAt(), p.quarantined(), p.quarantineReason(), JsonColumns.writeAsks(p.asks()),
                JsonColumns.writeModels(p.models()));
    }

    Optional<ProviderRecord> provider(ProviderId id) {
        return sql.one("SELECT " + COLUMNS + " FROM providers WHERE id = ?", ProviderSql::provider, id);
    }

    List<ProviderRecord> providers() {
        return sql.list("SELECT " + COLUMNS + " FROM providers ORDER BY registered_at, id", ProviderSql::provider);
    }

    void touchProvider(ProviderId id, Instant seenAt) {
        if (sql.update("UPDATE providers SET last_seen_at = ? WHERE id = ?", seenAt, id) != 1)
            throw new StoreException("cannot touch provider " + id + ": no such provider", null);
    }

    /** By provider id. */
    Map<ProviderId, ProviderStats> providerStats() {
        Map<ProviderId, long[]> counts = new LinkedHashMap<>();
        sql.each("SELECT provider_id, state, COUNT(*) AS n FROM attempts GROUP BY provider_id, state ORDER BY provider_id", rs -> {
            long[] c = counts.computeIfAbsent(ProviderId.of(rs.getString("provider_id")), k -> new long[4]);
            long n = rs.getLong("n");
            switch (AttemptState.valueOf(rs.getString("state"))) {
                case ASSIGNED, RUNNING -> c[0] += n;
                case SUCCEEDED -> c[1] += n;
                case FAILED -> c[2] += n;
                case LOST -> c[3] += n;
                case CANCELLED -> { } // says nothing about the provider, but the provider still has attempts
            }
        });
        Map<ProviderId, ProviderStats> stats = new LinkedHashMap<>();
        counts.forEach((p, c) -> stats.put(p, new ProviderStats(p, Math.toIntExact(c[0]), c[1], c[2], c[3])));
        return Collections.unmodifiableMap(stats);
    }

    Map<ProviderId, org.gridmint.core.market.ProviderEvidence> providerEvidence() {
        // completed, provider failures, missed heartbeats, speed sum (millionths), speed samples
        Map<ProviderId, long[]> counts = new LinkedHashMap<>();
        sql.each("SELECT provider_id, state, reason, COUNT(*) AS n FROM attempts WHERE state NOT IN ('ASSIGNED', 'RUNNING')"
                + " GROUP BY provider_id, state, reason", rs -> {
            long[] c = counts.computeIfAbsent(ProviderId.of(rs.getString("provider_id")), k -> new long[5]);
            AttemptState state = AttemptState.valueOf(rs.getString("state"));
            String reason = rs.getString("reason");
            long n = rs.getLong("n");
            boolean providersFault = reason != null
                    && org.gridmint.core.market.Fault.of(org.gridmint.core.lifecycle.AttemptReason.valueOf(reason)) == org.gridmint.core.market.Fault.PROVIDER;
            if (state == AttemptState.SUCCEEDED) c[0] += n;
            if (providersFault) c[1] += n;
        });
        sql.each("SELECT provider_id, missed_heartbeats, speed_sum_micros, speed_samples FROM provider_evidence", rs -> {
            long[] c = counts.computeIfAbsent(ProviderId.of(rs.getString("provider_id")), k -> new long[5]);
            c[2] = rs.getLong("missed_heartbeats");
            c[3] = rs.getLong("speed_sum_micros");
            c[4] = rs.getLong("speed_samples");
        });
        Map<ProviderId, org.gridmint.core.market.ProviderEvidence> out = new LinkedHashMap<>();
        counts.forEach((p, c) -> {
            // Each sample is of a succeeded attempt; should rows ever disagree (attempts deleted by hand), keep the ratio, not the count.
            long samples = Math.min(c[4], c[0]);
            double sum = c[4] == 0 ? 0 : c[3] / 1e6 * samples / c[4];
            out.put(p, new org.gridmint.core.market.ProviderEvidence(c[0], c[1], c[2], sum, samples));
        });
        return Collections.unmodifiableMap(out);
    }

    void addEvidence(ProviderId p, long missedHeartbeats, long speedSumMicros, long speedSamples) {
        sql.update("INSERT INTO provider_evidence (provider_id, missed_heartbeats, speed_sum_micros, speed_samples) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (provider_id) DO UPDATE SET missed_heartbeats = provider_evidence.missed_heartbeats + excluded.missed_heartbeats,"
                + " speed_sum_micros = provider_evidence.speed_sum_micros + excluded.speed_sum_micros,"
                + " speed_samples = provider_evidence.speed_samples + excluded.speed_samples", p, missedHeartbeats, speedSumMicros, speedSamples);
    }

    List<Long> peerRuntimes(org.gridmint.core.ids.JobId job, ProviderId except, int limit) {
        Sql.requireLimit(limit);
        // The primary key's prefix (job_id, idx) bounds the read: the latest tasks of the job, whoever else ran them.
        return sql.list("SELECT runtime_ms FROM task_charges WHERE job_id = ? AND provider_id <> ? ORDER BY idx DESC LIMIT ?",
                rs -> rs.getLong(1), job, except, limit);
    }

    org.gridmint.core.market.Quarantine quarantine(ProviderId p) {
        return sql.one("SELECT consecutive_failures, times_quarantined, quarantined_until FROM provider_faults WHERE provider_id = ?",
                ProviderSql::quarantineRow, p).orElse(org.gridmint.core.market.Quarantine.NONE);
    }

    Map<ProviderId, org.gridmint.core.market.Quarantine> quarantines() {
        Map<ProviderId, org.gridmint.core.market.Quarantine> out = new LinkedHashMap<>();
        sql.each("SELECT provider_id, consecutive_failures, times_quarantined, quarantined_until FROM provider_faults",
                rs -> out.put(ProviderId.of(rs.getString("provider_id")), quarantineRow(rs)));
        return Collections.unmodifiableMap(out);
    }

    void saveQuarantine(ProviderId p, org.gridmint.core.market.Quarantine q) {
        if (sql.update("UPDATE provider_faults SET consecutive_failures = ?, times_quarantined = ?, quarantined_until = ? WHERE provider_id = ?",
                q.consecutiveFailures(), q.timesQuarantined(), q.until(), p) == 0)
            sql.update("INSERT INTO provider_faults (provider_id, consecutive_failures, times_quarantined, quarantined_until) VALUES (?, ?, ?, ?)",
                    p, q.consecutiveFailures(), q.timesQuarantined(), q.until());
    }

    private static org.gridmint.core.market.Quarantine quarantineRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new org.gridmint.core.market.Quarantine(rs.getInt("consecutive_failures"), rs.getInt("times_quarantined"),
                Sql.instant(rs, "quarantined_until"));
    }

    void requestDrain(ProviderId p, Instant at) {
        // One statement, not check-then-insert: two drain requests at once must not race into a key violation.
        sql.update("INSERT INTO provider_drains (provider_id, requested_at) VALUES (?, ?) ON CONFLICT (provider_id) DO NOTHING", p, at);
    }

    void clearDrain(ProviderId p) {
        sql.update("DELETE FROM provider_drains WHERE provider_id = ?", p);
    }

    boolean draining(ProviderId p) {
        return sql.one("SELECT 1 FROM provider_drains WHERE provider_id = ?", rs -> rs.getInt(1), p).isPresent();
    }

    java.util.Set<ProviderId> drainingProviders() {
        java.util.Set<ProviderId> out = new java.util.HashSet<>();
        sql.each("SELECT provider_id FROM provider_drains", rs -> out.add(ProviderId.of(rs.getString("provider_id"))));
        return Collections.unmodifiableSet(out);
    }

    Map<ProviderId, Integer> activeAttemptCounts() {
        Map<ProviderId, Integer> out = new LinkedHashMap<>();
        // The predicate is the partial index's (attempts_active_lease), so only live attempts are read.
        sql.each("SELECT provider_id, COUNT(*) AS n FROM attempts WHERE state IN ('ASSIGNED', 'RUNNING') GROUP BY provider_id",
                rs -> out.put(ProviderId.of(rs.getString("provider_id")), rs.getInt("n")));
        return Collections.unmodifiableMap(out);
    }

    boolean blobReferenced(String sha256) {
        return sql.one("""
                SELECT CASE WHEN EXISTS (SELECT 1 FROM job_blobs WHERE sha256 = ?)
                  OR EXISTS (SELECT 1 FROM task_outputs WHERE sha256 = ?)
                  OR EXISTS (SELECT 1 FROM attempt_logs WHERE stdout_sha256 = ?)
                  OR EXISTS (SELECT 1 FROM attempt_logs WHERE stderr_sha256 = ?)
                  OR EXISTS (SELECT 1 FROM task_checkpoints WHERE sha256 = ?)
                  OR EXISTS (SELECT 1 FROM job_shards WHERE blob_sha256 = ?)
                THEN 1 ELSE 0 END""", rs -> rs.getInt(1), sha256, sha256, sha256, sha256, sha256, sha256).orElse(0) == 1;
    }

    private static ProviderRecord provider(ResultSet rs) throws SQLException {
        return new ProviderRecord(ProviderId.of(rs.getString("id")), rs.getString("owner"), rs.getString("name"), rs.getInt("cpus"),
                rs.getLong("memory_mb"), JsonColumns.gpus(rs.getString("gpus")), rs.getString("region"), Credits.ofMicros(rs.getLong("price_micros")),
                rs.getInt("slots"), rs.getInt("sandboxed") != 0, rs.getString("agent_version"), Sql.instant(rs, "registered_at"),
                Sql.instant(rs, "last_seen_at"), rs.getInt("quarantined") != 0, rs.getString("quarantine_reason"), JsonColumns.asks(rs.getString("asks")),
                JsonColumns.models(rs.getString("models")));
    }
}

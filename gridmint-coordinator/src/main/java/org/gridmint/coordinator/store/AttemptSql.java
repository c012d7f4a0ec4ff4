package org.gridmint.coordinator.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gridmint.api.BlobRef;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.lifecycle.AttemptReason;
import org.gridmint.core.lifecycle.AttemptState;
import org.gridmint.core.scheduling.AttemptRecord;

/** The attempts and attempt logs of one transaction. */
final class AttemptSql {
    private static final String COLUMNS = "id, job_id, idx, number, provider_id, state, reason, message, exit_code,"
            + " assigned_at, started_at, ended_at, lease_expires_at, progress, ask_micros";
    // Must match the predicate of the attempts_active_lease index word for word (see V1__init.sql).
    private static final String ACTIVE = "state IN ('ASSIGNED', 'RUNNING')";

    private final Sql sql;

    AttemptSql(Sql sql) {
        this.sql = sql;
    }

    void insertAttempt(AttemptRecord a) {
        sql.update("INSERT INTO attempts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                a.id(), a.task().job(), a.task().index(), a.number(), a.provider(), a.state(), a.reason(), a.message(), a.exitCode(),
                a.assignedAt(), a.startedAt(), a.endedAt(), a.leaseExpiresAt(), a.progress(), a.ask());
    }

    /** Writes what an attempt's life changes; its task, number, provider, assignment time and agreed ask are fixed at insert. */
    void updateAttempt(AttemptRecord a) {
        int changed = sql.update("""
                UPDATE attempts SET state = ?, reason = ?, message = ?, exit_code = ?, started_at = ?, ended_at = ?,
                lease_expires_at = ?, progress = ? WHERE id = ?""",
                a.state(), a.reason(), a.message(), a.exitCode(), a.startedAt(), a.endedAt(), a.leaseExpiresAt(), a.progress(), a.id());
        if (changed != 1) throw new StoreException("cannot update attempt " + a.id() + ": no such attempt", null);
    }

    Optional<AttemptRecord> attempt(AttemptId id) {
        return sql.one("SELECT " + COLUMNS + " FROM attempts WHERE id = ?", AttemptSql::attempt, id);
    }

    List<AttemptRecord> attempts(JobId job) {
        return sql.list("SELECT " + COLUMNS + " FROM attempts WHERE job_id = ? ORDER BY idx, number", AttemptSql::attempt, job);
    }

    List<AttemptRecord> expiredAttempts(Instant now, int limit) {
        Sql.requireLimit(limit);
        return sql.list("SELECT " + COLUMNS + " FROM attempts WHERE " + ACTIVE + " AND lease_expires_at <= ? ORDER BY lease_expires_at, id LIMIT ?",
                AttemptSql::attempt, now, limit);
    }

    int renewLeasesExpiredBy(Instant now, Instant until) {
        return sql.update("UPDATE attempts SET lease_expires_at = ? WHERE " + ACTIVE + " AND lease_expires_at <= ?", until, now);
    }

    /** By task index, then attempt number. */
    List<AttemptRecord> activeAttempts(JobId job) {
        return sql.list("SELECT " + COLUMNS + " FROM attempts WHERE job_id = ? AND " + ACTIVE + " ORDER BY idx, number", AttemptSql::attempt, job);
    }

    /** One task's live attempts (two while a backup races the first), by number. */
    List<AttemptRecord> activeAttempts(TaskId task) {
        return sql.list("SELECT " + COLUMNS + " FROM attempts WHERE job_id = ? AND idx = ? AND " + ACTIVE + " ORDER BY number",
                AttemptSql::attempt, task.job(), task.index());
    }

    /** By assignment time, then id. */
    List<AttemptRecord> activeAttemptsOf(ProviderId provider) {
        return sql.list("SELECT " + COLUMNS + " FROM attempts WHERE provider_id = ? AND " + ACTIVE + " ORDER BY assigned_at, id",
                AttemptSql::attempt, provider);
    }

    /** Inserts or replaces the logs of one attempt. */
    void saveLogs(AttemptLogs logs) {
        BlobRef out = logs.stdout();
        BlobRef err = logs.stderr();
        sql.update("""
                INSERT INTO attempt_logs (attempt_id, stdout_name, stdout_sha256, stdout_size, stderr_name, stderr_sha256, stderr_size)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (attempt_id) DO UPDATE SET stdout_name = excluded.stdout_name, stdout_sha256 = excluded.stdout_sha256,
                stdout_size = excluded.stdout_size, stderr_name = excluded.stderr_name, stderr_sha256 = excluded.stderr_sha256,
                stderr_size = excluded.stderr_size""",
                logs.attempt(), out == null ? null : out.name(), out == null ? null : out.sha256(), out == null ? null : out.size(),
                err == null ? null : err.name(), err == null ? null : err.sha256(), err == null ? null : err.size());
    }

    Optional<AttemptLogs> logs(AttemptId attempt) {
        return sql.one("SELECT * FROM attempt_logs WHERE attempt_id = ?",
                rs -> new AttemptLogs(attempt, blob(rs, "stdout"), blob(rs, "stderr")), attempt);
    }

    private static BlobRef blob(ResultSet rs, String prefix) throws SQLException {
        String sha = rs.getString(prefix + "_sha256");
        return sha == null ? null : new BlobRef(rs.getString(prefix + "_name"), sha, rs.getLong(prefix + "_size"));
    }

    private static org.gridmint.core.money.Credits askMicros(ResultSet rs) throws SQLException {
        Long micros = Sql.longValue(rs, "ask_micros");
        return micros == null ? null : org.gridmint.core.money.Credits.ofMicros(micros);
    }

    private static AttemptRecord attempt(ResultSet rs) throws SQLException {
        return new AttemptRecord(AttemptId.of(rs.getString("id")), new TaskId(JobId.of(rs.getString("job_id")), rs.getInt("idx")),
                rs.getInt("number"), ProviderId.of(rs.getString("provider_id")), AttemptState.valueOf(rs.getString("state")),
                Sql.enumValue(rs, "reason", AttemptReason.class), rs.getString("message"), Sql.integer(rs, "exit_code"),
                Sql.instant(rs, "assigned_at"), Sql.instant(rs, "started_at"), Sql.instant(rs, "ended_at"),
                Sql.instant(rs, "lease_expires_at"), rs.getString("progress"), askMicros(rs));
    }
}

package org.gridmint.coordinator.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridmint.api.json.Json;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.verify.Partner;
import org.gridmint.core.verify.TaskVerification;
import org.gridmint.core.verify.Trust;

/** The verification tables of one transaction: reported results, verdicts, task plans and provider trust (V9). */
final class VerifySql {
    private static final String RESULT_COLUMNS = "r.attempt_id, r.job_id, r.idx, r.ordinal, r.provider_id, r.provider_owner, r.outputs, r.digest,"
            + " r.runtime_ms, r.reported_at, r.status";
    private static final String VERDICT_COLUMNS = "id, job_id, idx, outcome, policy, why, canonical_attempt, evidence, decided_at";
    private static final TypeReference<List<VerdictRecord.Entry>> ENTRIES = new TypeReference<>() {};

    private final Sql sql;

    VerifySql(Sql sql) {
        this.sql = sql;
    }

    void insertResult(TaskResult r) {
        sql.update("INSERT INTO task_results (attempt_id, job_id, idx, ordinal, provider_id, provider_owner, outputs, digest, runtime_ms,"
                        + " reported_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.attempt(), r.task().job(), r.task().index(), r.ordinal(), r.provider(), r.owner(), JsonColumns.write(r.outputs()), r.digest(),
                r.runtimeMillis(), r.reportedAt(), r.status());
    }

    void updateResultStatus(AttemptId attempt, TaskResult.Status status) {
        if (sql.update("UPDATE task_results SET status = ? WHERE attempt_id = ?", status, attempt) != 1)
            throw new StoreException("cannot update the result of attempt " + attempt + ": no such result", null);
    }

    /** One task's results in report order. */
    List<TaskResult> results(TaskId task) {
        return sql.list("SELECT " + RESULT_COLUMNS + " FROM task_results r WHERE r.job_id = ? AND r.idx = ? ORDER BY r.ordinal",
                VerifySql::result, task.job(), task.index());
    }

    /** A job's results by task index, then report order. */
    List<TaskResult> results(JobId job) {
        return sql.list("SELECT " + RESULT_COLUMNS + " FROM task_results r WHERE r.job_id = ? ORDER BY r.idx, r.ordinal", VerifySql::result, job);
    }

    /** The results of a job's PENDING tasks (those waiting for a replica), by task index: the claim path's exclusions. */
    Map<Integer, List<TaskResult>> pendingResults(JobId job) {
        Map<Integer, List<TaskResult>> out = new LinkedHashMap<>();
        for (TaskResult r : sql.list("SELECT " + RESULT_COLUMNS + " FROM task_results r JOIN tasks t ON t.job_id = r.job_id AND t.idx = r.idx"
                + " WHERE r.job_id = ? AND t.state = 'PENDING' ORDER BY r.idx, r.ordinal", VerifySql::result, job))
            out.computeIfAbsent(r.task().index(), k -> new ArrayList<>()).add(r);
        return out;
    }

    void insertVerdict(VerdictRecord v) {
        sql.update("INSERT INTO verdicts (" + VERDICT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                v.id(), v.task().job(), v.task().index(), v.outcome(), v.policy(), v.why(), v.canonical(), JsonColumns.write(v.results()),
                v.decidedAt());
    }

    /** A job's verdicts by task index, then time of decision. */
    List<VerdictRecord> verdicts(JobId job) {
        return sql.list("SELECT " + VERDICT_COLUMNS + " FROM verdicts WHERE job_id = ? ORDER BY idx, decided_at, id", VerifySql::verdict, job);
    }

    /** Every verdict, for the audit, by job, task and time. */
    List<VerdictRecord> allVerdicts() {
        return sql.list("SELECT " + VERDICT_COLUMNS + " FROM verdicts ORDER BY job_id, idx, decided_at, id", VerifySql::verdict);
    }

    /** ACCEPTED verdicts decided in [from, to), by time of decision. */
    List<VerdictRecord> acceptedVerdicts(Instant from, Instant to) {
        return sql.list("SELECT " + VERDICT_COLUMNS + " FROM verdicts WHERE outcome = 'ACCEPTED' AND decided_at >= ? AND decided_at < ?"
                + " ORDER BY decided_at, id", VerifySql::verdict, from, to);
    }

    /** ACCEPTED verdicts decided in [from, to) that no epoch's close examined yet, by time of decision: what an epoch's emission rewards. */
    List<VerdictRecord> unexaminedVerdicts(Instant from, Instant to) {
        return sql.list("SELECT " + VERDICT_COLUMNS + " FROM verdicts v WHERE outcome = 'ACCEPTED' AND decided_at >= ? AND decided_at < ?"
                + " AND NOT EXISTS (SELECT 1 FROM examined_verdicts x WHERE x.verdict_id = v.id) ORDER BY decided_at, id", VerifySql::verdict, from, to);
    }

    /** Forgets a task's accepted outputs: a full check reopened it, and its next verdict writes them again. */
    void deleteOutputs(TaskId task) {
        sql.update("DELETE FROM task_outputs WHERE job_id = ? AND idx = ?", task.job(), task.index());
    }

    /** The task's plan; empty before its first result (and for jobs that verify nothing). */
    Optional<TaskVerification> verification(TaskId task) {
        return sql.one("SELECT quorum, target, partner, tie_breakers, why FROM task_verifications WHERE job_id = ? AND idx = ?",
                rs -> new TaskVerification(rs.getInt("quorum"), rs.getInt("target"), Partner.valueOf(rs.getString("partner")),
                        rs.getInt("tie_breakers"), rs.getString("why")), task.job(), task.index());
    }

    void saveVerification(TaskId task, TaskVerification v, Instant at) {
        sql.update("""
                INSERT INTO task_verifications (job_id, idx, quorum, target, partner, tie_breakers, why, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (job_id, idx) DO UPDATE SET quorum = excluded.quorum, target = excluded.target, partner = excluded.partner,
                tie_breakers = excluded.tie_breakers, why = excluded.why, updated_at = excluded.updated_at""",
                task.job(), task.index(), v.quorum(), v.target(), v.partner(), v.tieBreakers(), v.why(), at);
    }

    Trust trust(ProviderId provider) {
        return sql.one("SELECT consecutive_valid, valid_total, invalid_total FROM provider_trust WHERE provider_id = ?", VerifySql::trust, provider)
                .orElse(Trust.NONE);
    }

    Map<ProviderId, Trust> trusts() {
        Map<ProviderId, Trust> out = new LinkedHashMap<>();
        sql.each("SELECT provider_id, consecutive_valid, valid_total, invalid_total FROM provider_trust ORDER BY provider_id",
                rs -> out.put(ProviderId.of(rs.getString("provider_id")), trust(rs)));
        return out;
    }

    void saveTrust(ProviderId provider, Trust t, Instant at) {
        sql.update("""
                INSERT INTO provider_trust (provider_id, consecutive_valid, valid_total, invalid_total, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (provider_id) DO UPDATE SET consecutive_valid = excluded.consecutive_valid, valid_total = excluded.valid_total,
                invalid_total = excluded.invalid_total, updated_at = excluded.updated_at""",
                provider, t.consecutiveValid(), t.validTotal(), t.invalidTotal(), at);
    }

    private static Trust trust(ResultSet rs) throws SQLException {
        return new Trust(rs.getInt("consecutive_valid"), rs.getLong("valid_total"), rs.getLong("invalid_total"));
    }

    private static TaskResult result(ResultSet rs) throws SQLException {
        return new TaskResult(AttemptId.of(rs.getString("attempt_id")), new TaskId(JobId.of(rs.getString("job_id")), rs.getInt("idx")),
                rs.getInt("ordinal"), ProviderId.of(rs.getString("provider_id")), rs.getString("provider_owner"),
                JsonColumns.blobs(rs.getString("outputs")), rs.getString("digest"), rs.getLong("runtime_ms"), Sql.instant(rs, "reported_at"),
                TaskResult.Status.valueOf(rs.getString("status")));
    }

    private static VerdictRecord verdict(ResultSet rs) throws SQLException {
        String canonical = rs.getString("canonical_attempt");
        return new VerdictRecord(rs.getString("id"), new TaskId(JobId.of(rs.getString("job_id")), rs.getInt("idx")),
                VerdictRecord.Outcome.valueOf(rs.getString("outcome")), rs.getString("policy"), rs.getString("why"),
                canonical == null ? null : AttemptId.of(canonical), entries(rs.getString("evidence")), Sql.instant(rs, "decided_at"));
    }

    private static List<VerdictRecord.Entry> entries(String json) {
        try {
            return Json.mapper().readValue(json, ENTRIES);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored verdict evidence is not readable: " + e.getOriginalMessage(), e);
        }
    }

}

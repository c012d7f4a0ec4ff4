package org.gridmint.coordinator.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.gridmint.api.BlobRef;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.TaskId;

/** The task checkpoints and the attempts' resumed-from links of one transaction. */
final class CheckpointSql {
    /** Checkpoint blobs have no name of their own; views and assignments show this one. */
    static final String BLOB_NAME = "checkpoint.zip";

    private final Sql sql;

    CheckpointSql(Sql sql) {
        this.sql = sql;
    }

    void saveCheckpoint(CheckpointRecord c) {
        sql.update("""
                INSERT INTO task_checkpoints (job_id, idx, attempt_id, sha256, size, runtime_ms, at) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (job_id, idx) DO UPDATE SET attempt_id = excluded.attempt_id, sha256 = excluded.sha256, size = excluded.size,
                runtime_ms = excluded.runtime_ms, at = excluded.at""",
                c.task().job(), c.task().index(), c.attempt(), c.blob().sha256(), c.blob().size(), c.runtimeMillis(), c.at());
    }

    Optional<CheckpointRecord> checkpoint(TaskId task) {
        return sql.one("SELECT * FROM task_checkpoints WHERE job_id = ? AND idx = ?", CheckpointSql::checkpoint, task.job(), task.index());
    }

    /** By task index. */
    Map<Integer, CheckpointRecord> checkpoints(JobId job) {
        var m = new LinkedHashMap<Integer, CheckpointRecord>();
        sql.list("SELECT * FROM task_checkpoints WHERE job_id = ? ORDER BY idx", CheckpointSql::checkpoint, job)
                .forEach(c -> m.put(c.task().index(), c));
        return m;
    }

    void markResumed(AttemptId attempt, AttemptId from) {
        // The checkpoint's runtime goes along: the task's checkpoint row is replaced by later ones, and paying `from` for its
        // checkpointed work needs to know how far in it was.
        int changed = sql.update("UPDATE attempts SET resumed_from = ?, resumed_at_ms = (SELECT c.runtime_ms FROM task_checkpoints c"
                + " WHERE c.job_id = attempts.job_id AND c.idx = attempts.idx AND c.attempt_id = ?) WHERE id = ?", from, from, attempt);
        if (changed != 1) throw new StoreException("cannot mark attempt " + attempt + " resumed: no such attempt", null);
    }

    /** Attempt to the attempt it resumed from, for the job's attempts that resumed from a checkpoint. */
    Map<AttemptId, AttemptId> resumedFrom(JobId job) {
        var m = new LinkedHashMap<AttemptId, AttemptId>();
        sql.list("SELECT id, resumed_from FROM attempts WHERE job_id = ? AND resumed_from IS NOT NULL ORDER BY idx, number",
                rs -> Map.entry(AttemptId.of(rs.getString(1)), AttemptId.of(rs.getString(2))), job).forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    Optional<ResumedFrom> resumedFrom(AttemptId attempt) {
        return sql.one("SELECT resumed_from, resumed_at_ms FROM attempts WHERE id = ? AND resumed_from IS NOT NULL",
                rs -> new ResumedFrom(AttemptId.of(rs.getString(1)), Sql.longValue(rs, "resumed_at_ms")), attempt);
    }

    private static CheckpointRecord checkpoint(ResultSet rs) throws SQLException {
        return new CheckpointRecord(new TaskId(JobId.of(rs.getString("job_id")), rs.getInt("idx")), AttemptId.of(rs.getString("attempt_id")),
                new BlobRef(BLOB_NAME, rs.getString("sha256"), rs.getLong("size")), rs.getLong("runtime_ms"), Sql.instant(rs, "at"));
    }
}

package org.gridmint.coordinator.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.JobId;

/** Backup attempts and what speculation needs to know of a job: which attempt each backup races, its tasks' runtimes. */
final class BackupSql {
    private final Sql sql;

    BackupSql(Sql sql) {
        this.sql = sql;
    }

    void markBackup(AttemptId backup, AttemptId of) {
        int changed = sql.update("UPDATE attempts SET backup_of = ? WHERE id = ?", of, backup);
        if (changed != 1) throw new StoreException("cannot mark attempt " + backup + " a backup: no such attempt", null);
    }

    /** Backup to the attempt it races, for the job's backups, by task index then number. */
    Map<AttemptId, AttemptId> backupOf(JobId job) {
        var m = new LinkedHashMap<AttemptId, AttemptId>();
        sql.list("SELECT id, backup_of FROM attempts WHERE job_id = ? AND backup_of IS NOT NULL ORDER BY idx, number",
                rs -> Map.entry(AttemptId.of(rs.getString(1)), AttemptId.of(rs.getString(2))), job).forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    /** How long each succeeded attempt of the job ran, from its start (or assignment) to its end, in no order. */
    List<Long> succeededRuntimes(JobId job) {
        return sql.list("SELECT COALESCE(started_at, assigned_at) AS s, ended_at FROM attempts WHERE job_id = ? AND state = 'SUCCEEDED'",
                rs -> Math.max(0, rs.getLong("ended_at") - rs.getLong("s")), job);
    }
}

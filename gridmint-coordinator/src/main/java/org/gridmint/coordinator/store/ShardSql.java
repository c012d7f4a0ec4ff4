package org.gridmint.coordinator.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.TaskId;

/** The shards of embed jobs in one transaction. */
final class ShardSql {
    private static final String COLUMNS = "job_id, task_index, first_item, item_count, blob_sha256, blob_size";

    private final Sql sql;

    ShardSql(Sql sql) {
        this.sql = sql;
    }

    void insertShards(List<ShardRecord> shards) {
        sql.batch("INSERT INTO job_shards (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)", shards,
                s -> new Object[] {s.task().job(), s.task().index(), s.firstItem(), s.itemCount(), s.sha256(), s.size()});
    }

    Optional<ShardRecord> shard(TaskId task) {
        return sql.one("SELECT " + COLUMNS + " FROM job_shards WHERE job_id = ? AND task_index = ?", ShardSql::shard, task.job(), task.index());
    }

    List<ShardRecord> shards(JobId job) {
        return sql.list("SELECT " + COLUMNS + " FROM job_shards WHERE job_id = ? ORDER BY task_index", ShardSql::shard, job);
    }

    private static ShardRecord shard(ResultSet rs) throws SQLException {
        return new ShardRecord(new TaskId(JobId.of(rs.getString("job_id")), rs.getInt("task_index")), rs.getInt("first_item"),
                rs.getInt("item_count"), rs.getString("blob_sha256"), rs.getLong("blob_size"));
    }
}

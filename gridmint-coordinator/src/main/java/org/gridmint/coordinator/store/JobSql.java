package org.gridmint.coordinator.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridmint.api.BlobRef;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.lifecycle.AttemptReason;
import org.gridmint.core.lifecycle.JobState;
import org.gridmint.core.lifecycle.TaskState;
import org.gridmint.core.scheduling.TaskRecord;
import org.gridmint.core.spec.JobSpecDraft;
import org.gridmint.core.spec.JobSpecValidator;
import org.gridmint.core.spec.VerifySpec;

/** The jobs, tasks and task outputs of one transaction. */
final class JobSql {
    private static final String JOB_COLUMNS = "id, owner, files, state, created_at, updated_at, finished_at, failure_reason";
    private static final String TASK_COLUMNS = "job_id, idx, state, attempts, failures, last_failed_provider, last_reason, updated_at";
    // Must match the predicate of the jobs_unfinished index word for word (see V1__init.sql).
    private static final String UNFINISHED = "state IN ('PENDING', 'RUNNING')";

    private final Sql sql;
    private final SpecCache cache;
    /** Specs this transaction parsed; published to the cache only after commit, so a rollback leaves no trace. */
    private final Map<JobId, SpecCache.Entry> parsed = new HashMap<>();

    JobSql(Sql sql, SpecCache cache) {
        this.sql = sql;
        this.cache = cache;
    }

    void publishParsedSpecs() {
        parsed.forEach(cache::put);
    }

    void insertJob(JobRecord job, List<TaskRecord> tasks) {
        for (int i = 0; i < tasks.size(); i++) {
            TaskId id = tasks.get(i).id();
            if (!id.job().equals(job.id()) || id.index() != i)
                throw new IllegalArgumentException("task " + i + " of job " + job.id() + " has id " + id + "; expected " + job.id() + "/" + i);
        }
        // Only the draft's JSON is stored and the spec is rebuilt from it on read: check now that this yields the
        // very spec being inserted, rather than have it change after a cache miss or a restart. The entry cached is
        // built from the JSON too, so a caller mutating its draft's lists afterwards cannot reach it.
        String draftJson = JsonColumns.write(explicitVerify(job.draft()));
        JobSpecDraft stored = asStored(JsonColumns.draft(draftJson));
        var result = JobSpecValidator.validate(stored);
        if (!(result instanceof JobSpecValidator.Valid valid) || !valid.spec().equals(job.spec()))
            throw new IllegalArgumentException("job " + job.id() + ": its spec is not the one its stored draft validates to"
                    + (result instanceof JobSpecValidator.Invalid invalid ? " " + invalid.errors() : ""));
        SpecCache.Entry spec = new SpecCache.Entry(stored, valid.spec());
        if (tasks.size() != spec.spec().taskCount())
            throw new IllegalArgumentException("job " + job.id() + " has " + spec.spec().taskCount() + " tasks in its spec but " + tasks.size() + " were given");
        sql.update("INSERT INTO jobs (id, owner, draft, files, state, created_at, updated_at, finished_at, failure_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                job.id(), job.owner(), draftJson, JsonColumns.write(job.files()), job.state(),
                job.createdAt(), job.updatedAt(), job.finishedAt(), job.failureReason());
        insertJobBlobs(job.id(), job.files());
        sql.batch("INSERT INTO tasks (" + TASK_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", tasks, JobSql::taskParams);
        parsed.put(job.id(), spec);
    }

    Optional<JobRecord> job(JobId id) {
        return sql.one("SELECT " + JOB_COLUMNS + " FROM jobs WHERE id = ?", JobSql::jobRow, id).map(this::withSpec);
    }

    List<JobRecord> jobs(String owner, int limit) {
        Sql.requireLimit(limit);
        if (owner == null)
            return withSpecs(sql.list("SELECT " + JOB_COLUMNS + " FROM jobs ORDER BY created_at DESC, id DESC LIMIT ?", JobSql::jobRow, limit));
        return withSpecs(sql.list("SELECT " + JOB_COLUMNS + " FROM jobs WHERE owner = ? ORDER BY created_at DESC, id DESC LIMIT ?",
                JobSql::jobRow, owner, limit));
    }

    List<JobRecord> unfinishedJobs() {
        return withSpecs(sql.list("SELECT " + JOB_COLUMNS + " FROM jobs WHERE " + UNFINISHED + " ORDER BY created_at, id", JobSql::jobRow));
    }

    /** Writes the job's state, timestamps, failure reason and files; id, owner, draft and creation time are fixed at insert. */
    void updateJob(JobRecord job) {
        String files = JsonColumns.write(job.files());
        String before = sql.one("SELECT files FROM jobs WHERE id = ?", rs -> rs.getString(1), job.id())
                .orElseThrow(() -> new StoreException("cannot update job " + job.id() + ": no such job", null));
        sql.update("UPDATE jobs SET state = ?, updated_at = ?, finished_at = ?, failure_reason = ?, files = ? WHERE id = ?",
                job.state(), job.updatedAt(), job.finishedAt(), job.failureReason(), files, job.id());
        if (!before.equals(files)) {
            sql.update("DELETE FROM job_blobs WHERE job_id = ?", job.id());
            insertJobBlobs(job.id(), job.files());
        }
    }

    Optional<TaskRecord> task(TaskId id) {
        return sql.one("SELECT " + TASK_COLUMNS + " FROM tasks WHERE job_id = ? AND idx = ?", JobSql::task, id.job(), id.index());
    }

    List<TaskRecord> tasks(JobId job) {
        return sql.list("SELECT " + TASK_COLUMNS + " FROM tasks WHERE job_id = ? ORDER BY idx", JobSql::task, job);
    }

    boolean updateTask(TaskRecord expected, TaskRecord next) {
        if (!expected.id().equals(next.id()))
            throw new IllegalArgumentException("updateTask needs one task, got expected " + expected.id() + " and next " + next.id());
        int changed = sql.update("""
                UPDATE tasks SET state = ?, attempts = ?, failures = ?, last_failed_provider = ?, last_reason = ?, updated_at = ?
                WHERE job_id = ? AND idx = ? AND state = ? AND attempts = ?""",
                next.state(), next.attempts(), next.failures(), next.lastFailedProvider(), next.lastReason(), next.updatedAt(),
                next.id().job(), next.id().index(), expected.state(), expected.attempts());
        return changed == 1;
    }

    /** Every state appears, with 0 when the job has no task in it, so callers need no defaults. */
    Map<TaskState, Integer> taskCounts(JobId job) {
        Map<TaskState, Integer> counts = new EnumMap<>(TaskState.class);
        for (TaskState s : TaskState.values()) counts.put(s, 0);
        sql.each("SELECT state, COUNT(*) AS n FROM tasks WHERE job_id = ? GROUP BY state",
                rs -> counts.put(TaskState.valueOf(rs.getString("state")), rs.getInt("n")), job);
        return Collections.unmodifiableMap(counts);
    }

    boolean hasTasksIn(JobId job, java.util.Set<TaskState> states) {
        for (TaskState s : states) {
            if (!sql.list("SELECT 1 FROM tasks WHERE job_id = ? AND state = ? LIMIT 1", rs -> 1, job, s.name()).isEmpty()) return true;
        }
        return false;
    }

    /**
     * Two index walks instead of one join: first the oldest unfinished jobs that have a pending task, then each
     * one's pending tasks by index until {@code limit} is reached. A single ORDER BY across the join makes both
     * databases sort every pending task of the first job (100,000 of them) to return a few.
     */
    List<TaskRecord> pendingTasks(int limit) {
        Sql.requireLimit(limit);
        if (limit == 0) return List.of();
        List<JobId> jobs = sql.list("SELECT j.id FROM jobs j WHERE j." + UNFINISHED
                + " AND EXISTS (SELECT 1 FROM tasks t WHERE t.job_id = j.id AND t.state = 'PENDING')"
                + " ORDER BY j.created_at, j.id LIMIT ?", rs -> JobId.of(rs.getString(1)), limit);
        List<TaskRecord> out = new ArrayList<>();
        for (JobId job : jobs) {
            out.addAll(sql.list("SELECT " + TASK_COLUMNS + " FROM tasks WHERE job_id = ? AND state = 'PENDING' ORDER BY idx LIMIT ?",
                    JobSql::task, job, limit - out.size()));
            if (out.size() == limit) break;
        }
        return out;
    }

    void insertOutputs(TaskId task, List<BlobRef> outputs) {
        List<Object[]> rows = new ArrayList<>(outputs.size());
        for (int i = 0; i < outputs.size(); i++) {
            BlobRef b = outputs.get(i);
            rows.add(new Object[] {task.job(), task.index(), i, b.name(), b.sha256(), b.size()});
        }
        sql.batch("INSERT INTO task_outputs (job_id, idx, ordinal, name, sha256, size) VALUES (?, ?, ?, ?, ?, ?)", rows, r -> r);
    }

    List<BlobRef> outputs(TaskId task) {
        return sql.list("SELECT name, sha256, size FROM task_outputs WHERE job_id = ? AND idx = ? ORDER BY ordinal",
                JobSql::blob, task.job(), task.index());
    }

    Map<Integer, List<BlobRef>> outputs(JobId job) {
        Map<Integer, List<BlobRef>> byTask = new LinkedHashMap<>();
        sql.each("SELECT idx, name, sha256, size FROM task_outputs WHERE job_id = ? ORDER BY idx, ordinal",
                rs -> byTask.computeIfAbsent(rs.getInt("idx"), k -> new ArrayList<>()).add(blob(rs)), job);
        Map<Integer, List<BlobRef>> frozen = new LinkedHashMap<>();
        byTask.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(frozen);
    }

    private void insertJobBlobs(JobId job, List<BlobRef> files) {
        var distinct = new ArrayList<>(new LinkedHashSet<>(files.stream().map(BlobRef::sha256).toList()));
        sql.batch("INSERT INTO job_blobs (job_id, sha256) VALUES (?, ?)", distinct, sha -> new Object[] {job, sha});
    }

    /** A jobs row without its spec, which is resolved once the result set is closed. */
    private record JobRow(JobId id, String owner, String files, JobState state, Instant createdAt,
            Instant updatedAt, Instant finishedAt, String failureReason) {}

    private static JobRow jobRow(ResultSet rs) throws SQLException {
        return new JobRow(JobId.of(rs.getString("id")), rs.getString("owner"), rs.getString("files"), JobState.valueOf(rs.getString("state")),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"), Sql.instant(rs, "finished_at"), rs.getString("failure_reason"));
    }

    private List<JobRecord> withSpecs(List<JobRow> rows) {
        return rows.stream().map(this::withSpec).toList();
    }

    private JobRecord withSpec(JobRow r) {
        SpecCache.Entry spec = spec(r.id());
        return new JobRecord(r.id(), r.owner(), spec.draft(), spec.spec(), JsonColumns.blobs(r.files()), r.state(), r.createdAt(),
                r.updatedAt(), r.finishedAt(), r.failureReason());
    }

    /** The draft is read only on a cache miss: for a large job it is megabytes of JSON. */
    private SpecCache.Entry spec(JobId id) {
        SpecCache.Entry e = parsed.get(id);
        if (e == null) e = cache.get(id);
        if (e != null) return e;
        String json = sql.one("SELECT draft FROM jobs WHERE id = ?", rs -> rs.getString(1), id)
                .orElseThrow(() -> new StoreException("job " + id + " vanished while being read", null));
        e = validated(id, asStored(JsonColumns.draft(json)));
        parsed.put(id, e);
        return e;
    }

    /**
     * The draft as it is stored: one without a verify key says what the validator reads it as (adaptive, the default for
     * new jobs), so that the legacy rule of {@link #asStored} never applies to a job stored from now on.
     */
    static JobSpecDraft explicitVerify(JobSpecDraft draft) {
        return draft.verify() != null ? draft : draft.withVerify(JobSpecDraft.VerifyDraft.ofPolicy(VerifySpec.Policy.ADAPTIVE.wire()));
    }

    /**
     * The draft a stored row stands for. Jobs stored before verification existed have no verify key and ran unverified:
     * they read as {@code verify: none}, so that a restart or a cache miss never changes how an older job runs.
     */
    static JobSpecDraft asStored(JobSpecDraft draft) {
        return draft.verify() != null ? draft : draft.withVerify(JobSpecDraft.VerifyDraft.ofPolicy(VerifySpec.Policy.NONE.wire()));
    }

    private static SpecCache.Entry validated(JobId id, JobSpecDraft draft) {
        return switch (JobSpecValidator.validate(draft)) {
            case JobSpecValidator.Valid v -> new SpecCache.Entry(draft, v.spec());
            case JobSpecValidator.Invalid inv -> throw new StoreException("spec of job " + id + " does not validate: " + inv.errors(), null);
        };
    }

    private static Object[] taskParams(TaskRecord t) {
        return new Object[] {t.id().job(), t.id().index(), t.state(), t.attempts(), t.failures(), t.lastFailedProvider(), t.lastReason(), t.updatedAt()};
    }

    private static TaskRecord task(ResultSet rs) throws SQLException {
        String failed = rs.getString("last_failed_provider");
        return new TaskRecord(new TaskId(JobId.of(rs.getString("job_id")), rs.getInt("idx")), TaskState.valueOf(rs.getString("state")),
                rs.getInt("attempts"), rs.getInt("failures"), failed == null ? null : ProviderId.of(failed),
                Sql.enumValue(rs, "last_reason", AttemptReason.class), Sql.instant(rs, "updated_at"));
    }

    static BlobRef blob(ResultSet rs) throws SQLException {
        return new BlobRef(rs.getString("name"), rs.getString("sha256"), rs.getLong("size"));
    }
}

package org.gridmint.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A job with its tasks and their attempts.
 *
 * @param taskCounts how many tasks are in each state, by state name
 * @param failureReason why the job failed, in words, when it did
 * @param tasks every task, by index; empty in list views
 * @param waiting while tasks are pending, why the market would not place one now (e.g. "no provider fits: 2 lack 16384 MB
 *     of memory"); null when a provider would take one, and in list views
 * @param verdicts the verification verdicts on its tasks' results, by task then time; empty in list views and for jobs that
 *     verify nothing
 * @param verification what verification took and found; null in list views
 * @param embed for an embed job, its model, input, item count and shard size; null for an exec job
 */
public record JobView(
        String id,
        String name,
        String owner,
        String state,
        int taskCount,
        Map<String, Integer> taskCounts,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt,
        String failureReason,
        int retries,
        long timeoutMillis,
        java.math.BigDecimal maxPrice,
        List<TaskView> tasks,
        String waiting,
        List<VerdictView> verdicts,
        VerificationView verification,
        EmbedJobView embed) {

    /** A view of an exec job (or from a coordinator before embed jobs). */
    public JobView(String id, String name, String owner, String state, int taskCount, Map<String, Integer> taskCounts, Instant createdAt,
                   Instant updatedAt, Instant finishedAt, String failureReason, int retries, long timeoutMillis, java.math.BigDecimal maxPrice,
                   List<TaskView> tasks, String waiting, List<VerdictView> verdicts, VerificationView verification) {
        this(id, name, owner, state, taskCount, taskCounts, createdAt, updatedAt, finishedAt, failureReason, retries, timeoutMillis, maxPrice,
                tasks, waiting, verdicts, verification, null);
    }

    /** A view without verification detail (list views, and code from before verification). */
    public JobView(String id, String name, String owner, String state, int taskCount, Map<String, Integer> taskCounts, Instant createdAt,
                   Instant updatedAt, Instant finishedAt, String failureReason, int retries, long timeoutMillis, java.math.BigDecimal maxPrice,
                   List<TaskView> tasks, String waiting) {
        this(id, name, owner, state, taskCount, taskCounts, createdAt, updatedAt, finishedAt, failureReason, retries, timeoutMillis, maxPrice,
                tasks, waiting, List.of(), null);
    }

    public JobView {
        verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
    }

    /** This view with an embed job's summary. */
    public JobView withEmbed(EmbedJobView e) {
        return new JobView(id, name, owner, state, taskCount, taskCounts, createdAt, updatedAt, finishedAt, failureReason, retries, timeoutMillis,
                maxPrice, tasks, waiting, verdicts, verification, e);
    }

    /** This view with {@code why} as its waiting reason. */
    public JobView withWaiting(String why) {
        return new JobView(id, name, owner, state, taskCount, taskCounts, createdAt, updatedAt, finishedAt, failureReason, retries, timeoutMillis,
                maxPrice, tasks, why, verdicts, verification, embed);
    }

    /** This view with its verification verdicts and summary. */
    public JobView withVerification(List<VerdictView> v, VerificationView summary) {
        return new JobView(id, name, owner, state, taskCount, taskCounts, createdAt, updatedAt, finishedAt, failureReason, retries, timeoutMillis,
                maxPrice, tasks, waiting, v, summary, embed);
    }
}

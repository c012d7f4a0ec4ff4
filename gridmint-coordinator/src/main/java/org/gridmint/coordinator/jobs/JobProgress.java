package org.gridmint.coordinator.jobs;

import java.time.Instant;
import org.gridmint.coordinator.store.JobRecord;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.lifecycle.AttemptReason;
import org.gridmint.core.lifecycle.JobState;
import org.gridmint.core.lifecycle.TaskState;
import org.gridmint.core.scheduling.JobRules;
import org.gridmint.core.scheduling.TaskRecord;
import org.gridmint.core.scheduling.TaskRules;

/**
 * Moves a job after one of its tasks moved, inside the same transaction: it starts with its first assignment,
 * succeeds when every task has, and fails with its first failed task, cancelling the rest.
 */
public final class JobProgress {
    private JobProgress() {}

    private static final java.util.Set<TaskState> NOT_SUCCEEDED = java.util.EnumSet.complementOf(java.util.EnumSet.of(TaskState.SUCCEEDED));

    /**
     * Moves the job after one of its tasks moved to {@code taskNow}; returns the job as stored afterwards. It
     * never counts all of a job's tasks: a success asks only whether any task has not yet succeeded.
     */
    public static JobRecord afterTaskChange(StoreTx tx, JobId id, TaskState taskNow, Instant now) {
        JobRecord job = tx.job(id).orElseThrow();
        if (job.state().isFinal()) return job;
        boolean unsucceededRemain = taskNow == TaskState.SUCCEEDED && tx.hasTasksIn(id, NOT_SUCCEEDED);
        var next = JobRules.afterTaskChange(job.state(), taskNow, unsucceededRemain);
        if (next.isEmpty()) return job;
        String reason = null;
        if (next.get() == JobState.FAILED) {
            reason = failureReason(tx, id);
            stopAll(tx, id, "the job failed: " + reason, now);
        }
        JobRecord updated = job.withState(next.get(), now, reason);
        tx.updateJob(updated);
        // Paid tasks are paid before this runs (in the same transaction): what is left is the client's again.
        if (updated.state().isFinal()) org.gridmint.coordinator.ledger.JobAccounting.settle(tx, updated, now);
        return updated;
    }

    /** Cancels every task that is not final: pending ones directly, active ones with their attempts. */
    public static void stopAll(StoreTx tx, JobId id, String message, Instant now) {
        // By task, in number order: a task raced by a backup has two, and both are cancelled.
        var active = new java.util.HashMap<Integer, java.util.List<org.gridmint.core.scheduling.AttemptRecord>>();
        for (var a : tx.activeAttempts(id)) active.computeIfAbsent(a.task().index(), k -> new java.util.ArrayList<>()).add(a);
        for (TaskRecord t : tx.tasks(id)) {
            if (t.state() == TaskState.PENDING) {
                tx.updateTask(t, TaskRules.cancelPending(t, now));
            } else if (t.state().isActive()) {
                var live = active.getOrDefault(t.id().index(), java.util.List.of());
                if (live.isEmpty()) continue;
                var a = live.getLast();
                var other = live.size() > 1 ? live.getFirst() : null;
                if (a.number() <= t.attempts()) {
                    var step = TaskRules.endAttempt(t, a, other, AttemptReason.CANCELLED, message, null, 0, now);
                    tx.updateTask(t, step.task());
                    tx.updateAttempt(step.attempt());
                    if (step.other() != null) tx.updateAttempt(step.other());
                }
            }
        }
    }

    private static String failureReason(StoreTx tx, JobId id) {
        for (TaskRecord t : tx.tasks(id)) {
            if (t.state() == TaskState.FAILED) {
                String why = t.lastReason() == null ? "unknown" : t.lastReason() + " (" + t.lastReason().description() + ")";
                return "task " + t.id().index() + " failed after " + t.attempts() + " attempt" + (t.attempts() == 1 ? "" : "s") + "; last: " + why;
            }
        }
        return "a task failed";
    }
}

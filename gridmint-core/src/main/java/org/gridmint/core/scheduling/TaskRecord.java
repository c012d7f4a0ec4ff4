package org.gridmint.core.scheduling;

import java.time.Instant;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.lifecycle.AttemptReason;
import org.gridmint.core.lifecycle.TaskState;

/**
 * A task's state and the history that the retry rule needs.
 *
 * @param attempts attempts started so far
 * @param failures ended attempts that count against the job's retry limit
 * @param lastFailedProvider the provider of the last attempt that did not succeed, avoided by the next placement
 * @param lastReason why the last unsuccessful attempt ended; null if none
 */
public record TaskRecord(
        TaskId id,
        TaskState state,
        int attempts,
        int failures,
        ProviderId lastFailedProvider,
        AttemptReason lastReason,
        Instant updatedAt) {

    public TaskRecord {
        if (id == null || state == null || updatedAt == null) throw new IllegalArgumentException("task needs id, state and updatedAt");
        if (attempts < 0 || failures < 0 || failures > attempts)
            throw new IllegalArgumentException("task counts out of range: attempts=" + attempts + " failures=" + failures);
    }

    public static TaskRecord pending(TaskId id, Instant now) {
        return new TaskRecord(id, TaskState.PENDING, 0, 0, null, null, now);
    }
}

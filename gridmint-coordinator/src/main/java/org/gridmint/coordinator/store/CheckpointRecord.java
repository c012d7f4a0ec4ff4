package org.gridmint.coordinator.store;

import java.time.Instant;
import java.util.Objects;
import org.gridmint.api.BlobRef;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.TaskId;

/**
 * A task's latest checkpoint: which attempt took it, the blob, and how long that attempt had run.
 *
 * @param at when the coordinator recorded it
 */
public record CheckpointRecord(TaskId task, AttemptId attempt, BlobRef blob, long runtimeMillis, Instant at) {
    public CheckpointRecord {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(blob, "blob");
        Objects.requireNonNull(at, "at");
        if (runtimeMillis < 0) throw new IllegalArgumentException("runtimeMillis must be >= 0, was " + runtimeMillis);
    }
}

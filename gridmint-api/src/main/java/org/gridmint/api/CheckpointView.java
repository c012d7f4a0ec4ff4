package org.gridmint.api;

import java.time.Instant;

/**
 * A task's latest checkpoint.
 *
 * @param attemptId the attempt that took it
 * @param blob the zip of the task's checkpoint dir
 * @param runtimeMillis how long that attempt had run when it took it
 * @param at when the coordinator recorded it
 */
public record CheckpointView(String attemptId, BlobRef blob, long runtimeMillis, Instant at) {}

package org.gridmint.api;

import java.time.Instant;
import java.util.List;

/**
 * One attempt handed to a provider: everything it needs to run one task.
 *
 * @param command the full command line of this task (the spec's command and this task's arguments)
 * @param files blobs to fetch and stage into the work dir under their names
 * @param outputs globs to collect after the command exits
 * @param heartbeatIntervalMillis how often to heartbeat; the lease lasts three intervals
 * @param checkpointIntervalMillis how often to save the task's checkpoint dir; 0 when the job does not checkpoint
 * @param checkpoint the task's latest checkpoint (a zip of its checkpoint dir) to restore before the command
 *     starts; null when the task has none
 */
public record Assignment(
        String attemptId,
        String jobId,
        int taskIndex,
        int taskCount,
        int attemptNumber,
        List<String> command,
        List<BlobRef> files,
        List<String> outputs,
        ResourcesView resources,
        long timeoutMillis,
        boolean network,
        Instant leaseExpiresAt,
        long heartbeatIntervalMillis,
        long checkpointIntervalMillis,
        BlobRef checkpoint) {}

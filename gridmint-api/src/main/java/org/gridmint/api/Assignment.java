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
 * @param runtime {@code exec} (run {@code command}) or {@code embed} (embed the texts of {@code files}' {@code shard.jsonl}
 *     with {@code model} and write {@code embeddings.npy})
 * @param model the embedding model of an {@code embed} task; null for {@code exec}
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
        BlobRef checkpoint,
        String runtime,
        String model) {

    /** An {@code exec} assignment. */
    public Assignment(String attemptId, String jobId, int taskIndex, int taskCount, int attemptNumber, List<String> command, List<BlobRef> files,
                      List<String> outputs, ResourcesView resources, long timeoutMillis, boolean network, Instant leaseExpiresAt,
                      long heartbeatIntervalMillis, long checkpointIntervalMillis, BlobRef checkpoint) {
        this(attemptId, jobId, taskIndex, taskCount, attemptNumber, command, files, outputs, resources, timeoutMillis, network, leaseExpiresAt,
                heartbeatIntervalMillis, checkpointIntervalMillis, checkpoint, "exec", null);
    }

    public Assignment {
        if (runtime == null) runtime = "exec";
    }
}

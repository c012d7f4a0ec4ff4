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
        long heartbeatIntervalMillis) {}

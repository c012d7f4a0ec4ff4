package org.gridmint.api;

import java.util.List;

/**
 * One task of a job: its state, its attempts (oldest first) and, once it succeeded, its outputs.
 *
 * @param checkpoint the task's latest checkpoint; null when it has none
 */
public record TaskView(int index, String state, int failures, String lastReason, List<AttemptView> attempts, List<BlobRef> outputs,
                       CheckpointView checkpoint) {}

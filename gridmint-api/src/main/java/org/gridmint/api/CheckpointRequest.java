package org.gridmint.api;

/**
 * A provider reports a checkpoint of an attempt it holds: the uploaded zip of the task's checkpoint dir.
 *
 * @param checkpoint the uploaded blob
 * @param runtimeMillis how long the attempt's command had run when the checkpoint was taken; the coordinator
 *     ignores a checkpoint of the same attempt that is older than the one it has
 */
public record CheckpointRequest(String providerId, BlobRef checkpoint, long runtimeMillis) {}

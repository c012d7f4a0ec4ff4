package org.gridmint.api;

/**
 * A provider reporting that an attempt failed.
 *
 * @param reason one of the attempt reasons (EXIT_NONZERO, TIMEOUT, OUTPUT_MISSING, HANDED_BACK, …)
 * @param exitCode the command's exit status, when it exited
 */
public record FailRequest(String providerId, String reason, String message, Integer exitCode, BlobRef stdout, BlobRef stderr, long runtimeMillis) {}

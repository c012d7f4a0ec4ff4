package org.gridmint.api;

/**
 * A provider reporting that an attempt failed.
 *
 * @param reason one of the attempt reasons (EXIT_NONZERO, TIMEOUT, OUTPUT_MISSING, PROVIDER_DRAINED, …; HANDED_BACK is still taken for PROVIDER_DRAINED)
 * @param exitCode the command's exit status, when it exited
 */
public record FailRequest(String providerId, String reason, String message, Integer exitCode, BlobRef stdout, BlobRef stderr, long runtimeMillis) {}

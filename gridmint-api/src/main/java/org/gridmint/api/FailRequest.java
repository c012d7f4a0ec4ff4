package org.gridmint.api;

/**
 * A provider reporting that an attempt failed.
 *
 * @param reason one of the attempt reasons (EXIT_NONZERO, TIMEOUT, OUTPUT_MISSING, PROVIDER_DRAINED, …; HANDED_BACK is still taken for PROVIDER_DRAINED)
 * @param exitCode the command's exit status, when it exited
 * @param retryable false when the provider knows that running the task again cannot help (a malformed embed shard, a model
 *     it does not serve); null or true otherwise
 */
public record FailRequest(String providerId, String reason, String message, Integer exitCode, BlobRef stdout, BlobRef stderr, long runtimeMillis,
                          Boolean retryable) {

    /** A report that says nothing of retrying (older agents, and every failure a retry may get past). */
    public FailRequest(String providerId, String reason, String message, Integer exitCode, BlobRef stdout, BlobRef stderr, long runtimeMillis) {
        this(providerId, reason, message, exitCode, stdout, stderr, runtimeMillis, null);
    }
}

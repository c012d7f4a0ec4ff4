package org.gridmint.coordinator.store;

import java.time.Instant;
import java.util.List;
import org.gridmint.api.BlobRef;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;

/**
 * One result a provider reported for a task of a verified job, kept until (and after) its verdict.
 *
 * @param ordinal its place in the task's report order: 0 for the first result, then 1, 2, ...
 * @param owner the account that owned the provider when it reported (colluders are told apart by it)
 * @param digest the digest over its output files' names and digests
 * @param runtimeMillis the runtime its provider reported
 */
public record TaskResult(AttemptId attempt, TaskId task, int ordinal, ProviderId provider, String owner, List<BlobRef> outputs, String digest,
                         long runtimeMillis, Instant reportedAt, Status status) {

    /** Where a result stands: awaiting its verdict, the task's accepted one, one that agreed with it, or one that lost. */
    public enum Status {
        /** Its task awaits a verdict (or ended without a quorum). */
        OPEN,
        /** The canonical result: the task's outputs, the one result the client pays. */
        ACCEPTED,
        /** Agreed with the canonical result: a replica, paid at cost by the network. */
        AGREED,
        /** Lost the verdict: never paid; its provider was slashed. */
        REJECTED
    }

    public TaskResult {
        if (attempt == null || task == null || provider == null || owner == null || outputs == null || digest == null || reportedAt == null
                || status == null)
            throw new IllegalArgumentException("a task result needs attempt, task, provider, owner, outputs, digest, reportedAt and status");
        if (ordinal < 0) throw new IllegalArgumentException("result ordinal must be >= 0, was " + ordinal);
        if (runtimeMillis < 0) throw new IllegalArgumentException("result runtime must be >= 0, was " + runtimeMillis);
        outputs = List.copyOf(outputs);
    }

    public TaskResult withStatus(Status s) {
        return new TaskResult(attempt, task, ordinal, provider, owner, outputs, digest, runtimeMillis, reportedAt, s);
    }
}

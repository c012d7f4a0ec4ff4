package org.gridmint.coordinator.store;

import java.time.Instant;
import java.util.List;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.TaskId;

/**
 * A verdict on a task's results with its evidence: which results were compared, which agreed, which lost, and what
 * that cost or earned each provider. The ledger's SLASH postings name its {@code id}.
 *
 * @param policy the job's verification policy in words (e.g. "replicas 3, quorum 2")
 * @param why in words: the plan the task was verified by and how the vote went
 * @param canonical the accepted result's attempt; null for NO_QUORUM
 */
public record VerdictRecord(String id, TaskId task, Outcome outcome, String policy, String why, AttemptId canonical, List<Entry> results,
                            Instant decidedAt) {

    /** How a verdict ended. */
    public enum Outcome {
        /** A result was accepted: enough results agreed with it (or it needed none). */
        ACCEPTED,
        /** The results disagreed and no quorum formed, even after tie-breakers: the task failed, nobody was slashed. */
        NO_QUORUM
    }

    /**
     * One result as the verdict judged it.
     *
     * @param digest the result's digest (full; views shorten it)
     * @param agrees whether it agreed with the accepted result (for NO_QUORUM: false)
     * @param rejected whether it lost the verdict
     * @param evidence the comparison in words (which results it agreed with, or the distance that broke it)
     * @param paidByNetworkMicros what the treasury paid for it at cost (a replica beyond the accepted result)
     * @param slashedToClientMicros what its provider's slash paid the client
     * @param slashedToTreasuryMicros what its provider's slash paid the treasury
     */
    public record Entry(String attempt, String provider, String owner, String digest, boolean agrees, boolean rejected, String evidence,
                        long paidByNetworkMicros, long slashedToClientMicros, long slashedToTreasuryMicros) {}

    public VerdictRecord {
        if (id == null || task == null || outcome == null || policy == null || why == null || results == null || decidedAt == null)
            throw new IllegalArgumentException("a verdict needs id, task, outcome, policy, why, results and decidedAt");
        if (outcome == Outcome.ACCEPTED && canonical == null) throw new IllegalArgumentException("verdict " + id + " accepts no result");
        results = List.copyOf(results);
    }
}

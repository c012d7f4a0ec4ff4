package org.gridmint.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One verification verdict on a task's results, with its evidence, as job status shows it.
 *
 * @param id the verdict's id ({@code vrd-…}); the ledger's slash postings reference it
 * @param task the task's index
 * @param outcome ACCEPTED (a result was accepted) or NO_QUORUM (the results disagreed even after tie-breakers: the task
 *     failed, nobody was slashed)
 * @param policy the job's verification policy in words, e.g. "replicas 3, quorum 2; compare exact (output digests)"
 * @param why the task's plan and how the vote went, in words
 * @param acceptedAttemptId the accepted (canonical) result's attempt; null for NO_QUORUM
 * @param results every result the verdict weighed, in report order
 */
public record VerdictView(String id, int task, String outcome, String policy, String why, String acceptedAttemptId, Instant decidedAt,
                          List<ResultView> results) {

    /**
     * One result as its verdict judged it.
     *
     * @param digest the first 12 hex characters of the result's digest (over its output files' names and SHA-256s)
     * @param agrees whether it agreed with the accepted result
     * @param rejected whether it lost the verdict: then it is not paid and its provider was slashed
     * @param evidence the comparison in words (identical digests, the largest distance found, a file that did not parse)
     * @param paidByNetwork what the network paid for it at cost (a replica beyond the accepted result); zero otherwise
     * @param slashed what its provider's stake lost for it (the client's compensation plus the treasury's share)
     */
    public record ResultView(String attemptId, String providerId, String owner, String digest, boolean agrees, boolean rejected, String evidence,
                             BigDecimal paidByNetwork, BigDecimal slashed) {}
}

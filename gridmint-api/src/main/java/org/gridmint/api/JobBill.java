package org.gridmint.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a job cost, task by task: which attempts were billed and why the others were not, and the totals of its
 * escrow. Amounts in credits, prices in credits per hour.
 *
 * @param held what submitting the job put in escrow (tasks × timeout × maxPrice)
 * @param paid what its providers received, net of fees
 * @param fees the protocol's fees on those payments
 * @param refunded what went back to the client
 * @param inEscrow what is still held (zero once the job has ended)
 * @param charged what the client paid in all: {@code paid + fees}
 * @param usefulMillis the billed runtime: the succeeded attempts', plus, for failed or lost attempts that a later attempt
 *     resumed from, their runtime up to the checkpoint that was resumed
 * @param unbilledMillis all other runtime of ended attempts: not billed
 * @param allInPerUsefulHour {@code charged} per hour of useful runtime; null before any useful work
 * @param verificationCostByNetwork what the network (the treasury) paid at cost for replicas that verified this job's
 *     results: not part of {@code charged}
 * @param slashCompensation what the slashes of providers caught cheating on this job paid the client
 */
public record JobBill(String jobId, String state, BigDecimal maxPrice, String feeRate, List<TaskBill> tasks, BigDecimal held, BigDecimal paid,
                      BigDecimal fees, BigDecimal refunded, BigDecimal inEscrow, BigDecimal charged, long usefulMillis, long unbilledMillis,
                      BigDecimal allInPerUsefulHour, BigDecimal verificationCostByNetwork, BigDecimal slashCompensation) {

    /** A bill without verification totals (code from before verification): both are zero. */
    public JobBill(String jobId, String state, BigDecimal maxPrice, String feeRate, List<TaskBill> tasks, BigDecimal held, BigDecimal paid,
                   BigDecimal fees, BigDecimal refunded, BigDecimal inEscrow, BigDecimal charged, long usefulMillis, long unbilledMillis,
                   BigDecimal allInPerUsefulHour) {
        this(jobId, state, maxPrice, feeRate, tasks, held, paid, fees, refunded, inEscrow, charged, usefulMillis, unbilledMillis, allInPerUsefulHour,
                BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /** One task's attempts. */
    public record TaskBill(int index, String state, List<AttemptBill> attempts) {}

    /**
     * One attempt and whether it was billed.
     *
     * @param runtimeMillis how long it ran (for the billed winner: the runtime it was billed for)
     * @param billedMillis how much of that was billed: all of it for the succeeded attempt, the part up to its checkpoint
     *     for an attempt that a later one resumed from, none otherwise
     * @param why in words: billed, billed up to its checkpoint and resumed by which attempt, or why not (its reason)
     * @param price the price per hour billed; null when not billed
     * @param verification for a verified job's result: ACCEPTED (the result the client pays), REPLICA (agreed with it, paid
     *     at cost by the network), REJECTED (lost a verdict: not paid), OPEN (awaits its verdict); null otherwise
     * @param verdictId the verdict that decided it; null while none has
     * @param paidByNetwork what the network paid for it as a replica; null when it paid nothing
     */
    public record AttemptBill(String attemptId, int number, String providerId, String state, String reason, long runtimeMillis,
                              long billedMillis, boolean billed, String why, BigDecimal price, BigDecimal gross, BigDecimal fee, BigDecimal net,
                              String verification, String verdictId, BigDecimal paidByNetwork) {

        /** A line without verification (an unverified job's attempt). */
        public AttemptBill(String attemptId, int number, String providerId, String state, String reason, long runtimeMillis, long billedMillis,
                           boolean billed, String why, BigDecimal price, BigDecimal gross, BigDecimal fee, BigDecimal net) {
            this(attemptId, number, providerId, state, reason, runtimeMillis, billedMillis, billed, why, price, gross, fee, net, null, null, null);
        }
    }
}

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
 */
public record JobBill(String jobId, String state, BigDecimal maxPrice, String feeRate, List<TaskBill> tasks, BigDecimal held, BigDecimal paid,
                      BigDecimal fees, BigDecimal refunded, BigDecimal inEscrow, BigDecimal charged, long usefulMillis, long unbilledMillis,
                      BigDecimal allInPerUsefulHour) {

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
     */
    public record AttemptBill(String attemptId, int number, String providerId, String state, String reason, long runtimeMillis,
                              long billedMillis, boolean billed, String why, BigDecimal price, BigDecimal gross, BigDecimal fee, BigDecimal net) {}
}

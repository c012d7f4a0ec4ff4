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
 * @param usefulMillis the runtime of the attempts that were billed
 * @param unbilledMillis the runtime of attempts that failed, were lost or were cancelled: not billed
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
     * @param why in words: billed, or why not (its reason)
     * @param price the price per hour billed; null when not billed
     */
    public record AttemptBill(String attemptId, int number, String providerId, String state, String reason, long runtimeMillis, boolean billed,
                              String why, BigDecimal price, BigDecimal gross, BigDecimal fee, BigDecimal net) {}
}

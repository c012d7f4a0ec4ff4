package org.gridmint.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The network's economics, epoch by epoch: what clients paid (revenue) beside what the network issued (GRID emissions and
 * credit subsidies), so that a price kept low by inflation shows as such.
 *
 * @param gridPrice the reference price of one GRID in credits, at which emissions are valued
 * @param epochLength the epoch's length (ISO-8601, e.g. PT1H)
 * @param epochs newest first; the current epoch first of all, {@code closed} false, its figures so far
 */
public record NetworkReport(String settlement, String token, BigDecimal gridPrice, String epochLength, Instant genesis, List<Epoch> epochs,
                            Epoch totals) {

    /**
     * One epoch's figures. Credits are credits; GRID is tokens; GPU-hours count a task's billed runtime times its GPUs
     * (a CPU-only task counts as one).
     *
     * @param revenue what clients paid: task payments and protocol fees out of escrow, and online inference
     * @param fees the protocol's fees (part of revenue)
     * @param slashes what providers' stakes lost to slashing
     * @param subsidyCredits credits the network issued to pay for verification replicas (SUBSIDY)
     * @param emitted GRID minted for the epoch's verified work (treasury share included)
     * @param emittedValue {@code emitted} valued in credits at the reference price
     * @param subsidyRatio (emittedValue + subsidyCredits) ÷ revenue; null when there was no revenue
     * @param activeProviders providers that ran an attempt that ended in the epoch
     * @param verifiedGpuHours GPU-hours of work whose result another provider's agreed with (what emissions reward)
     * @param usefulGpuHours GPU-hours that clients paid for
     * @param clientPricePerGpuHour revenue ÷ useful GPU-hours: what clients paid; null without useful hours
     * @param allInPricePerGpuHour (revenue + emittedValue + subsidyCredits) ÷ useful GPU-hours: what the work really cost; null without useful hours
     * @param payoutCredits credits paid out on-chain in the epoch's settlement batch
     * @param payoutTokens GRID paid out on-chain in the batch
     * @param root the batch's Merkle root (0x…), or null when there was nothing to settle
     * @param txHash the transaction that posted it, or null
     * @param state {@code OPEN} (current), {@code CLOSED} (figures frozen, batch not posted), {@code POSTED} (on-chain), {@code SETTLED} (embedded: nothing to post)
     */
    public record Epoch(long epoch, Instant start, Instant end, boolean closed, BigDecimal revenue, BigDecimal fees, BigDecimal slashes,
                        BigDecimal subsidyCredits, BigDecimal emitted, BigDecimal emittedValue, BigDecimal subsidyRatio, int activeProviders,
                        BigDecimal verifiedGpuHours, BigDecimal usefulGpuHours, BigDecimal clientPricePerGpuHour, BigDecimal allInPricePerGpuHour,
                        BigDecimal payoutCredits, BigDecimal payoutTokens, String root, String txHash, String state) {}
}

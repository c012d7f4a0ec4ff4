package org.gridmint.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The network's economics, epoch by epoch: what clients paid (revenue) beside what the network issued (GRID emissions and
 * credit subsidies), so that a price kept low by inflation shows as such. Credits are credits (1 credit = 1 USD of the
 * stable token); amounts are exact to the micro-unit, while GPU-hours, prices and ratios are rounded half-up to 6 decimals.
 *
 * <p>When a figure counts: a journal entry in the epoch its time falls in, a task charge in its charge time's, an attempt in
 * its end's; GRID minted and verified work in the epoch whose close recorded them (the one the verdict was decided in).
 *
 * @param settlement {@code embedded} or {@code evm} (see {@link ChainInfo})
 * @param token the network token's symbol, {@code GRID}
 * @param gridPrice the reference price of one GRID in credits, at which emissions are valued
 * @param epochLength the epoch's length (ISO-8601, e.g. PT1H)
 * @param genesis the start of epoch 0; null before the coordinator's economics first ran
 * @param epochs newest first; the current epoch first of all, {@code closed} false, its figures so far (it mints nothing
 *     until it closes); empty before genesis
 * @param totals the listed epochs together: each amount and GPU-hour figure is the sum over the epochs, ratios and prices
 *     are computed from those sums, {@code activeProviders} counts distinct providers (one active in two epochs counts
 *     once); {@code epoch} is -1, {@code start}/{@code end} span the listed epochs, {@code closed} is whether all are,
 *     {@code root}, {@code txHash} and {@code state} are null
 */
public record NetworkReport(String settlement, String token, BigDecimal gridPrice, String epochLength, Instant genesis, List<Epoch> epochs,
                            Epoch totals) {

    /**
     * One epoch's figures. Credits are credits; GRID is tokens; GPU-hours count a task's billed runtime times its GPUs
     * (a CPU-only task counts as one).
     *
     * @param revenue what clients paid: task payments and protocol fees out of escrow (PAY, FEE), and online inference
     *     (INFERENCE, the provider's part and the fee); deposits, holds and refunds are not revenue
     * @param fees the protocol's fees (part of revenue): FEE and the INFERENCE fee postings to the treasury
     * @param slashes what providers' stakes lost to slashing (SLASH, to clients and to the treasury)
     * @param subsidyCredits credits the network issued to pay for verification replicas (SUBSIDY)
     * @param emitted GRID minted for the epoch's verified work (treasury share included)
     * @param emittedValue {@code emitted} valued in credits at the reference price
     * @param subsidyRatio (emittedValue + subsidyCredits) ÷ revenue; null when there was no revenue
     * @param activeProviders providers that ran an attempt that ended in the epoch
     * @param verifiedGpuHours GPU-hours of work whose result another provider's agreed with (what emissions reward), as the
     *     epoch's close recorded it: zero until the epoch closes
     * @param usefulGpuHours GPU-hours that clients paid for: the billed runtime of task charges (and of resumed-from
     *     attempts' charges) times the job's GPUs
     * @param clientPricePerGpuHour revenue ÷ useful GPU-hours: what clients paid; null without useful hours
     * @param allInPricePerGpuHour (revenue + emittedValue + subsidyCredits) ÷ useful GPU-hours: what the work really cost; null without useful hours
     * @param payoutCredits credits paid out on-chain in the epoch's settlement batch
     * @param payoutTokens GRID paid out on-chain in the batch
     * @param operatorFunding credits the operator transferred to the contract to back network-issued credits such as
     *     verification subsidies (what the batch paid out that no deposit brought on-chain); zero for the embedded settlement
     * @param root the batch's Merkle root (0x…), or null when there was nothing to settle
     * @param txHash the transaction that posted it, or null
     * @param state {@code OPEN} (current), {@code ENDED} (over, not yet closed by the epoch loop: nothing minted yet),
     *     {@code CLOSED} (figures frozen, batch not posted), {@code POSTED} (on-chain), {@code SETTLED} (nothing to post:
     *     embedded settlement, or no leaves)
     */
    public record Epoch(long epoch, Instant start, Instant end, boolean closed, BigDecimal revenue, BigDecimal fees, BigDecimal slashes,
                        BigDecimal subsidyCredits, BigDecimal emitted, BigDecimal emittedValue, BigDecimal subsidyRatio, int activeProviders,
                        BigDecimal verifiedGpuHours, BigDecimal usefulGpuHours, BigDecimal clientPricePerGpuHour, BigDecimal allInPricePerGpuHour,
                        BigDecimal payoutCredits, BigDecimal payoutTokens, BigDecimal operatorFunding, String root, String txHash, String state) {}
}

package org.gridmint.coordinator.economics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.gridmint.api.NetworkReport;
import org.gridmint.coordinator.store.ReportTx;

/**
 * One epoch's figures (or the totals of several) in exact units while a report adds them up: micro-credits, µGRID and
 * GPU-milliseconds. Only {@link #view} rounds, once, so that totals are sums of exact figures.
 */
final class EpochFigures {
    private static final BigDecimal MS_PER_HOUR = BigDecimal.valueOf(3_600_000);
    /** Decimals of credits, GPU-hours, prices and ratios on the wire. */
    private static final int SCALE = 6;

    long revenue;
    long fees;
    long slashes;
    long subsidy;
    long minted;
    long verifiedGpuMs;
    long usefulGpuMs;
    long payoutCredits;
    long payoutTokens;
    long operatorFunding;
    final Set<String> providers = new TreeSet<>();
    ReportTx.ClosedEpoch closed;

    /** Adds one journal sum where the report counts it (other kinds move no client money and issue nothing). */
    void add(ReportTx.JournalSum s) {
        switch (s.kind()) {
            case PAY -> revenue = Math.addExact(revenue, s.micros());
            case FEE -> {
                revenue = Math.addExact(revenue, s.micros());
                fees = Math.addExact(fees, s.micros());
            }
            case INFERENCE -> {
                revenue = Math.addExact(revenue, s.micros());
                if (s.toTreasury()) fees = Math.addExact(fees, s.micros());
            }
            case SLASH -> slashes = Math.addExact(slashes, s.micros());
            case SUBSIDY -> subsidy = Math.addExact(subsidy, s.micros());
            default -> {
                // DEPOSIT, HOLD, REFUND, STAKE, UNSTAKE, VERIFY (paid out of the treasury, itself fed by fees and SUBSIDY), WITHDRAW.
            }
        }
    }

    void addAll(EpochFigures e) {
        revenue = Math.addExact(revenue, e.revenue);
        fees = Math.addExact(fees, e.fees);
        slashes = Math.addExact(slashes, e.slashes);
        subsidy = Math.addExact(subsidy, e.subsidy);
        minted = Math.addExact(minted, e.minted);
        verifiedGpuMs = Math.addExact(verifiedGpuMs, e.verifiedGpuMs);
        usefulGpuMs = Math.addExact(usefulGpuMs, e.usefulGpuMs);
        payoutCredits = Math.addExact(payoutCredits, e.payoutCredits);
        payoutTokens = Math.addExact(payoutTokens, e.payoutTokens);
        operatorFunding = Math.addExact(operatorFunding, e.operatorFunding);
        providers.addAll(e.providers);
    }

    /** The wire form; {@code gridPrice} values the GRID minted in credits. */
    NetworkReport.Epoch view(long epoch, Instant start, Instant end, boolean isClosed, String state, BigDecimal gridPrice) {
        BigDecimal emittedValue = micros(minted).multiply(gridPrice); // exact: rounded only where shown
        BigDecimal issued = emittedValue.add(micros(subsidy));
        BigDecimal revenueCredits = micros(revenue);
        BigDecimal ratio = revenue == 0 ? null : issued.divide(revenueCredits, SCALE, RoundingMode.HALF_UP).stripTrailingZeros();
        BigDecimal usefulHours = BigDecimal.valueOf(usefulGpuMs).divide(MS_PER_HOUR, 12, RoundingMode.HALF_UP);
        BigDecimal clientPrice = usefulGpuMs == 0 ? null : perHour(revenueCredits);
        BigDecimal allIn = usefulGpuMs == 0 ? null : perHour(revenueCredits.add(issued));
        return new NetworkReport.Epoch(epoch, start, end, isClosed, revenueCredits, micros(fees), micros(slashes), micros(subsidy), micros(minted),
                round(emittedValue), ratio, providers.size(), hours(verifiedGpuMs), round(usefulHours), clientPrice, allIn, micros(payoutCredits),
                micros(payoutTokens), micros(operatorFunding), closed == null ? null : closed.root(), closed == null ? null : closed.txHash(), state);
    }

    private BigDecimal perHour(BigDecimal credits) {
        return credits.multiply(MS_PER_HOUR).divide(BigDecimal.valueOf(usefulGpuMs), SCALE, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    static BigDecimal micros(long micros) {
        return BigDecimal.valueOf(micros, 6).stripTrailingZeros();
    }

    static BigDecimal hours(long millis) {
        return round(BigDecimal.valueOf(millis).divide(MS_PER_HOUR, SCALE, RoundingMode.HALF_UP));
    }

    private static BigDecimal round(BigDecimal d) {
        BigDecimal r = d.setScale(SCALE, RoundingMode.HALF_UP).stripTrailingZeros();
        return r.signum() == 0 ? BigDecimal.ZERO : r;
    }
}

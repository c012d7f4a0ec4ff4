package org.gridmint.core.ledger;

import java.math.BigDecimal;
import org.gridmint.core.money.Credits;

/** The protocol's fee on each task payment, in basis points (100 = 1%), taken from the gross and rounded down. */
public record FeeRate(int basisPoints) {
    public static final FeeRate DEFAULT = new FeeRate(100);

    public FeeRate {
        if (basisPoints < 0 || basisPoints > 5000) throw new IllegalArgumentException("the fee must be between 0% and 50%, was " + basisPoints / 100.0 + "%");
    }

    /** Parses a percentage such as {@code 1}, {@code 1%} or {@code 0.25%} (at most two decimals). */
    public static FeeRate parsePercent(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("a fee percentage is required, e.g. 1%");
        String t = text.strip();
        if (t.endsWith("%")) t = t.substring(0, t.length() - 1).strip();
        BigDecimal bps;
        try {
            bps = new BigDecimal(t).movePointRight(2);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a percentage: '" + text + "' (e.g. 1%)");
        }
        if (bps.stripTrailingZeros().scale() > 0) throw new IllegalArgumentException("a fee has at most two decimals of a percent, was '" + text + "'");
        if (bps.signum() < 0 || bps.compareTo(BigDecimal.valueOf(5000)) > 0)
            throw new IllegalArgumentException("the fee must be between 0% and 50%, was '" + text + "'");
        return new FeeRate(bps.intValueExact());
    }

    /** The fee on {@code gross}, rounded down to the micro-credit (the provider keeps the remainder). */
    public Credits on(Credits gross) {
        long g = gross.micros();
        if (g <= Long.MAX_VALUE / 10_000) return Credits.ofMicros(g * basisPoints / 10_000);
        return Credits.ofMicros(java.math.BigInteger.valueOf(g).multiply(java.math.BigInteger.valueOf(basisPoints))
                .divide(java.math.BigInteger.valueOf(10_000)).longValueExact());
    }

    @Override
    public String toString() {
        return BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString() + "%";
    }
}

package org.gridmint.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * The arithmetic of {@link SettlementBench}'s report: gas to dollars at a stated gas price and ETH price, and that cost
 * as a share of the value paid (1 credit = 1 USD). Kept apart so a unit test checks it without a chain.
 */
final class SettlementCosts {
    private SettlementCosts() {}

    /** The dollars {@code gas} costs at {@code gwei} per gas and {@code ethUsd} dollars per ETH. */
    static BigDecimal usd(long gas, BigDecimal gwei, BigDecimal ethUsd) {
        return BigDecimal.valueOf(gas).multiply(gwei).multiply(ethUsd).movePointLeft(9);
    }

    /** Cost over value, as a fraction. */
    static BigDecimal share(BigDecimal costUsd, BigDecimal valueUsd) {
        return costUsd.divide(valueUsd, MathContext.DECIMAL64);
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static long mean(List<Long> values) {
        return Math.round(values.stream().mapToLong(Long::longValue).average().orElseThrow());
    }

    /** A percentage with 3 significant digits, e.g. {@code 0.0123%}. */
    static String percent(BigDecimal fraction) {
        return fraction.movePointRight(2).round(new MathContext(3)).stripTrailingZeros().toPlainString() + "%";
    }

    static String dollars(BigDecimal usd) {
        return "$" + usd.round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}

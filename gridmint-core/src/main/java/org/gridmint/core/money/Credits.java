package org.gridmint.core.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of credits held as micro-credits (1 credit = 1,000,000 µ), never as a floating-point number.
 * Prices are credits per hour; parse and format here so no caller does its own arithmetic on decimals.
 */
public record Credits(long micros) implements Comparable<Credits> {
    public static final long MICROS_PER_CREDIT = 1_000_000L;
    public static final Credits ZERO = new Credits(0);

    public static Credits ofMicros(long micros) {
        return new Credits(micros);
    }

    /** Parses a decimal such as {@code 0.25}; more than 6 decimals or a malformed number is an error. */
    public static Credits parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("an amount of credits is required");
        BigDecimal d;
        try {
            d = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number of credits: '" + text + "'");
        }
        return of(d);
    }

    public static Credits of(BigDecimal credits) {
        if (credits.signum() == 0) return ZERO;
        BigDecimal exact = credits.stripTrailingZeros();
        if (exact.scale() > 6) throw new IllegalArgumentException("credits have at most 6 decimals: " + shown(credits));
        // More than 13 digits before the point cannot fit in a long of micros; checked before scaling, which overflows for an
        // exponent such as 1e2147483647. Long arithmetic: the int scale may be extreme.
        if ((long) exact.precision() - exact.scale() > 13) throw new IllegalArgumentException("amount out of range: " + shown(credits));
        try {
            return new Credits(exact.movePointRight(6).longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount out of range: " + shown(credits));
        }
    }

    /** The number as typed when short, else in scientific notation: 1e-2147483647 in plain digits would not fit in memory. */
    private static String shown(BigDecimal d) {
        return Math.abs((long) d.scale()) <= 64 ? d.toPlainString() : d.toString();
    }

    public boolean isNegative() {
        return micros < 0;
    }

    public Credits plus(Credits other) {
        return new Credits(Math.addExact(micros, other.micros));
    }

    public Credits minus(Credits other) {
        return new Credits(Math.subtractExact(micros, other.micros));
    }

    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(micros, 6).stripTrailingZeros();
    }

    /** The cost of running for {@code millis} at this price per hour, rounded up to the next micro-credit. */
    public Credits forDurationMillis(long millis) {
        if (millis < 0) throw new IllegalArgumentException("duration must be >= 0, was " + millis);
        BigDecimal cost = BigDecimal.valueOf(micros).multiply(BigDecimal.valueOf(millis))
                .divide(BigDecimal.valueOf(3_600_000L), 0, RoundingMode.CEILING);
        return new Credits(cost.longValueExact());
    }

    @Override
    public int compareTo(Credits o) {
        return Long.compare(micros, o.micros);
    }

    @Override
    public String toString() {
        return toBigDecimal().toPlainString();
    }
}

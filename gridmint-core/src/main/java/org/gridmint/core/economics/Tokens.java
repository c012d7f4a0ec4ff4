package org.gridmint.core.economics;

import java.math.BigDecimal;

/**
 * An amount of the network token GRID, held as micro-tokens (1 GRID = 1,000,000 µ) like credits, and never mixed with
 * them: a token is a reward minted by the emission schedule, a credit is money a client paid.
 */
public record Tokens(long micros) implements Comparable<Tokens> {
    public static final long MICROS_PER_TOKEN = 1_000_000L;
    public static final Tokens ZERO = new Tokens(0);

    public Tokens {
        if (micros < 0) throw new IllegalArgumentException("an amount of tokens is never negative, was " + micros + " µGRID");
    }

    public static Tokens ofMicros(long micros) {
        return new Tokens(micros);
    }

    /** Parses a decimal such as {@code 1000} or {@code 0.5}; more than 6 decimals, a negative or malformed number is an error. */
    public static Tokens parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("an amount of GRID is required");
        BigDecimal d;
        try {
            d = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number of GRID: '" + text + "'");
        }
        return of(d);
    }

    public static Tokens of(BigDecimal tokens) {
        if (tokens.signum() < 0) throw new IllegalArgumentException("an amount of GRID is never negative, was " + shown(tokens));
        if (tokens.signum() == 0) return ZERO;
        BigDecimal exact = tokens.stripTrailingZeros();
        if (exact.scale() > 6) throw new IllegalArgumentException("GRID has at most 6 decimals here: " + shown(tokens));
        // More than 13 digits before the point cannot fit in a long of µGRID; checked before scaling, which overflows for an
        // exponent such as 1e2147483647 (an ArithmeticException, not a clear error). Long arithmetic: the int scale may be extreme.
        if ((long) exact.precision() - exact.scale() > 13) throw new IllegalArgumentException("amount of GRID out of range: " + shown(tokens));
        try {
            return new Tokens(exact.movePointRight(6).longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount of GRID out of range: " + shown(tokens));
        }
    }

    /** The number as typed when short, else in scientific notation: 1e-2147483647 in plain digits would not fit in memory. */
    static String shown(BigDecimal d) {
        return Math.abs((long) d.scale()) <= 64 ? d.toPlainString() : d.toString();
    }

    public Tokens plus(Tokens other) {
        return new Tokens(Math.addExact(micros, other.micros));
    }

    public Tokens minus(Tokens other) {
        return new Tokens(Math.subtractExact(micros, other.micros));
    }

    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(micros, 6).stripTrailingZeros();
    }

    @Override
    public int compareTo(Tokens o) {
        return Long.compare(micros, o.micros);
    }

    @Override
    public String toString() {
        return toBigDecimal().toPlainString();
    }
}

package org.gridmint.chain;

import java.math.BigInteger;

/**
 * Converts the ledger's micro-units (credits and GRID, 10^-6) to the tokens' 18-decimal base units and back: the only
 * place besides the EVM adapter where this conversion happens. 1 µ = 10^12 base units.
 */
public final class Units {
    /** Base units per micro-unit. */
    public static final BigInteger BASE_PER_MICRO = BigInteger.TEN.pow(12);

    private Units() {}

    public static BigInteger toBaseUnits(long micros) {
        if (micros < 0) throw new IllegalArgumentException("amount must be >= 0 micro-units, was " + micros);
        return BigInteger.valueOf(micros).multiply(BASE_PER_MICRO);
    }

    /** The exact number of micro-units; an amount that is negative, not a multiple of 10^12 or too large is an error. */
    public static long toMicros(BigInteger base) {
        if (base == null) throw new IllegalArgumentException("amount in base units is required");
        if (base.signum() < 0) throw new IllegalArgumentException("amount must be >= 0 base units, was " + base);
        BigInteger[] qr = base.divideAndRemainder(BASE_PER_MICRO);
        if (qr[1].signum() != 0) throw new IllegalArgumentException("amount " + base + " is not a whole number of micro-units (multiple of 10^12 base units)");
        if (qr[0].bitLength() > 63) throw new IllegalArgumentException("amount " + base + " base units exceeds a long of micro-units");
        return qr[0].longValueExact();
    }
}

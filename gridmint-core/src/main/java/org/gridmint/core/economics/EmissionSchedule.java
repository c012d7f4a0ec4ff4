package org.gridmint.core.economics;

import java.math.BigInteger;

/**
 * How many tokens each epoch may mint: {@code initial} per epoch, halved every {@code halvingEpochs} epochs (epoch 0 is
 * the network's genesis), down to zero after 63 halvings. The settlement contract enforces the same schedule on-chain:
 * what is minted by the end of epoch n never exceeds {@link #cumulative(long) cumulative(n)}.
 *
 * @param initial the emission of each epoch before the first halving
 * @param halvingEpochs epochs between halvings (e.g. 8760 one-hour epochs: one year)
 */
public record EmissionSchedule(Tokens initial, long halvingEpochs) {
    public static final EmissionSchedule DEFAULT = new EmissionSchedule(Tokens.ofMicros(1000 * Tokens.MICROS_PER_TOKEN), 8760);

    public EmissionSchedule {
        if (initial == null) throw new IllegalArgumentException("--emission-initial is required");
        if (halvingEpochs < 1) throw new IllegalArgumentException("--emission-halving must be at least 1 epoch, was " + halvingEpochs);
        // Everything the schedule will ever mint must fit in a long of µGRID, or cumulative() (and a balance) could not hold it.
        BigInteger supply = BigInteger.ZERO;
        for (int h = 0; h < 63; h++) supply = supply.add(BigInteger.valueOf(initial.micros() >> h).multiply(BigInteger.valueOf(halvingEpochs)));
        if (supply.bitLength() > 63)
            throw new IllegalArgumentException("--emission-initial " + initial + " GRID with --emission-halving " + halvingEpochs
                    + " epochs would mint more than " + Tokens.ofMicros(Long.MAX_VALUE) + " GRID in all: lower either");
    }

    /** The emission of epoch {@code epoch} (0-based from genesis). */
    public Tokens emission(long epoch) {
        if (epoch < 0) throw new IllegalArgumentException("epochs count from 0, was " + epoch);
        long halvings = epoch / halvingEpochs;
        return Tokens.ofMicros(halvings >= 63 ? 0 : initial.micros() >> halvings);
    }

    /** What epochs 0..{@code epoch} may mint in all: the cap on everything minted by the end of that epoch. */
    public Tokens cumulative(long epoch) {
        if (epoch < 0) throw new IllegalArgumentException("epochs count from 0, was " + epoch);
        long total = 0; // never overflows: the constructor bounds the total supply
        long done = 0; // epochs counted so far: 0..done-1
        for (int h = 0; h < 63; h++) {
            long left = epoch - done; // epochs done..epoch are left: left + 1 of them, which overflows for epoch = Long.MAX_VALUE
            if (left < halvingEpochs) return Tokens.ofMicros(total + (initial.micros() >> h) * (left + 1));
            total += (initial.micros() >> h) * halvingEpochs;
            done += halvingEpochs;
        }
        return Tokens.ofMicros(total);
    }
}

package org.gridmint.core.economics;

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
        long total = 0;
        long done = 0; // epochs counted so far
        for (long h = 0; h < 63 && done <= epoch; h++) {
            long epochsAtThisRate = Math.min(halvingEpochs, epoch + 1 - done);
            total = Math.addExact(total, Math.multiplyExact(initial.micros() >> h, epochsAtThisRate));
            done += epochsAtThisRate;
        }
        return Tokens.ofMicros(total);
    }
}

package org.gridmint.core.economics;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Splits one epoch's emission over the verified work done in it: the treasury's share first (rounded down), then the rest
 * pro rata to each beneficiary's work, by largest remainder so that the parts add up to the emission exactly. An epoch
 * without verified work mints nothing: tokens are never paid for being online.
 */
public final class RewardSplit {
    private RewardSplit() {}

    /**
     * The outcome.
     *
     * @param treasury the treasury's share
     * @param rewards each beneficiary's tokens (only those with work; zero parts are left out)
     * @param minted what the epoch mints in all: treasury + rewards; zero when no work was verified
     */
    public record Split(Tokens treasury, SortedMap<String, Tokens> rewards, Tokens minted) {}

    /**
     * @param emission the epoch's emission by the schedule
     * @param treasuryBasisPoints the treasury's share of it in basis points (0..10000)
     * @param work verified work per beneficiary (any positive unit, e.g. GPU-milliseconds); zero or negative entries are refused
     */
    public static Split split(Tokens emission, int treasuryBasisPoints, Map<String, Long> work) {
        if (treasuryBasisPoints < 0 || treasuryBasisPoints > 10_000)
            throw new IllegalArgumentException("the treasury's share must be between 0% and 100%, was " + treasuryBasisPoints / 100.0 + "%");
        long totalWork = 0;
        for (var e : work.entrySet()) {
            if (e.getValue() == null || e.getValue() <= 0) throw new IllegalArgumentException("work must be positive, was " + e.getValue() + " for " + e.getKey());
            totalWork = Math.addExact(totalWork, e.getValue());
        }
        if (totalWork == 0 || emission.micros() == 0) return new Split(Tokens.ZERO, Collections.emptySortedMap(), Tokens.ZERO);
        long treasury = BigInteger.valueOf(emission.micros()).multiply(BigInteger.valueOf(treasuryBasisPoints))
                .divide(BigInteger.valueOf(10_000)).longValueExact();
        long pool = emission.micros() - treasury;
        TreeMap<String, Long> parts = new TreeMap<>();
        List<Map.Entry<String, BigInteger>> remainders = new ArrayList<>();
        long given = 0;
        BigInteger total = BigInteger.valueOf(totalWork);
        for (var e : new TreeMap<>(work).entrySet()) {
            BigInteger[] qr = BigInteger.valueOf(pool).multiply(BigInteger.valueOf(e.getValue())).divideAndRemainder(total);
            parts.put(e.getKey(), qr[0].longValueExact());
            given += qr[0].longValueExact();
            remainders.add(Map.entry(e.getKey(), qr[1]));
        }
        // Largest remainder first; ties by beneficiary id, so the split is the same on every run.
        remainders.sort(Comparator.<Map.Entry<String, BigInteger>, BigInteger>comparing(Map.Entry::getValue).reversed().thenComparing(Map.Entry::getKey));
        for (int i = 0; given < pool; i++, given++) parts.merge(remainders.get(i).getKey(), 1L, Long::sum);
        TreeMap<String, Tokens> rewards = new TreeMap<>();
        parts.forEach((k, v) -> {
            if (v > 0) rewards.put(k, Tokens.ofMicros(v));
        });
        return new Split(Tokens.ofMicros(treasury), Collections.unmodifiableSortedMap(rewards), emission);
    }
}

package org.gridmint.core.verify;

/**
 * A provider's verification record, BOINC-style: trust is earned only by a run of consecutive results that agreed
 * with others, and one disagreement resets the run at once.
 *
 * @param consecutiveValid results in a row that agreed with another provider's since the last disagreement
 * @param validTotal all results that agreed, ever
 * @param invalidTotal all results that lost a verdict, ever
 */
public record Trust(int consecutiveValid, long validTotal, long invalidTotal) {
    /** Consecutive agreeing results before a provider is trusted: 10, as BOINC's adaptive replication uses. */
    public static final int THRESHOLD = 10;
    /**
     * The least replication probability of a trusted provider: it never drops to zero, so cheating is always a gamble.
     * Tuned with {@link #replicationProbability(int)}: see why there.
     */
    public static final double FLOOR = 0.02;
    /** A provider nobody has checked yet. */
    public static final Trust NONE = new Trust(0, 0, 0);

    public Trust {
        if (consecutiveValid < 0 || validTotal < 0 || invalidTotal < 0)
            throw new IllegalArgumentException("trust counts are >= 0, were " + consecutiveValid + ", " + validTotal + ", " + invalidTotal);
        if (consecutiveValid > validTotal)
            throw new IllegalArgumentException("consecutive valid results (" + consecutiveValid + ") cannot exceed all valid ones (" + validTotal + ")");
    }

    public boolean trusted() {
        return consecutiveValid >= THRESHOLD;
    }

    /** The chance that this provider's next result is replicated: 1.0 while untrusted, then falling with its record. */
    public double replicationProbability() {
        return replicationProbability(consecutiveValid);
    }

    /**
     * {@code p(n) = 1} up to {@link #THRESHOLD}, then halving with every 3 more agreeing results in a row, down to
     * {@link #FLOOR}: 1.0 at 10, 0.5 at 13, 0.25 at 16, 0.125 at 19, the floor (0.02) from 27 on.
     *
     * <p>Why this shape, tuned in gridmint-sim against the aim (compute overhead at most 1.10x with fewer than 1
     * in 1,000 wrong results accepted; BENCHMARKS.md, "Verification (issue 5)"): earning trust already costs every new
     * provider about 10 replicated results, which on the benchmark's ~200 results per provider is 3% of all work without
     * cheaters and 6% with 20% of them (whose wrong results each cost a replica and a tie-breaker). What is left of the
     * budget pays for replicating trusted providers. The first version, {@code max(0.05, 10 / n)}, cost 1.23x in all,
     * because 10/n falls slowly; {@code max(0.02, (10 / n)^2)} 1.12x. Halving every 3 results spends about 5 replicas
     * per provider before the floor, and the floor 2% of its later work: 1.079x at 0% and 1.093x at 20% always-wrong
     * cheaters, with none of their wrong results accepted (an always-wrong cheater never earns trust).
     *
     * <p>The price is paid against patient cheaters: a provider that behaves until trusted and then cheats has each wrong
     * result caught with chance p(n), the floor once its record is long, so it expects (1 - FLOOR) / FLOOR = 49 wrong
     * results to pass before it is caught, slashed and fully checked. Replication alone cannot make that rare within a
     * 1.10x budget (in the benchmark's intermittent case a floor of 0.3 costs 1.35x and still accepts 1.65 wrong results
     * per 1,000); the stake such a provider loses when caught must outweigh what 49 unverified results earn. One small
     * function on purpose: the simulator tunes it.
     */
    public static double replicationProbability(int consecutiveValid) {
        if (consecutiveValid < THRESHOLD) return 1.0;
        return Math.max(FLOOR, Math.pow(0.5, (consecutiveValid - THRESHOLD) / 3.0));
    }

    /** After a result that agreed with another provider's: one more in the run. */
    public Trust afterAgreement() {
        int next = consecutiveValid == Integer.MAX_VALUE ? consecutiveValid : consecutiveValid + 1;
        return new Trust(next, validTotal + 1, invalidTotal);
    }

    /** After a result that lost a verdict: the run starts again from zero, at once. */
    public Trust afterDisagreement() {
        return new Trust(0, validTotal, invalidTotal + 1);
    }

    /** The record in words, e.g. "trusted (42 agreeing results in a row)". */
    public String describe() {
        return trusted()
                ? "trusted (" + consecutiveValid + " agreeing results in a row)"
                : "not yet trusted (" + consecutiveValid + " of " + THRESHOLD + " agreeing results in a row)";
    }
}

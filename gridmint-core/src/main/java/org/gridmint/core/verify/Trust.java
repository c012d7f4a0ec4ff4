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
    /** The least replication probability of a trusted provider: it never drops to zero, so cheating is always a gamble. */
    public static final double FLOOR = 0.05;
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
     * {@code p(n) = 1} below {@link #THRESHOLD}, then {@code max(FLOOR, THRESHOLD / n)}: 1.0 at 10, 0.5 at 20, 0.1 at 100,
     * the floor from 200 on. Why this shape: a provider's replicas over its first N results then add up to about
     * {@code 10 + 10 ln(N/10)} until the floor, so a long-lived honest provider costs close to {@code 1 + FLOOR} of its work
     * (the 1.10x budget), while a provider that starts cheating after n honest results is caught on each wrong
     * result with chance p(n) and loses its whole record and part of its stake when caught; the floor bounds how many wrong
     * results a patient cheater expects to slip through before it is caught at (1 - FLOOR) / FLOOR = 19. One small
     * function on purpose: the simulator tunes it.
     */
    public static double replicationProbability(int consecutiveValid) {
        if (consecutiveValid < THRESHOLD) return 1.0;
        return Math.max(FLOOR, (double) THRESHOLD / consecutiveValid);
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

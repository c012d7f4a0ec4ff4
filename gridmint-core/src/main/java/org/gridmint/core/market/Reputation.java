package org.gridmint.core.market;

/**
 * What the market believes of one provider: its chance of finishing an attempt and its speed against its peers,
 * estimated from its evidence and shrunk toward the network's, so a new provider is neither trusted nor shunned.
 *
 * @param reliability the chance that an attempt it starts finishes, in [{@link #MIN_RELIABILITY}, {@link #MAX_RELIABILITY}]
 * @param speed how long it takes against its peers: 1.0 as fast as they are, 2.0 twice as slow, in
 *     [{@link #MIN_SPEED}, {@link #MAX_SPEED}]
 * @param confidence how many ended attempts (completed plus provider failures) the estimate rests on; 0 means it is
 *     the network's prior alone
 */
public record Reputation(double reliability, double speed, long confidence) {
    /**
     * How many attempts' worth of weight the network's prior carries (k in (completed + k·m) / (attempts + k)). With 4,
     * a provider's own record outweighs the network's after 4 attempts, and one early failure costs a new provider a
     * fifth of its estimate rather than all of it.
     */
    public static final double PRIOR_WEIGHT = 4;
    /**
     * How much one missed heartbeat gap weighs against reliability, in failed attempts: four gaps cost as much as one
     * lost attempt. A gap is a warning that the next one may be a loss, not a loss itself.
     */
    public static final double MISSED_HEARTBEAT_WEIGHT = 0.25;
    /** No provider is believed certain to fail: dividing by reliability stays finite. */
    public static final double MIN_RELIABILITY = 0.01;
    /** Nor certain to finish: a long record of successes still leaves some doubt. */
    public static final double MAX_RELIABILITY = 0.999;
    /** Speed is kept within a factor of 20 either way, so that one odd measurement cannot dominate a ranking. */
    public static final double MIN_SPEED = 0.05;
    public static final double MAX_SPEED = 20;

    public Reputation {
        if (!(reliability >= MIN_RELIABILITY && reliability <= MAX_RELIABILITY))
            throw new IllegalArgumentException("reliability must be in [" + MIN_RELIABILITY + ", " + MAX_RELIABILITY + "], was " + reliability);
        if (!(speed >= MIN_SPEED && speed <= MAX_SPEED))
            throw new IllegalArgumentException("speed must be in [" + MIN_SPEED + ", " + MAX_SPEED + "], was " + speed);
        if (confidence < 0) throw new IllegalArgumentException("confidence must be >= 0, was " + confidence);
    }

    /** What the market believes of a provider with no evidence: exactly the network's average. */
    public static Reputation newcomer(NetworkPrior prior) {
        return estimate(ProviderEvidence.NONE, prior);
    }

    /**
     * The empirical-Bayes estimate: reliability = (completed + k·m) / (completed + failures + k), where m is the
     * network's rate, k is {@link #PRIOR_WEIGHT} and failures counts each missed heartbeat as
     * {@link #MISSED_HEARTBEAT_WEIGHT} of one; speed = (speedSum + k·1.0) / (speedSamples + k), shrunk toward the
     * peers' 1.0 the same way. Both are clamped into their ranges.
     */
    public static Reputation estimate(ProviderEvidence e, NetworkPrior prior) {
        double reliability = (e.completed() + PRIOR_WEIGHT * prior.reliability()) / (e.completed() + weightedFailures(e) + PRIOR_WEIGHT);
        double speed = (e.speedSum() + PRIOR_WEIGHT) / (e.speedSamples() + PRIOR_WEIGHT);
        return new Reputation(clampReliability(reliability), Math.clamp(speed, MIN_SPEED, MAX_SPEED), e.completed() + e.providerFailures());
    }

    static double weightedFailures(ProviderEvidence e) {
        return e.providerFailures() + MISSED_HEARTBEAT_WEIGHT * e.missedHeartbeats();
    }

    static double clampReliability(double r) {
        return Math.clamp(r, MIN_RELIABILITY, MAX_RELIABILITY);
    }
}

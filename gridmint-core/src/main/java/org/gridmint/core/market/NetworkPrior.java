package org.gridmint.core.market;

/**
 * What the network as a whole says about a provider it knows nothing of: the pooled rate at which attempts finish,
 * which {@link Reputation#estimate} starts every provider from.
 *
 * @param reliability the network-wide chance that an attempt finishes, in [{@link Reputation#MIN_RELIABILITY},
 *     {@link Reputation#MAX_RELIABILITY}]
 */
public record NetworkPrior(double reliability) {
    /**
     * The prior of a network with no evidence at all. Any value ranks equal providers equally; 0.9 keeps expected
     * costs near the asks until evidence arrives.
     */
    public static final NetworkPrior DEFAULT = new NetworkPrior(0.9);

    public NetworkPrior {
        if (!(reliability >= Reputation.MIN_RELIABILITY && reliability <= Reputation.MAX_RELIABILITY))
            throw new IllegalArgumentException("network reliability must be in [" + Reputation.MIN_RELIABILITY + ", "
                    + Reputation.MAX_RELIABILITY + "], was " + reliability);
    }

    /**
     * The pooled rate over every provider's evidence, weighing failures (and missed heartbeats) as
     * {@link Reputation#estimate} does, so that a provider with the network's average record gets the network's rate.
     * Pooling counts attempts, not providers: a busy provider says more about the network than an idle one.
     */
    public static NetworkPrior of(Iterable<ProviderEvidence> all) {
        ProviderEvidence sum = ProviderEvidence.NONE;
        for (ProviderEvidence e : all) sum = sum.plus(e);
        double trials = sum.completed() + Reputation.weightedFailures(sum);
        if (trials == 0) return DEFAULT;
        return new NetworkPrior(Reputation.clampReliability(sum.completed() / trials));
    }
}

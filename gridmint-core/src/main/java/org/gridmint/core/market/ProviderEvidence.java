package org.gridmint.core.market;

import org.gridmint.core.lifecycle.AttemptReason;

/**
 * What a provider's past attempts say about it: the counts that {@link Reputation#estimate} weighs.
 *
 * @param completed attempts it ran to success
 * @param providerFailures attempts that ended by its own fault ({@link Fault#PROVIDER}); a drain, a cancel or the
 *     job's own failure is not counted here or anywhere
 * @param missedHeartbeats heartbeat gaps it missed while holding work (each gap once, however long)
 * @param speedSum the sum, over completed attempts whose job had a median, of the attempt's runtime divided by the
 *     median runtime of that job's tasks: 1.0 per attempt as fast as its peers, 2.0 per one twice as slow
 * @param speedSamples how many completed attempts {@code speedSum} sums
 */
public record ProviderEvidence(long completed, long providerFailures, long missedHeartbeats, double speedSum, long speedSamples) {
    /** A provider that has done nothing yet. */
    public static final ProviderEvidence NONE = new ProviderEvidence(0, 0, 0, 0, 0);

    public ProviderEvidence {
        if (completed < 0 || providerFailures < 0 || missedHeartbeats < 0 || speedSamples < 0)
            throw new IllegalArgumentException("evidence counts must be >= 0: completed=" + completed + " providerFailures="
                    + providerFailures + " missedHeartbeats=" + missedHeartbeats + " speedSamples=" + speedSamples);
        if (speedSamples > completed)
            throw new IllegalArgumentException("speedSamples " + speedSamples + " exceeds completed " + completed);
        if (!Double.isFinite(speedSum) || speedSum < 0) throw new IllegalArgumentException("speedSum must be finite and >= 0, was " + speedSum);
        if (speedSamples == 0 && speedSum != 0) throw new IllegalArgumentException("speedSum " + speedSum + " without speedSamples");
    }

    /** After one more successful attempt whose job had no median to compare it with (its first task, say). */
    public ProviderEvidence plusCompleted() {
        return new ProviderEvidence(completed + 1, providerFailures, missedHeartbeats, speedSum, speedSamples);
    }

    /** After one more successful attempt that took {@code runtimeOverMedian} times its job's median runtime. */
    public ProviderEvidence plusCompleted(double runtimeOverMedian) {
        if (!Double.isFinite(runtimeOverMedian) || runtimeOverMedian <= 0)
            throw new IllegalArgumentException("runtime over median must be finite and > 0, was " + runtimeOverMedian);
        return new ProviderEvidence(completed + 1, providerFailures, missedHeartbeats, speedSum + runtimeOverMedian, speedSamples + 1);
    }

    /** After one more attempt that ended for {@code reason}: only a {@link Fault#PROVIDER} reason counts. */
    public ProviderEvidence plusEnded(AttemptReason reason) {
        if (Fault.of(reason) != Fault.PROVIDER) return this;
        return new ProviderEvidence(completed, providerFailures + 1, missedHeartbeats, speedSum, speedSamples);
    }

    /**
     * One completed attempt's speed against its peers: its runtime over the median runtime of its job's tasks that
     * other providers ran, clamped into [{@link Reputation#MIN_SPEED}, {@link Reputation#MAX_SPEED}] so that one odd
     * measurement cannot dominate; a runtime or median of 0 counts as 1 ms.
     */
    public static double speedSample(long runtimeMillis, long peerMedianMillis) {
        if (runtimeMillis < 0 || peerMedianMillis < 0)
            throw new IllegalArgumentException("runtimes must be >= 0, were " + runtimeMillis + " and " + peerMedianMillis);
        return Math.clamp((double) Math.max(1, runtimeMillis) / Math.max(1, peerMedianMillis), Reputation.MIN_SPEED, Reputation.MAX_SPEED);
    }

    /** The median of {@code runtimes} (the lower of the middle two for an even count); empty input is an error. */
    public static long median(java.util.List<Long> runtimes) {
        if (runtimes.isEmpty()) throw new IllegalArgumentException("the median of no runtimes");
        long[] sorted = runtimes.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[(sorted.length - 1) / 2];
    }

    /** After {@code gaps} more missed heartbeat gaps. */
    public ProviderEvidence plusMissedHeartbeats(long gaps) {
        if (gaps < 0) throw new IllegalArgumentException("gaps must be >= 0, was " + gaps);
        return new ProviderEvidence(completed, providerFailures, missedHeartbeats + gaps, speedSum, speedSamples);
    }

    /** This evidence and {@code other} together, as the network prior pools every provider's. */
    public ProviderEvidence plus(ProviderEvidence other) {
        return new ProviderEvidence(completed + other.completed, providerFailures + other.providerFailures,
                missedHeartbeats + other.missedHeartbeats, speedSum + other.speedSum, speedSamples + other.speedSamples);
    }
}

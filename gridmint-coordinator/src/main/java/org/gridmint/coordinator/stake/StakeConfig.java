package org.gridmint.coordinator.stake;

import java.time.Duration;
import org.gridmint.core.money.Credits;
import org.gridmint.core.verify.SlashTerms;

/**
 * How stake works on this coordinator.
 *
 * @param terms what share of a slashed provider's stake is taken, and what share of that goes to the client
 * @param slashQuarantine how long a slashed provider gets no work
 * @param unbondingPeriod how long an unstake waits before it may be released (so a cheater cannot leave before a verdict)
 * @param defaultMinStake the minimum provider stake for jobs that name none but whose maximum cost exceeds {@code minStakeAbove}
 * @param minStakeAbove jobs whose maximum cost is above it get {@code defaultMinStake}
 */
public record StakeConfig(SlashTerms terms, Duration slashQuarantine, Duration unbondingPeriod, Credits defaultMinStake, Credits minStakeAbove) {
    public static final Duration DEFAULT_SLASH_QUARANTINE = Duration.ofHours(24);
    public static final Duration DEFAULT_UNBONDING = Duration.ofDays(7);
    private static final Duration MAX = Duration.ofDays(365);
    /** Half the stake per slash, half of that to the client; a day's quarantine; a week's unbonding; no minimum stake. */
    public static final StakeConfig DEFAULT = new StakeConfig(new SlashTerms(0.5, 0.5), DEFAULT_SLASH_QUARANTINE, DEFAULT_UNBONDING, Credits.ZERO,
            Credits.ZERO);

    public StakeConfig {
        if (terms == null) throw new IllegalArgumentException("--slash-share and --slash-client-share are required");
        if (slashQuarantine == null || slashQuarantine.isNegative() || slashQuarantine.compareTo(MAX) > 0)
            throw new IllegalArgumentException("--slash-quarantine must be between 0s and 365d, was " + slashQuarantine);
        if (unbondingPeriod == null || unbondingPeriod.isNegative() || unbondingPeriod.compareTo(MAX) > 0)
            throw new IllegalArgumentException("--unbonding-period must be between 0s and 365d, was " + unbondingPeriod);
        if (defaultMinStake == null || defaultMinStake.isNegative())
            throw new IllegalArgumentException("--default-min-stake must be >= 0 credits, was " + defaultMinStake);
        if (minStakeAbove == null || minStakeAbove.isNegative())
            throw new IllegalArgumentException("--min-stake-above must be >= 0 credits, was " + minStakeAbove);
    }

    /**
     * The minimum stake a provider needs for a job's tasks: the job's own when it names one, else the default for a job
     * whose maximum cost is above {@link #minStakeAbove}, else none (zero).
     *
     * @param jobMinStake the job spec's {@code minStake}, or null when it names none
     */
    public Credits minStakeFor(Credits jobMinStake, Credits maxCost) {
        if (jobMinStake != null) return jobMinStake;
        return maxCost.compareTo(minStakeAbove) > 0 ? defaultMinStake : Credits.ZERO;
    }

    public StakeConfig withUnbondingPeriod(Duration d) {
        return new StakeConfig(terms, slashQuarantine, d, defaultMinStake, minStakeAbove);
    }

    public StakeConfig withSlashQuarantine(Duration d) {
        return new StakeConfig(terms, d, unbondingPeriod, defaultMinStake, minStakeAbove);
    }

    public StakeConfig withTerms(SlashTerms t) {
        return new StakeConfig(t, slashQuarantine, unbondingPeriod, defaultMinStake, minStakeAbove);
    }

    public StakeConfig withMinStake(Credits defaultMin, Credits above) {
        return new StakeConfig(terms, slashQuarantine, unbondingPeriod, defaultMin, above);
    }
}

package org.gridmint.coordinator.economics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.gridmint.core.economics.EmissionSchedule;

/**
 * How the network's epochs and emissions run.
 *
 * @param epoch an epoch's length ({@code --epoch}, default 1h)
 * @param genesis the start of epoch 0 ({@code --genesis}); null takes the coordinator's first start, kept in its store
 * @param schedule GRID per epoch and its halvings ({@code --emission-initial}, {@code --emission-halving})
 * @param treasuryShareBasisPoints the treasury's share of each emission ({@code --emission-treasury-share}, default 10%)
 * @param gridPrice credits per GRID, the reference price at which the report values emissions ({@code --grid-price})
 */
public record EconomicsConfig(Duration epoch, Instant genesis, EmissionSchedule schedule, int treasuryShareBasisPoints, BigDecimal gridPrice) {
    public static final Duration DEFAULT_EPOCH = Duration.ofHours(1);
    public static final BigDecimal DEFAULT_GRID_PRICE = new BigDecimal("0.05");
    public static final EconomicsConfig DEFAULT = new EconomicsConfig(DEFAULT_EPOCH, null, EmissionSchedule.DEFAULT, 1000, DEFAULT_GRID_PRICE);

    public EconomicsConfig {
        if (epoch == null || epoch.compareTo(org.gridmint.core.economics.Epochs.MIN_LENGTH) < 0 || epoch.compareTo(Duration.ofDays(31)) > 0)
            throw new IllegalArgumentException("--epoch must be between 1s and 31d, was " + epoch);
        // The settlement contract counts epochs in block-timestamp seconds.
        if (epoch.toNanos() % 1_000_000_000L != 0) throw new IllegalArgumentException("--epoch must be whole seconds, was " + epoch);
        if (genesis != null && genesis.getNano() != 0) throw new IllegalArgumentException("--genesis must be whole seconds, was " + genesis);
        if (schedule == null) throw new IllegalArgumentException("the emission schedule is required");
        if (treasuryShareBasisPoints < 0 || treasuryShareBasisPoints > 10_000)
            throw new IllegalArgumentException("--emission-treasury-share must be between 0% and 100%, was " + treasuryShareBasisPoints / 100.0 + "%");
        if (gridPrice == null || gridPrice.signum() < 0) throw new IllegalArgumentException("--grid-price must be >= 0 credits, was " + gridPrice);
    }

    public EconomicsConfig withEpoch(Duration d) {
        return new EconomicsConfig(d, genesis, schedule, treasuryShareBasisPoints, gridPrice);
    }

    public EconomicsConfig withGenesis(Instant g) {
        return new EconomicsConfig(epoch, g, schedule, treasuryShareBasisPoints, gridPrice);
    }
}

package org.gridmint.core.market;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.market.MarketSnapshot.PendingTask;
import org.gridmint.core.market.MarketSnapshot.Provider;
import org.gridmint.core.scheduling.Constraint;
import org.gridmint.core.scheduling.Requirements;

/**
 * What one plan knows about one distinct {@link Requirements}: the {@link Ranking} of its price basis, how many units
 * (cores or GPUs) it buys, which shapes' resources fit it, where its scan of the ranking resumes, the latest task that
 * asked it (and, if it has exclusions, that task), and (computed once, when first needed) how many providers fit it and why the others do not. Tasks of one
 * job share their requirements, so a job pays for these once.
 */
final class RequirementClass {
    private static final Constraint[] RESOURCE_CONSTRAINTS = {Constraint.CPU, Constraint.MEMORY_MB, Constraint.GPUS, Constraint.REGIONS, Constraint.MODEL};
    private static final int GPUS_BIT = 1 << Constraint.GPUS.ordinal();

    final Requirements requirements;
    final Ranking ranking;
    /** Cores for a CPU-only task, GPUs otherwise: its hourly price is units × the unit ask. */
    final int units;
    /** The dearest unit ask within the cap: unit × units <= cap exactly when unit <= cap / units. */
    final long maxUnitMicros;
    /** By shape: the resource, region and model constraints it fails, one bit per {@link Constraint#ordinal()}. */
    private final int[] shapeFails;
    final boolean[] shapeFits;

    /** Every rank before it fails these requirements or is full; slots only go down, so it only moves forward. */
    int cursor;
    int lastSeq = -1;
    TaskId lastTask;
    int lastChosenPos = -1;
    int lastChosenSeq = -1;
    /** The latest task that asked it, when that task has exclusions; null otherwise. */
    PendingTask lastRestricted;

    private final Shapes shapes;
    private final List<Provider> providers;
    private int fitting = -1;
    private int healthyFitting;
    private Map<Constraint, Integer> failing;
    /** Micro-credits a provider must have staked; 0 when the class asks none, which skips the check. */
    private final long minStakeMicros;
    private final long[] stake; // by p, shared with the run

    RequirementClass(Requirements requirements, Ranking ranking, Shapes shapes, List<Provider> providers, long[] stake) {
        this.requirements = requirements;
        this.minStakeMicros = requirements.minStake().micros();
        this.stake = stake;
        this.ranking = ranking;
        var res = requirements.resources();
        this.units = res.gpus() > 0 ? res.gpus() : res.cpu();
        this.maxUnitMicros = requirements.maxPrice().micros() / units;
        this.shapes = shapes;
        this.providers = providers;
        this.shapeFails = new int[shapes.count()];
        this.shapeFits = new boolean[shapes.count()];
        for (int s = 0; s < shapes.count(); s++) {
            int bits = 0;
            for (Constraint c : RESOURCE_CONSTRAINTS) {
                if (c.failedBy(shapes.representative(s), requirements)) bits |= 1 << c.ordinal();
            }
            shapeFails[s] = bits;
            shapeFits[s] = bits == 0;
        }
    }

    /** Whether rank {@code pos} of this class's ranking meets its resources, regions, cap and minimum stake (slots aside). */
    boolean fits(int pos) {
        return shapeFits[ranking.rankShape[pos]] && ranking.rankUnit[pos] <= maxUnitMicros
                && (minStakeMicros == 0 || stake[ranking.ranked[pos]] >= minStakeMicros);
    }

    /** Whether provider {@code p} meets its resources, regions, cap and minimum stake, whatever its health and slots. */
    boolean fitsProvider(int p) {
        return shapeFits[shapes.of(p)] && ranking.unit[p] <= maxUnitMicros && stakeFits(p);
    }

    /** Whether provider {@code p} has staked at least the class's minimum. */
    boolean stakeFits(int p) {
        return minStakeMicros == 0 || stake[p] >= minStakeMicros;
    }

    /** Expected micro-credits per hour of one task of this class on provider {@code p}. */
    double perHour(int p) {
        return ranking.perUnitHour[p] * units;
    }

    /** How many providers fit, healthy or not, busy or not. */
    int fits() {
        count();
        return fitting;
    }

    /** How many healthy providers fit, busy or not. */
    int healthyFits() {
        count();
        return healthyFitting;
    }

    /** Why {@code t}, of this class, stays pending: busy, no healthy fit, or no fit with the failing constraints. */
    Unplaced unplaced(PendingTask t) {
        count();
        if (healthyFitting > 0) return new Unplaced(t.task(), Unplaced.Reason.BUSY, Map.of(), requirements);
        if (fitting > 0) return new Unplaced(t.task(), Unplaced.Reason.NO_HEALTHY_FIT, Map.of(), requirements);
        return new Unplaced(t.task(), Unplaced.Reason.NO_FIT, failing(), requirements);
    }

    private void count() {
        if (fitting >= 0) return;
        int all = 0;
        int healthy = 0;
        for (int p = 0; p < providers.size(); p++) {
            if (fitsProvider(p)) {
                all++;
                if (providers.get(p).health() == Health.HEALTHY) healthy++;
            }
        }
        fitting = all;
        healthyFitting = healthy;
    }

    /**
     * Per constraint, how many providers fail it; a provider that fails several counts under each. A provider without
     * the GPUs fails GPUS alone: what it would ask for GPUs it lacks is no second reason.
     */
    private Map<Constraint, Integer> failing() {
        if (failing != null) return failing;
        int[] counts = new int[Constraint.values().length];
        for (int p = 0; p < providers.size(); p++) {
            int bits = shapeFails[shapes.of(p)];
            if ((bits & GPUS_BIT) == 0 && ranking.unit[p] > maxUnitMicros) bits |= 1 << Constraint.MAX_PRICE.ordinal();
            if (!stakeFits(p)) bits |= 1 << Constraint.MIN_STAKE.ordinal();
            for (int c = 0; bits != 0; c++, bits >>>= 1) {
                if ((bits & 1) != 0) counts[c]++;
            }
        }
        var out = new EnumMap<Constraint, Integer>(Constraint.class);
        for (Constraint c : Constraint.values()) {
            if (counts[c.ordinal()] > 0) out.put(c, counts[c.ordinal()]);
        }
        failing = out;
        return out;
    }
}

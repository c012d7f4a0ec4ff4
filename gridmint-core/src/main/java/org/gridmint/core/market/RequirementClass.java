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
 * What one plan knows about one distinct {@link Requirements}: which shapes' resources fit it, where its scan of the
 * ranking resumes, the latest task that asked it, and (computed once, when first needed) how many providers fit it
 * and why the others do not. Tasks of one job share their requirements, so a job pays for these once.
 */
final class RequirementClass {
    private static final Constraint[] RESOURCE_CONSTRAINTS = {Constraint.CPU, Constraint.MEMORY_MB, Constraint.GPUS, Constraint.REGIONS};

    final Requirements requirements;
    final long maxPriceMicros;
    /** By shape: the resource and region constraints it fails, one bit per {@link Constraint#ordinal()}. */
    private final int[] shapeFails;
    final boolean[] shapeFits;

    /** Every rank before it fails these requirements or is full; slots only go down, so it only moves forward. */
    int cursor;
    int lastSeq = -1;
    TaskId lastTask;
    int lastChosenPos = -1;
    int lastChosenSeq = -1;

    private final Shapes shapes;
    private final List<Provider> providers;
    private final long[] ask;
    private int fitting = -1;
    private int healthyFitting;
    private Map<Constraint, Integer> failing;

    RequirementClass(Requirements requirements, Shapes shapes, List<Provider> providers, long[] ask) {
        this.requirements = requirements;
        this.maxPriceMicros = requirements.maxPrice().micros();
        this.shapes = shapes;
        this.providers = providers;
        this.ask = ask;
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
            if (shapeFits[shapes.of(p)] && ask[p] <= maxPriceMicros) {
                all++;
                if (providers.get(p).health() == Health.HEALTHY) healthy++;
            }
        }
        fitting = all;
        healthyFitting = healthy;
    }

    /** Per constraint, how many providers fail it; a provider that fails several counts under each. */
    private Map<Constraint, Integer> failing() {
        if (failing != null) return failing;
        int[] counts = new int[Constraint.values().length];
        for (int p = 0; p < providers.size(); p++) {
            int bits = shapeFails[shapes.of(p)] | (ask[p] > maxPriceMicros ? 1 << Constraint.MAX_PRICE.ordinal() : 0);
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

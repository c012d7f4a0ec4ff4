package org.gridmint.sim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.gridmint.core.market.NetworkPrior;
import org.gridmint.core.market.Speculation;
import org.gridmint.core.scheduling.Placement;
import org.gridmint.core.scheduling.Requirements;

/**
 * The baseline a typical network offers: each task goes to a provider drawn at random among those that fit it (core's
 * {@link Placement#misfit}: resources, region and price cap) and have a free slot; a failed task restarts from scratch;
 * the client pays for every attempt's time.
 */
final class NaivePolicy implements Policy {
    /** Random draws before falling back to a scan, so that a task almost no provider fits still finds one. */
    private static final int DRAWS = 64;

    private final SplittableRandom random;

    NaivePolicy(SplittableRandom random) {
        this.random = random;
    }

    @Override
    public String name() {
        return "naive";
    }

    @Override
    public boolean resumesFromCheckpoint() {
        return false;
    }

    @Override
    public Speculation.Config speculation() {
        return Speculation.Config.OFF;
    }

    @Override
    public boolean billsOnlyUsefulWork() {
        return false;
    }

    @Override
    public List<Placed> place(List<SimTask> pending, FreePool pool, TrustBoard trusts, NetworkPrior prior, long heartbeatMillis, long now) {
        Map<SimProvider, Integer> taken = new IdentityHashMap<>(); // lookups only: no decision iterates it
        Set<Requirements> fitsNone = new HashSet<>();
        List<Placed> out = new ArrayList<>();
        for (SimTask t : pending) {
            if (fitsNone.contains(t.requirements)) continue;
            SimProvider chosen = null;
            for (int d = 0; d < DRAWS && chosen == null; d++) {
                SimProvider p = pool.random(random);
                if (takes(p, t, taken)) chosen = p;
            }
            if (chosen == null) {
                int start = random.nextInt(pool.size());
                for (int k = 0; k < pool.size() && chosen == null; k++) {
                    SimProvider p = pool.at((start + k) % pool.size());
                    if (takes(p, t, taken)) chosen = p;
                }
            }
            if (chosen == null) {
                fitsNone.add(t.requirements);
                continue;
            }
            taken.merge(chosen, 1, Integer::sum);
            out.add(new Placed(t, chosen));
        }
        return out;
    }

    private static boolean takes(SimProvider p, SimTask t, Map<SimProvider, Integer> taken) {
        return taken.getOrDefault(p, 0) < p.freeSlots() && Placement.misfit(p.offer, t.requirements).isEmpty();
    }
}

package org.gridmint.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.market.ProviderEvidence;
import org.gridmint.core.market.Quarantine;
import org.gridmint.core.money.Credits;
import org.gridmint.core.scheduling.ProviderSnapshot;
import org.gridmint.sim.scenario.Scenario;

/**
 * One provider identity on one machine slot of the fleet. A slot's machine that fails and rejoins keeps its identity
 * (and its record); one that is replaced comes back as a new {@code SimProvider} with a new id and no record.
 */
final class SimProvider {
    final int slot;
    final int generation;
    final ProviderSnapshot offer;
    /** Work per wall millisecond: its drawn speed, divided by the slowdown if it straggles. */
    final double rate;
    final boolean straggler;
    /** Mean time between its failures, drawn from the scenario's {@code mtbf}; 0 if it never fails on its own. */
    final long mtbfMillis;

    boolean up = true;
    final List<SimTask> running = new ArrayList<>(1);
    ProviderEvidence evidence = ProviderEvidence.NONE;
    Quarantine quarantine = Quarantine.NONE;
    /**
     * Ask × speed ÷ reliability as last estimated (when its evidence changed), in micro-credits per hour: the order in
     * which {@link FreePool} offers it to the matcher, which then uses a fresh estimate.
     */
    double costKey;

    private SimProvider(int slot, int generation, ProviderSnapshot offer, double rate, boolean straggler, long mtbfMillis) {
        this.slot = slot;
        this.generation = generation;
        this.offer = offer;
        this.rate = rate;
        this.straggler = straggler;
        this.mtbfMillis = mtbfMillis;
        this.costKey = offer.price().micros();
    }

    /**
     * Draws generation {@code generation} of slot {@code slot} from {@code r}. Every draw is made whatever the scenario's
     * straggler settings, so that the failure-free yardstick gets the same prices and speeds.
     */
    static SimProvider draw(Scenario.Providers spec, int slot, int generation, SplittableRandom r) {
        long priceMicros = BigDecimal.valueOf(spec.price().sample(r)).movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
        double speed = spec.speed().sample(r);
        String gpu = spec.gpu().sample(r);
        String region = spec.region().sample(r);
        boolean straggler = r.nextDouble() < spec.stragglers().fraction();
        // Drawn last: the failure-free yardstick, which draws none, still gets the same prices and speeds.
        long mtbf = spec.failures().mtbf() == null ? 0 : Math.max(1, Math.round(spec.failures().mtbf().sample(r)));
        var id = ProviderId.of("prov-" + slot + (generation == 0 ? "" : "." + generation));
        var offer = new ProviderSnapshot(id, 8, 32_768, List.of(new ProviderSnapshot.Gpu(gpu, 24_576)), region,
                Credits.ofMicros(Math.max(1, priceMicros)), spec.slots());
        return new SimProvider(slot, generation, offer, straggler ? speed / spec.stragglers().slowdown() : speed, straggler, mtbf);
    }

    ProviderId id() {
        return offer.id();
    }

    int freeSlots() {
        return up ? offer.slots() - running.size() : 0;
    }

    long priceMicros() {
        return offer.price().micros();
    }
}

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
import org.gridmint.core.verify.Trust;
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

    /** How it cheats; null for an honest provider. */
    Scenario.Cheaters cheats;
    /** Its own stream for an intermittent cheater's choices, so that they do not depend on what other providers draw. */
    SplittableRandom cheatRandom;
    /** Results it returned since it was last caught (or since it joined): an intermittent cheater behaves for a while. */
    int resultsSinceCaught;
    boolean cheated;
    /** Its record of results that agreed with others, as core's verification rules keep it. */
    Trust trust = Trust.NONE;
    /** Virtual time until which it gets no work, after it was caught returning a wrong result; 0 if never. */
    long slashedUntil;
    int timesCaught;
    /** Tasks accepted on its result alone, while their jobs run: what a full check re-verifies if it is caught. */
    final List<SimTask> unverified = new ArrayList<>();

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

    /** The value of the result it returns for a task: {@link #RIGHT}, or a wrong one as its cheating decides. */
    long result() {
        boolean wrong = cheats != null && switch (cheats.behaviour()) {
            case ALWAYS -> true;
            case INTERMITTENT -> resultsSinceCaught >= cheats.honestFirst() && cheatRandom.nextDouble() < cheats.rate();
        };
        resultsSinceCaught++;
        if (!wrong) return RIGHT;
        cheated = true;
        // Colluders agree on one wrong value; a lone cheater's is its own, so two of them never agree by chance.
        return cheats.collude() ? COLLUDED : 2 + ((long) slot << 20) + generation;
    }

    static final long RIGHT = 0;
    static final long COLLUDED = 1;

    /** Whether it may get work at {@code now}: neither quarantined for failing nor benched for cheating. */
    boolean benched(long now) {
        return now < slashedUntil || quarantine.isActive(java.time.Instant.ofEpochMilli(now));
    }

    /** The later of its two quarantines' ends, for the market snapshot; null if neither. */
    java.time.Instant quarantinedUntil() {
        java.time.Instant q = quarantine.until();
        if (slashedUntil == 0) return q;
        java.time.Instant s = java.time.Instant.ofEpochMilli(slashedUntil);
        return q == null || s.isAfter(q) ? s : q;
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

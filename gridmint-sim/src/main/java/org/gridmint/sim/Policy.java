package org.gridmint.sim;

import java.util.List;
import org.gridmint.core.market.NetworkPrior;
import org.gridmint.core.market.Speculation;

/** How a network places work and treats failed work: Gridmint's market, or the naive baseline it is compared with. */
interface Policy {
    /** A task placed on a provider. */
    record Placed(SimTask task, SimProvider provider) {}

    /** The name the report shows. */
    String name();

    /** Whether a requeued task resumes from its latest checkpoint (else it restarts from scratch). */
    boolean resumesFromCheckpoint();

    /** When to back up stragglers (core's LATE {@link Speculation}); {@link Speculation.Config#OFF} for never. */
    Speculation.Config speculation();

    /** Whether the client pays only for useful work (else for every attempt's time, as a typical network bills). */
    boolean billsOnlyUsefulWork();

    /**
     * Places some of {@code pending} (queue order) on providers of {@code free}; what it leaves out stays pending.
     * {@code trusts} is every provider's trust, for checks that need a trusted provider.
     */
    List<Placed> place(List<SimTask> pending, FreePool free, TrustBoard trusts, NetworkPrior prior, long heartbeatMillis, long now);
}

package org.gridmint.coordinator.verify;

import java.time.Instant;
import org.gridmint.coordinator.CoordinatorConfig;
import org.gridmint.coordinator.ledger.JobAccounting;
import org.gridmint.coordinator.stake.Stakes;
import org.gridmint.coordinator.store.JobRecord;
import org.gridmint.coordinator.store.ProviderRecord;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.money.Credits;
import org.gridmint.core.scheduling.AttemptRecord;

/** The stake ledger's side of a verdict: a replica paid at cost by the network, a losing provider slashed. */
final class Penalties {
    private Penalties() {}

    /** What one slash took: the client's compensation and the treasury's share. */
    record Slashed(Credits toClient, Credits toTreasury) {
        static final Slashed NONE = new Slashed(Credits.ZERO, Credits.ZERO);
    }

    /** Slashes the provider's stake for the verdict (part to the client, part to the treasury) and quarantines it. */
    static Slashed slash(StoreTx tx, ProviderId provider, AccountId client, String verdictId, CoordinatorConfig config, Instant now) {
        var s = Stakes.slash(tx, provider, client, verdictId, config.stake(), now);
        return new Slashed(s.toClient(), s.toTreasury());
    }

    /** Pays a replica beyond the accepted result at cost, from the treasury; returns what it paid. */
    static Credits payAtCost(StoreTx tx, JobRecord job, AttemptRecord attempt, ProviderRecord provider, long reportedRuntimeMillis, Instant now) {
        Credits cost = JobAccounting.replicaCost(job, attempt, provider, reportedRuntimeMillis, now);
        return Stakes.payAtCost(tx, attempt.task(), attempt.id(), AccountId.of(provider.owner()), cost, now);
    }
}

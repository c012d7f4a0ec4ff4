package org.gridmint.coordinator.store;

import java.time.Instant;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.money.Credits;

/**
 * One unstake waiting out its unbonding period: its money stays in the provider's stake account until it is released.
 *
 * @param requested what the owner asked to unstake
 * @param amount what will be (or was) released: the request, shrunk by slashes during the unbonding
 * @param releaseAt the earliest time the release loop may release it
 * @param releasedAt when the UNSTAKE posting (reference: {@code id}) was written; null while it is unbonding
 */
public record Unbonding(String id, ProviderId provider, String owner, Credits requested, Credits amount, Instant requestedAt, Instant releaseAt,
                        Instant releasedAt) {
    public boolean released() {
        return releasedAt != null;
    }
}

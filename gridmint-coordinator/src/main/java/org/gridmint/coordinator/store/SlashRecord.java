package org.gridmint.coordinator.store;

import java.time.Instant;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.money.Credits;

/**
 * One slash of a provider for one verdict: what it had staked, what went to the client and to the treasury (the SLASH
 * postings), and until when it quarantined the provider.
 */
public record SlashRecord(String verdictId, ProviderId provider, String client, Credits staked, Credits toClient, Credits toTreasury, Instant at,
                          Instant quarantinedUntil) {
    public Credits total() {
        return toClient.plus(toTreasury);
    }
}

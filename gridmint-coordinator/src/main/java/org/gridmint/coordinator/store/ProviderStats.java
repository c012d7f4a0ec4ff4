package org.gridmint.coordinator.store;

import org.gridmint.core.ids.ProviderId;

/** Counts of a provider's attempts by outcome, and how many it holds now. */
public record ProviderStats(ProviderId provider, int running, long succeeded, long failed, long lost) {
    public static ProviderStats none(ProviderId p) {
        return new ProviderStats(p, 0, 0, 0, 0);
    }
}

package org.gridmint.core.market;

import java.util.List;
import org.gridmint.core.market.MarketSnapshot.PendingTask;
import org.gridmint.core.market.MarketSnapshot.Provider;

/** Valid market objects for tests, so that a test states only what differs. */
final class MarketFixtures {
    private MarketFixtures() {}

    /** A healthy prov-{@code name} with one free slot: see {@link MarketProviderFixture}. */
    static MarketProviderFixture provider(String name) {
        return new MarketProviderFixture(name);
    }

    /** Task {@code index} of job-1, one hour, default requirements: see {@link PendingTaskFixture}. */
    static PendingTaskFixture task(int index) {
        return new PendingTaskFixture(index);
    }

    static MarketSnapshot snapshot(List<MarketProviderFixture> providers, List<PendingTaskFixture> tasks) {
        List<Provider> ps = providers.stream().map(MarketProviderFixture::build).toList();
        List<PendingTask> ts = tasks.stream().map(PendingTaskFixture::build).toList();
        return new MarketSnapshot(ps, ts);
    }
}

package org.gridmint.core.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.core.CoreFixtures.NOW;
import static org.gridmint.core.market.MarketFixtures.provider;
import static org.gridmint.core.market.MarketFixtures.snapshot;
import static org.gridmint.core.market.MarketFixtures.task;

import java.time.Duration;
import java.util.List;
import org.gridmint.core.CoreFixtures;
import org.junit.jupiter.api.Test;

class MarketSnapshotTest {

    @Test
    void snapshot_rejectsAProviderListedTwice() {
        assertThatThrownBy(() -> snapshot(List.of(provider("a"), provider("a")), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("provider prov-a appears twice in the snapshot");
    }

    @Test
    void snapshot_rejectsATaskListedTwice() {
        assertThatThrownBy(() -> snapshot(List.of(), List.of(task(0), task(0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("task job-1/0 appears twice in the snapshot");
    }

    @Test
    void provider_rejectsMoreFreeSlotsThanItHas() {
        assertThatThrownBy(() -> new MarketSnapshot.Provider(CoreFixtures.provider().build(), 2, Reputation.newcomer(NetworkPrior.DEFAULT),
                Health.HEALTHY, NOW, null)).hasMessageContaining("freeSlots must be in [0, 1], was 2");
    }

    @Test
    void provider_at_takesItsHealthFromWhenItWasLastSeen() {
        var p = MarketSnapshot.Provider.at(CoreFixtures.provider().build(), 1, Reputation.newcomer(NetworkPrior.DEFAULT),
                NOW.minusSeconds(20), null, Duration.ofSeconds(10), NOW);

        assertThat(p.health()).isEqualTo(Health.SUSPECT);
    }

    @Test
    void pendingTask_rejectsANegativeExpectedDuration() {
        assertThatThrownBy(() -> task(0).lasting(-1).build()).hasMessageContaining("expectedMillis must be >= 0, was -1");
    }
}

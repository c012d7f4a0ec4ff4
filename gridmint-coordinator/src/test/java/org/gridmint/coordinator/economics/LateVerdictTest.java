package org.gridmint.coordinator.economics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.gridmint.coordinator.ledger.LedgerVerifier;
import org.gridmint.coordinator.store.EconomicsTx;
import org.junit.jupiter.api.Test;

/**
 * A verdict decided before an epoch's end but committed after that epoch closed (a slow transaction, a stalled
 * coordinator) is rewarded by the next close, once: it is never lost between two windows.
 */
class LateVerdictTest extends EconomicsTestBase {

    @Test
    void aVerdictCommittedAfterItsEpochClosed_isRewardedByTheNextEpoch_once() {
        open(economics(Duration.ofMinutes(1), 8760), null);
        String a = farm.add("a", Farm.Kind.HONEST);
        String b = farm.add("b", Farm.Kind.HONEST);
        // Epoch 0 closes while the clock still stands in it: whatever is decided now commits after the close.
        Instant closeOfZero = loop().epochs().end(0).plus(EpochLoop.settleDelay(loop().epochs().length()));
        assertThat(loop().runOnce(closeOfZero).closed()).isEqualTo(1);

        verifiedJob(a, b);
        assertThat(net.clock.instant()).isBefore(loop().epochs().end(0));
        assertThat(epoch(0).minted()).isEqualTo(grid("0"));

        closeThrough(1);

        assertThat(rewardedWork()).hasSize(2).allSatisfy(w -> assertThat(w.epoch()).isEqualTo(1L));
        assertThat(epoch(1).minted()).isEqualTo(grid("1000"));
        assertThat(rewards(1)).extracting(EconomicsTx.EpochReward::tokens).containsExactlyInAnyOrder(grid("450"), grid("450"), grid("100"));
        closeThrough(2);
        assertThat(epoch(2).minted()).as("rewarded once").isEqualTo(grid("0"));
        assertThat(LedgerVerifier.verify(net.coordinator.store()).breaks()).isEmpty();
    }
}

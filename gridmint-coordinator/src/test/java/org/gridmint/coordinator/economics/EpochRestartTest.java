package org.gridmint.coordinator.economics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.gridmint.coordinator.Coordinator;
import org.gridmint.coordinator.CoordinatorConfig;
import org.gridmint.coordinator.MutableClock;
import org.gridmint.coordinator.TestNetwork;
import org.junit.jupiter.api.Test;

/** Closing is idempotent: a second run, or a new coordinator on the same data, closes nothing twice; genesis is kept for good. */
class EpochRestartTest extends EconomicsTestBase {
    private static final org.gridmint.coordinator.economics.EconomicsConfig CONFIG = economics(Duration.ofMinutes(1), 8760);

    @Test
    void runningTwice_closesNothingTwice() {
        open(CONFIG, null);
        String a = farm.add("a", Farm.Kind.HONEST);
        String b = farm.add("b", Farm.Kind.HONEST);
        verifiedJob(a, b);
        assertThat(closeThrough(0).closed()).isEqualTo(1);

        EpochLoop.Run again = loop().runOnce(net.clock.instant());

        assertThat(again.closed()).isZero();
        assertThat(gridOf(farm.owner(a)).unsettled()).isEqualTo(grid("450"));
        assertThat(rewardedWork()).hasSize(2);
    }

    @Test
    void aNewCoordinatorOnTheSameData_keepsGenesis_andRewardsNoAttemptTwice() {
        open(CONFIG, null);
        String a = farm.add("a", Farm.Kind.HONEST);
        String b = farm.add("b", Farm.Kind.HONEST);
        verifiedJob(a, b);
        closeThrough(0);
        Instant genesis = loop().epochs().genesis();
        net.close();

        net = new TestNetwork(dir, InstantSource.system(), c -> c.withEconomics(CONFIG));
        farm = new Farm(net);
        net.clock.advance(Duration.ofMinutes(3).plusSeconds(5));
        EpochLoop.Run run = loop().runOnce(net.clock.instant());

        assertThat(loop().epochs().genesis()).isEqualTo(genesis);
        assertThat(run.closed()).as("epochs 1 and 2, not 0 again").isEqualTo(2);
        assertThat(gridOf("acct-owner-a").unsettled()).isEqualTo(grid("450"));
        assertThat(rewardedWork()).hasSize(2).allMatch(w -> w.epoch() == 0);
        assertThat(epoch(1).minted()).isEqualTo(grid("0"));
    }

    @Test
    void genesis_isTheFirstStartTruncatedToSeconds() {
        var clock = new MutableClock(Instant.parse("2026-11-25T00:00:07.750Z"));
        try (var c = new Coordinator(CoordinatorConfig.defaults(dir).withPort(0), clock)) {
            assertThat(c.epochLoop().epochs().genesis()).isEqualTo(Instant.parse("2026-11-25T00:00:07Z"));
            assertThat(c.epochLoop().epochs().length()).isEqualTo(Duration.ofHours(1));
        }
    }

    @Test
    void aDifferentGenesisOrEpochOrSchedule_isRefusedAtStart_namingTheFlag() {
        open(CONFIG, null);
        Instant genesis = loop().epochs().genesis();
        net.close();
        net = null;

        assertThatThrownBy(() -> new TestNetwork(dir, InstantSource.system(), c -> c.withEconomics(CONFIG.withGenesis(genesis.plusSeconds(60)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--genesis").hasMessageContaining("differs")
                .hasMessageContaining(genesis.toString());
        assertThatThrownBy(() -> new TestNetwork(dir, InstantSource.system(), c -> c.withEconomics(CONFIG.withEpoch(Duration.ofSeconds(30)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--epoch 30s").hasMessageContaining("pass --epoch 60s");
        assertThatThrownBy(() -> new TestNetwork(dir, InstantSource.system(), c -> c.withEconomics(economics(Duration.ofMinutes(1), 10))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--emission-halving 10");

        // The same genesis given explicitly is the network's own: accepted.
        net = new TestNetwork(dir, InstantSource.system(), c -> c.withEconomics(CONFIG.withGenesis(genesis)));
        assertThat(loop().epochs().genesis()).isEqualTo(genesis);
    }

    @Test
    void aStartedCoordinator_closesEpochsOnItsOwn() throws Exception {
        open(economics(Duration.ofSeconds(1), 8760), null);
        net.coordinator.start();
        net.clock.advance(Duration.ofMillis(2500));

        // The loop runs every 200 ms for one-second epochs: epoch 0 and 1 close without anyone calling it.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (net.coordinator.store().inTransaction(tx -> tx.economics().lastEpoch()).orElse(-1L) < 1 && System.nanoTime() < deadline) Thread.sleep(50);

        java.util.Optional<Long> last = net.coordinator.store().inTransaction(tx -> tx.economics().lastEpoch());
        assertThat(last).contains(1L);
        assertThat(EpochLoop.period(Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(5));
        assertThat(EpochLoop.period(Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(200));
    }
}

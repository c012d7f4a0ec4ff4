package org.gridmint.coordinator.economics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.coordinator.store.EconomicsTx;
import org.gridmint.core.ids.AccountId;
import org.junit.jupiter.api.Test;

/** Emissions reward verified work only, pro rata to it, less the treasury's share, and follow the schedule's halvings. */
class EmissionsTest extends EconomicsTestBase {

    @Test
    void replicasThatAgree_shareTheEpochsEmissionByWork_lessTheTreasuryShare_andAnIdleProviderEarnsNothing() {
        open(economics(Duration.ofMinutes(1), 8760), null);
        String a = farm.add("a", Farm.Kind.HONEST);
        String b = farm.add("b", Farm.Kind.HONEST);
        // Online all along, but dearer: the market gives it nothing to do.
        net.provider(AccountId.of("acct-owner-idle"), "idle", "50", 1);
        verifiedJob(a, b);

        EpochLoop.Run run = closeThrough(0);

        assertThat(run.closed()).isEqualTo(1);
        EconomicsTx.EpochRecord e = epoch(0);
        assertThat(e.emission()).isEqualTo(grid("1000"));
        assertThat(e.minted()).isEqualTo(grid("1000"));
        assertThat(e.treasuryTokens()).isEqualTo(grid("100"));
        assertThat(e.verifiedGpuMs()).isEqualTo(2 * Farm.RUNTIME_MS);
        assertThat(e.state()).isEqualTo(EconomicsTx.SETTLED);
        assertThat(e.leaves()).isZero();
        assertThat(e.root()).isNull();
        assertThat(rewards(0)).containsExactlyInAnyOrder(
                new EconomicsTx.EpochReward(0, "acct-owner-a", Farm.RUNTIME_MS, grid("450")),
                new EconomicsTx.EpochReward(0, "acct-owner-b", Farm.RUNTIME_MS, grid("450")),
                new EconomicsTx.EpochReward(0, "treasury", 0, grid("100")));
        assertThat(gridOf(farm.owner(a))).isEqualTo(new EconomicsTx.TokenBalance("acct-owner-a", grid("450"), grid("0")));
        assertThat(gridOf("treasury").unsettled()).isEqualTo(grid("100"));
        assertThat(gridOf("acct-owner-idle").unsettled()).isEqualTo(grid("0"));
        assertThat(rewardedWork()).extracting(EconomicsTx.RewardedWork::account).containsExactlyInAnyOrder("acct-owner-a", "acct-owner-b");
    }

    @Test
    void unverifiedWork_earnsNothing_andAnEpochWithoutVerifiedWorkMintsNothing() {
        open(economics(Duration.ofMinutes(1), 8760), null);
        String a = farm.add("a", Farm.Kind.HONEST);
        String job = net.submit(CLIENT, TestNetwork.spec(2)).id();
        assertThat(farm.run(CLIENT, job, List.of(a)).state()).isEqualTo("SUCCEEDED");

        closeThrough(1);

        for (long n : List.of(0L, 1L)) {
            assertThat(epoch(n).minted()).isEqualTo(grid("0"));
            assertThat(epoch(n).treasuryTokens()).isEqualTo(grid("0"));
            assertThat(epoch(n).verifiedGpuMs()).isZero();
            assertThat(rewards(n)).isEmpty();
        }
        assertThat(epoch(1).emission()).as("the schedule's emission, not minted without work").isEqualTo(grid("1000"));
        assertThat(gridOf(farm.owner(a)).unsettled()).isEqualTo(grid("0"));
        assertThat(gridOf("treasury").unsettled()).isEqualTo(grid("0"));
    }

    @Test
    void failedAndRejectedAttempts_earnNothing_whileTheResultsThatAgreedDo() {
        open(economics(Duration.ofMinutes(1), 8760), null);
        // Alone at first, so that the market gives it the task (and it fails it).
        String flaky = farm.add("flaky", Farm.Kind.FLAKY);
        String job = net.submit(CLIENT, Farm.replicated(1, 2, 2)).id();
        assertThat(farm.step(flaky)).isTrue();
        String honest = farm.add("honest", Farm.Kind.HONEST);
        String cheat = farm.add("cheat", Farm.Kind.CHEAT);
        farm.run(CLIENT, job, List.of(honest, cheat));
        // The two results disagree: a tie-breaker goes to the most trusted provider of the others.
        String checker = farm.add("checker", Farm.Kind.HONEST);
        net.coordinator.store().inTransaction(tx -> {
            tx.saveTrust(org.gridmint.core.ids.ProviderId.of(checker), new org.gridmint.core.verify.Trust(4, 4, 0), net.clock.instant());
            return null;
        });
        assertThat(farm.run(CLIENT, job, List.of(honest, cheat, checker)).state()).isEqualTo("SUCCEEDED");

        closeThrough(0);

        assertThat(rewards(0)).extracting(EconomicsTx.EpochReward::account).containsExactlyInAnyOrder("acct-owner-honest", "acct-owner-checker", "treasury");
        assertThat(gridOf(farm.owner(cheat)).unsettled()).isEqualTo(grid("0"));
        assertThat(gridOf(farm.owner(flaky)).unsettled()).isEqualTo(grid("0"));
        assertThat(gridOf(farm.owner(honest)).unsettled()).isEqualTo(grid("450"));
        assertThat(rewardedWork()).hasSize(2);
    }

    @Test
    void emissionsFollowTheSchedule_acrossAHalving() {
        open(economics(Duration.ofSeconds(10), 2), null);
        String a = farm.add("a", Farm.Kind.HONEST);
        String b = farm.add("b", Farm.Kind.HONEST);
        for (long n = 0; n < 4; n++) {
            moveTo(n);
            verifiedJob(a, b);
        }

        EpochLoop.Run run = closeThrough(4);

        assertThat(run.closed()).isEqualTo(5);
        assertThat(List.of(0L, 1L, 2L, 3L, 4L)).extracting(n -> epoch(n).minted())
                .containsExactly(grid("1000"), grid("1000"), grid("500"), grid("500"), grid("0"));
        assertThat(epoch(2).treasuryTokens()).isEqualTo(grid("50"));
        assertThat(epoch(4).emission()).isEqualTo(grid("250"));
        assertThat(gridOf(farm.owner(a)).unsettled()).isEqualTo(grid("1350"));
        assertThat(gridOf(AccountId.of("acct-owner-b")).unsettled()).isEqualTo(grid("1350"));
        assertThat(gridOf("treasury").unsettled()).isEqualTo(grid("300"));
    }

    @Test
    void aGpuTasksWork_countsItsGpus() {
        open(economics(Duration.ofMinutes(1), 8760), null);
        String g1 = farm.addGpuRig("g1", 2, "0.5");
        String g2 = farm.addGpuRig("g2", 2, "0.5");
        var gpuJob = new org.gridmint.core.spec.JobSpecDraft("gpu-job", "exec", List.of("true"), 1, null, null, null,
                new org.gridmint.core.spec.JobSpecDraft.ResourcesDraft(null, null, 2, null, null), null, null, 2, null, null, null)
                .withVerify(new org.gridmint.core.spec.JobSpecDraft.VerifyDraft(null, 2, 2, null, null));
        String job = net.submit(CLIENT, gpuJob).id();
        assertThat(farm.run(CLIENT, job, List.of(g1, g2)).state()).isEqualTo("SUCCEEDED");
        // Cheaper CPU-only providers, so that the market gives them the CPU job.
        String c1 = farm.addGpuRig("c1", 0, "0.1");
        String c2 = farm.addGpuRig("c2", 0, "0.1");
        verifiedJob(c1, c2);

        closeThrough(0);

        assertThat(epoch(0).verifiedGpuMs()).isEqualTo(2 * 2 * Farm.RUNTIME_MS + 2 * Farm.RUNTIME_MS);
        assertThat(gridOf("acct-owner-g1").unsettled()).isEqualTo(grid("300"));
        assertThat(gridOf("acct-owner-c1").unsettled()).isEqualTo(grid("150"));
    }
}

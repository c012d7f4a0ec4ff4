package org.gridmint.coordinator.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.gridmint.api.JobView;
import org.gridmint.api.StakeRequest;
import org.gridmint.coordinator.InProcessNetworkTest;
import org.gridmint.coordinator.stake.StakeConfig;
import org.gridmint.core.ids.AccountId;
import org.junit.jupiter.api.Test;

/**
 * Issue 5: a provider that unstakes while one of its results awaits a verdict cannot escape the slash. The whole path is
 * the coordinator's own: a real wrong result, a real unstake, the real release loop, a real tie-breaker and verdict.
 */
class UnstakeDuringVerdictTest extends InProcessNetworkTest {
    private static final String CLIENT = "acct-client";

    @Test
    void unstakeDuringAnOpenVerdict_isNotReleasedBeforeTheVerdict_andTheSlashTakesItsShareOfTheUnbonding() {
        var workers = new Workers(net);
        String honest = workers.add("honest", Workers.HONEST);
        String cheat = workers.add("cheat", Workers.CHEAT);
        workers.addTrusted("checker", Workers.HONEST);
        workers.stake(cheat, "40");
        AccountId cheatOwner = workers.owner(cheat);
        String job = net.submit(CLIENT, ReplicaVerdictTest.replicas(1, 2, 2)).id();

        // The two first results disagree: the verdict waits for a tie-breaker, and the cheater's result is open.
        workers.run(CLIENT, job, List.of(honest, cheat), 5);
        assertThat(workers.results(job)).hasSize(2);
        net.coordinator.stakes().unstake(cheatOwner, cheat, new StakeRequest(new BigDecimal("40")));
        assertThat(net.coordinator.stakes().view(cheat).unbonding()).isEqualByComparingTo("40");

        // Long past the unbonding period, the loop still holds the money: a result of the provider awaits its verdict.
        net.clock.advance(StakeConfig.DEFAULT.unbondingPeriod().plus(Duration.ofDays(1)));
        assertThat(net.coordinator.unbondingLoop().runOnce(net.clock.instant())).isZero();
        assertThat(net.coordinator.stakes().view(cheat).staked()).isEqualByComparingTo("40");
        assertThat(net.coordinator.ledger().wallet(cheatOwner).balance()).isEqualByComparingTo("0");

        JobView done = workers.runUntilDone(CLIENT, job);
        assertThat(done.state()).isEqualTo("SUCCEEDED");
        assertThat(done.verdicts().getFirst().results()).filteredOn(r -> r.rejected()).singleElement()
                .satisfies(r -> assertThat(r.slashed()).isEqualByComparingTo("20"));

        // Only what the slash left comes back.
        assertThat(net.coordinator.unbondingLoop().runOnce(net.clock.instant())).isEqualTo(1);
        assertThat(net.coordinator.stakes().view(cheat).staked()).isEqualByComparingTo("0");
        assertThat(net.coordinator.ledger().wallet(cheatOwner).balance()).isEqualByComparingTo("20");
    }

    @Test
    void moneyAskedBack_bondsNoNewWork_andIsNotReleasedWhileItsProviderStillHoldsATask() throws Exception {
        var workers = new Workers(net);
        String p = workers.add("p", Workers.HONEST);
        // A dearer idle provider: a claim reads as many pending tasks as the market has free slots, so with p alone the
        // first job (which p may not run) would hide the second from it.
        workers.add("idle", AccountId.of("acct-owner-idle"), "0.9", Workers.HONEST);
        workers.stake(p, "25");
        AccountId owner = workers.owner(p);
        var base = org.gridmint.coordinator.TestNetwork.spec(1);
        net.submit(CLIENT, new org.gridmint.core.spec.JobSpecDraft(base.name(), base.runtime(), base.command(), base.tasks(), base.args(),
                base.files(), base.outputs(), base.resources(), base.maxPrice(), base.timeout(), base.retries(), base.regions(), base.network(),
                base.checkpoint(), base.speculation(), base.verify(), new BigDecimal("25")));

        // Asking 10 back leaves 15 bonding new work: below the job's minimum, so the provider gets none of it.
        net.coordinator.stakes().unstake(owner, p, new StakeRequest(new BigDecimal("10")));
        assertThat(net.coordinator.work().claim(owner, p, new org.gridmint.api.ClaimRequest(1, 0))).isEmpty();

        // Work taken before its unbonding is due holds the release: a result still to come must find the stake there.
        net.coordinator.stakes().unstake(owner, p, new StakeRequest(new BigDecimal("15")));
        String open = net.submit(CLIENT, org.gridmint.coordinator.TestNetwork.spec(1)).id();
        var held = net.coordinator.work().claim(owner, p, new org.gridmint.api.ClaimRequest(1, 0));
        assertThat(held).as("%s", net.coordinator.jobs().get(CLIENT, open)).singleElement().satisfies(a -> assertThat(a.jobId()).isEqualTo(open));
        net.clock.advance(StakeConfig.DEFAULT.unbondingPeriod().plus(Duration.ofDays(1)));
        assertThat(net.coordinator.unbondingLoop().runOnce(net.clock.instant())).isZero();

        net.coordinator.work().complete(owner, held.getFirst().attemptId(),
                new org.gridmint.api.CompleteRequest(p, 0, List.of(net.blob("out/result.txt", "done")), null, null, 100));
        assertThat(net.coordinator.unbondingLoop().runOnce(net.clock.instant())).isEqualTo(2);
        assertThat(net.coordinator.stakes().view(p).staked()).isEqualByComparingTo("0");
        assertThat(net.coordinator.ledger().wallet(owner).balance()).isGreaterThanOrEqualTo(new BigDecimal("25"));
    }
}

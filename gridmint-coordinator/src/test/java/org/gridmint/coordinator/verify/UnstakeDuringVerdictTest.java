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
}

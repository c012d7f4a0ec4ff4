package org.gridmint.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.InstantSource;
import org.gridmint.coordinator.InProcessNetworkTest;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.coordinator.stake.StakeConfig;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.money.Credits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The coordinator's default minimum stake for jobs above a value, stored with the job at submission. */
class DefaultMinStakeTest extends InProcessNetworkTest {

    @BeforeEach
    void withDefaultMinStake() {
        net.close();
        var stake = new StakeConfig(StakeConfig.DEFAULT.terms(), StakeConfig.DEFAULT_SLASH_QUARANTINE, StakeConfig.DEFAULT_UNBONDING,
                Credits.parse("25"), Credits.parse("3"));
        net = new TestNetwork(dir.resolve("staked"), InstantSource.system(), c -> c.withStake(stake));
    }

    private Credits minStakeOf(String job) {
        return net.coordinator.store().inTransaction(tx -> tx.job(JobId.of(job)).orElseThrow().spec().minStake());
    }

    @Test
    void jobAboveTheThreshold_withoutMinStake_getsTheDefault() {
        String job = net.submit("acct-client", TestNetwork.spec(4)).id(); // holds 4 credits: above 3

        assertThat(minStakeOf(job)).isEqualTo(Credits.parse("25"));
    }

    @Test
    void jobAtOrBelowTheThreshold_orNamingItsOwn_keepsWhatItSaid() {
        String small = net.submit("acct-client", TestNetwork.spec(3)).id();
        var own = TestNetwork.spec(10);
        own = new org.gridmint.core.spec.JobSpecDraft(own.name(), own.runtime(), own.command(), own.tasks(), own.args(), own.files(), own.outputs(),
                own.resources(), own.maxPrice(), own.timeout(), own.retries(), own.regions(), own.network(), own.checkpoint(), own.speculation(),
                own.verify(), new BigDecimal("5"));
        String named = net.submit("acct-client", own).id();

        assertThat(minStakeOf(small)).isNull();
        assertThat(minStakeOf(named)).isEqualTo(Credits.parse("5"));
    }

    @Test
    void providerWithLessStaked_getsNoneOfTheJobsTasks_untilItStakesEnough() {
        String job = net.submit("acct-client", TestNetwork.spec(4)).id();
        String p = net.provider("p", "0.5", 1);

        assertThat(net.claim(p, 1)).isEmpty();
        assertThat(net.coordinator.jobs().get("acct-client", job).waiting()).contains("staked");

        net.fund(TestNetwork.OWNER, "25");
        net.coordinator.stakes().stake(TestNetwork.OWNER, p, new org.gridmint.api.StakeRequest(new BigDecimal("25")));
        assertThat(net.claim(p, 1)).hasSize(1);
    }
}

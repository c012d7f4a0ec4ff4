package org.gridmint.coordinator.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.gridmint.api.ProviderView;
import org.gridmint.coordinator.InProcessNetworkTest;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.core.spec.JobSpecDraft;
import org.junit.jupiter.api.Test;

/** Claims go through the market: the cheapest expected cost wins, the others are told why, and a job says why it waits. */
class MarketClaimTest extends InProcessNetworkTest {
    private ProviderView view(String id) {
        return net.coordinator.providers().list().providers().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void dearerClaimer_getsNothing_whileACheaperProviderFits_andIsToldWhy() {
        net.submit("acct-alice", TestNetwork.spec(1));
        String cheap = net.provider("cheap", "0.1", 1);
        String dear = net.provider("dear", "0.5", 1);

        assertThat(net.claim(dear, 1)).isEmpty();
        assertThat(view(dear).lastSkip()).contains(cheap);
        assertThat(net.claim(cheap, 1)).hasSize(1);
    }

    @Test
    void dearerClaimer_getsTheTask_whenTheCheaperOneHasGoneSilent() {
        net.submit("acct-alice", TestNetwork.spec(1));
        net.provider("cheap", "0.1", 1);
        net.clock.advance(net.config.heartbeatInterval().multipliedBy(2));
        String dear = net.provider("dear", "0.5", 1);

        assertThat(net.claim(dear, 1)).as("a suspect provider gets no work, so the live one does").hasSize(1);
    }

    @Test
    void providers_showHealthAndReliability() {
        String p = net.provider("rig", "0.1", 1);
        assertThat(view(p).health()).isEqualTo("HEALTHY");
        assertThat(view(p).reliability()).as("a newcomer gets the network's prior").isBetween(0.5, 1.0);

        net.clock.advance(net.config.heartbeatInterval().multipliedBy(2));
        assertThat(view(p).health()).isEqualTo("SUSPECT");
        net.clock.advance(net.config.heartbeatInterval().multipliedBy(2));
        assertThat(view(p).health()).isEqualTo("LOST");
        net.coordinator.providers().quarantine(p, null);
        assertThat(view(p).health()).as("lost outranks quarantined: it is gone either way").isEqualTo("LOST");
    }

    @Test
    void jobThatNoProviderFits_saysWhichConstraintAndHowMany() {
        var big = new JobSpecDraft("big", "exec", List.of("true"), 1, null, null, null,
                new JobSpecDraft.ResourcesDraft(1, 65_536L, null, null, null), null, null, 2, null, null, null).withVerify(JobSpecDraft.VerifyDraft.ofPolicy("none"));
        String job = net.submit("acct-alice", big).id();
        net.provider("small-1", "0.1", 1);
        net.provider("small-2", "0.1", 1);

        var view = net.coordinator.jobs().get("acct-alice", job);

        assertThat(view.waiting()).isEqualTo("no provider fits: 2 lack 65536 MB of memory");
    }

    @Test
    void jobThatAProviderWouldTake_hasNoWaitingReason_andARunningJobIsNotAsked() {
        String job = net.submit("acct-alice", TestNetwork.spec(2)).id();
        String p = net.provider("rig", "0.1", 1);

        assertThat(net.coordinator.jobs().get("acct-alice", job).waiting()).isNull();
        net.claim(p, 1);
        net.clock.advance(Duration.ofMillis(1));
        assertThat(net.coordinator.jobs().get("acct-alice", job).waiting())
                .as("its one provider is busy").isEqualTo("every healthy provider that fits is busy; it waits for a free slot");
    }
}

package org.gridmint.coordinator.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.gridmint.api.Assignment;
import org.gridmint.api.CompleteRequest;
import org.gridmint.api.HeartbeatRequest;
import org.gridmint.api.ProviderView;
import org.gridmint.api.RegisterProviderRequest;
import org.gridmint.coordinator.InProcessNetworkTest;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.market.ProviderEvidence;
import org.junit.jupiter.api.Test;

/** The coordinator feeds reputation the evidence beyond outcomes: speed against peers, and heartbeat regularity. */
class ReputationEvidenceTest extends InProcessNetworkTest {
    static final long FAST_MILLIS = 60_000;
    static final long SLOW_MILLIS = 3 * FAST_MILLIS;

    private String register(String id) {
        return net.coordinator.providers().register(TestNetwork.OWNER, new RegisterProviderRequest(id, id, 4, 8192, List.of(), "local",
                new BigDecimal("0.2"), 1, true, "test")).id();
    }

    private ProviderView view(String id) {
        return net.coordinator.providers().list().providers().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    private ProviderEvidence evidence(String id) {
        return net.coordinator.store().inTransaction(tx -> tx.providerEvidence().get(new ProviderId(id)));
    }

    private void complete(String provider, Assignment a, long runtimeMillis) {
        net.coordinator.work().complete(TestNetwork.OWNER, a.attemptId(), new CompleteRequest(provider, 0, List.of(), null, null, runtimeMillis));
    }

    @Test
    void providerThreeTimesSlowerThanItsPeers_endsUpWithSpeedNearThree_andLosesPlacementsToAnEquallyPricedFastOne() {
        // The slow provider's id sorts first, so that on equal expected costs it would win the tie.
        String slow = register("prov-a-slow");
        List<String> fast = List.of(register("prov-b-fast"), register("prov-c-fast"), register("prov-d-fast"));
        int rounds = 20;
        net.submit("acct-alice", TestNetwork.spec(4 * rounds));
        for (int round = 0; round < rounds; round++) {
            List<Assignment> got = new java.util.ArrayList<>();
            for (String p : fast) got.add(net.claim(p, 1).getFirst());
            Assignment slowTask = net.claim(slow, 1).getFirst();
            net.clock.advance(Duration.ofMillis(SLOW_MILLIS));
            for (int i = 0; i < fast.size(); i++) complete(fast.get(i), got.get(i), FAST_MILLIS);
            complete(slow, slowTask, SLOW_MILLIS);
        }
        net.clock.advance(Duration.ofSeconds(2)); // past the market's cached reputations

        ProviderEvidence e = evidence(slow);
        assertThat(e.speedSamples()).as("one sample per completion, each against 3 or more peers").isEqualTo(rounds);
        assertThat(e.speedSum() / e.speedSamples()).isCloseTo(3.0, within(1e-6));
        assertThat(view(slow).speed()).as("the estimate, shrunk toward 1.0 by the prior").isCloseTo(3.0, within(0.4)).isGreaterThan(2.5);
        for (String p : fast) assertThat(view(p).speed()).isCloseTo(1.0, within(0.05));

        net.submit("acct-alice", TestNetwork.spec(1));
        assertThat(net.claim(slow, 1)).as("the slow provider, asking the same, loses the task").isEmpty();
        assertThat(view(slow).lastSkip()).isNotNull();
        assertThat(net.claim(fast.getFirst(), 1)).hasSize(1);
    }

    @Test
    void providerThatMissesHeartbeatsWhileHoldingWork_losesReliability() {
        String steady = register("prov-steady");
        String gappy = register("prov-gappy");
        net.submit("acct-alice", TestNetwork.spec(2));
        Assignment s = net.claim(steady, 1).getFirst();
        Assignment g = net.claim(gappy, 1).getFirst();
        Duration interval = net.config.heartbeatInterval();
        for (int i = 0; i < 4; i++) {
            net.clock.advance(interval);
            net.coordinator.work().heartbeat(TestNetwork.OWNER, s.attemptId(), new HeartbeatRequest(steady, null));
            net.clock.advance(interval);
            net.coordinator.work().heartbeat(TestNetwork.OWNER, s.attemptId(), new HeartbeatRequest(steady, null));
            // Two intervals of silence: past the 1.5 that make a gap, within its lease.
            net.coordinator.work().heartbeat(TestNetwork.OWNER, g.attemptId(), new HeartbeatRequest(gappy, null));
        }
        complete(steady, s, 1000);
        complete(gappy, g, 1000);
        net.clock.advance(Duration.ofSeconds(2)); // past the market's cached reputations

        assertThat(evidence(gappy).missedHeartbeats()).isEqualTo(4);
        assertThat(evidence(steady).missedHeartbeats()).isZero();
        assertThat(evidence(gappy).completed()).isEqualTo(evidence(steady).completed());
        assertThat(view(gappy).reliability()).isLessThan(view(steady).reliability());
    }
}

package org.gridmint.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.gridmint.api.Assignment;
import org.gridmint.api.FailRequest;
import org.gridmint.api.HeartbeatRequest;
import org.gridmint.api.JobView;
import org.gridmint.api.ProblemTypes;
import org.gridmint.api.ProviderView;
import org.gridmint.api.RegisterProviderRequest;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.market.Quarantine;
import org.gridmint.core.spec.JobSpecDraft;
import org.junit.jupiter.api.Test;

/** The owner's drain: a draining provider gets no new work, is told to hand back, and a hand-back costs it nothing. */
class ProviderDrainTest extends InProcessNetworkTest {
    private ProviderView view(String provider) {
        return net.coordinator.providers().list().providers().stream().filter(p -> p.id().equals(provider)).findFirst().orElseThrow();
    }

    private JobView job(String id) {
        return net.coordinator.jobs().get("acct-alice", id);
    }

    private static JobSpecDraft noRetries(int tasks) {
        return new JobSpecDraft("j", null, List.of("true"), tasks, null, null, null, null, null, null, 0, null, null, null).withVerify(JobSpecDraft.VerifyDraft.ofPolicy("none"));
    }

    @Test
    void drain_refusesTheProvidersClaims_andItsWorkGoesToOthers() {
        String job = net.submit("acct-alice", TestNetwork.spec(2)).id();
        String drained = net.provider("cheap", "0.1", 2);
        String other = net.provider("dear", "0.5", 2);

        ProviderView v = net.coordinator.providers().drain(TestNetwork.OWNER, drained);

        assertThat(v.health()).isEqualTo("DRAINING");
        assertThatThrownBy(() -> net.claim(drained, 2)).isInstanceOfSatisfying(CoordinatorException.Conflict.class,
                c -> assertThat(c.state()).isEqualTo("DRAINING"));
        assertThat(net.claim(other, 2)).as("the dearer provider gets what the cheaper one would have").hasSize(2);
        assertThat(view(drained).health()).isEqualTo("DRAINING");
        assertThat(view(drained).lastSkip()).startsWith("draining:");
        for (var t : job(job).tasks()) assertThat(t.attempts()).extracting(a -> a.providerId()).containsOnly(other);
    }

    @Test
    void heartbeat_afterTheDrain_tellsTheAgentToDrain() {
        net.submit("acct-alice", TestNetwork.spec(1));
        String p = net.provider("p", "0.1", 1);
        Assignment a = net.claim(p, 1).getFirst();
        assertThat(net.coordinator.work().heartbeat(TestNetwork.OWNER, a.attemptId(), new HeartbeatRequest(p, null)).drainRequested()).isFalse();

        net.coordinator.providers().drain(TestNetwork.OWNER, p);

        var r = net.coordinator.work().heartbeat(TestNetwork.OWNER, a.attemptId(), new HeartbeatRequest(p, null));
        assertThat(r.drainRequested()).isTrue();
        assertThat(r.cancel()).as("the agent hands back, the coordinator does not cancel").isFalse();
    }

    @Test
    void handBack_asProviderDrained_requeuesWithoutAFailure_andCostsTheProviderNothing() {
        String job = net.submit("acct-alice", noRetries(1)).id();
        String p = net.provider("p", "0.1", 1);
        String other = net.provider("other", "0.5", 1);
        Assignment a = net.claim(p, 1).getFirst();
        net.coordinator.providers().drain(TestNetwork.OWNER, p);
        double before = view(p).reliability();

        net.coordinator.work().fail(TestNetwork.OWNER, a.attemptId(), new FailRequest(p, "PROVIDER_DRAINED", "drained", null, null, null, 10));

        var task = job(job).tasks().getFirst();
        assertThat(task.state()).isEqualTo("PENDING");
        assertThat(task.failures()).as("retries: 0, and the job still runs").isZero();
        assertThat(task.attempts().getFirst().reason()).isEqualTo("PROVIDER_DRAINED");
        net.clock.advance(java.time.Duration.ofSeconds(2)); // past the market's cached reputations
        assertThat(view(p).reliability()).isEqualTo(before);
        Quarantine q = net.coordinator.store().inTransaction(tx -> tx.quarantine(new ProviderId(p)));
        assertThat(q).isEqualTo(Quarantine.NONE);
        assertThat(net.coordinator.store().inTransaction(tx -> tx.providerEvidence().get(new ProviderId(p))).providerFailures()).isZero();
        net.complete(other, net.claim(other, 1).getFirst());
        assertThat(job(job).state()).isEqualTo("SUCCEEDED");
    }

    @Test
    void drain_ofAnotherAccountsProvider_isForbidden_andChangesNothing() {
        String p = net.provider("p", "0.1", 1);

        assertThatThrownBy(() -> net.coordinator.providers().drain(AccountId.of("acct-mallory"), p))
                .isInstanceOfSatisfying(CoordinatorException.Forbidden.class, f -> assertThat(f.type()).isEqualTo(ProblemTypes.NOT_OWNER));

        assertThat(view(p).health()).isEqualTo("HEALTHY");
    }

    @Test
    void drain_ofAnUnknownOrMalformedId_isNotFound() {
        assertThatThrownBy(() -> net.coordinator.providers().drain(TestNetwork.OWNER, "prov-nobody")).isInstanceOf(CoordinatorException.NotFound.class);
        assertThatThrownBy(() -> net.coordinator.providers().drain(TestNetwork.OWNER, "not an id")).isInstanceOf(CoordinatorException.NotFound.class);
    }

    @Test
    void drain_twice_isTheSame_andRegisteringAgainEndsIt() {
        net.submit("acct-alice", TestNetwork.spec(1));
        String p = net.provider("p", "0.1", 1);
        net.coordinator.providers().drain(TestNetwork.OWNER, p);
        net.coordinator.providers().drain(TestNetwork.OWNER, p);

        net.coordinator.providers().register(TestNetwork.OWNER, new RegisterProviderRequest(p, "p", 4, 8192, List.of(), "local",
                new BigDecimal("0.1"), 1, true, "test"));

        assertThat(view(p).health()).isEqualTo("HEALTHY");
        assertThat(net.claim(p, 1)).hasSize(1);
    }
}

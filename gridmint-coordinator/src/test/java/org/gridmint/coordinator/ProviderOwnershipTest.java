package org.gridmint.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.gridmint.api.Assignment;
import org.gridmint.api.ClaimRequest;
import org.gridmint.api.CompleteRequest;
import org.gridmint.api.FailRequest;
import org.gridmint.api.HeartbeatRequest;
import org.gridmint.api.ProblemTypes;
import org.gridmint.api.QuarantineRequest;
import org.gridmint.api.RegisterProviderRequest;
import org.gridmint.coordinator.store.ProviderRecord;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.ProviderId;
import org.junit.jupiter.api.Test;

/** Providers belong to the account that registered them; the operator's quarantine keeps one from work. */
class ProviderOwnershipTest extends InProcessNetworkTest {
    private static final AccountId MALLORY = AccountId.of("acct-mallory");

    private static void assertForbidden(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String type) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CoordinatorException.Forbidden.class, f -> assertThat(f.type()).isEqualTo(type));
    }

    private static RegisterProviderRequest registration(String id) {
        return new RegisterProviderRequest(id, "rig", 4, 8192, List.of(), "local", new BigDecimal("0.1"), 1, true, "test");
    }

    @Test
    void reRegister_ofAnotherAccountsProviderId_isForbidden_andChangesNothing() {
        String p = net.provider("rig", "0.1", 1);

        assertForbidden(() -> net.coordinator.providers().register(MALLORY, registration(p)), ProblemTypes.NOT_OWNER);

        assertThat(net.coordinator.providers().list().providers()).singleElement()
                .satisfies(v -> assertThat(v.owner()).isEqualTo(TestNetwork.OWNER.value()));
    }

    @Test
    void claim_forAnotherAccountsProvider_isForbidden() {
        net.submit("acct-alice", TestNetwork.spec(1));
        String p = net.provider("rig", "0.1", 1);

        assertForbidden(() -> net.coordinator.work().claim(MALLORY, p, new ClaimRequest(1, 0)), ProblemTypes.NOT_OWNER);

        assertThat(net.claim(p, 1)).as("the task is still there for its owner").hasSize(1);
    }

    @Test
    void reports_onAnotherAccountsAttempt_areForbidden_beforeTheHolderCheck() {
        net.submit("acct-alice", TestNetwork.spec(1));
        String p = net.provider("rig", "0.1", 1);
        // Dearer, so that the market gives the task to rig.
        String mallorys = net.provider(MALLORY, "mallorys-rig", "0.2", 1);
        Assignment a = net.claim(p, 1).getFirst();
        var work = net.coordinator.work();

        assertForbidden(() -> work.heartbeat(MALLORY, a.attemptId(), new HeartbeatRequest(mallorys, null)), ProblemTypes.NOT_OWNER);
        assertForbidden(() -> work.complete(MALLORY, a.attemptId(), new CompleteRequest(p, 0, List.of(), null, null, 1)), ProblemTypes.NOT_OWNER);
        assertForbidden(() -> work.fail(MALLORY, a.attemptId(), new FailRequest(p, "EXIT_NONZERO", "x", 1, null, null, 1)), ProblemTypes.NOT_OWNER);

        assertThat(work.heartbeat(TestNetwork.OWNER, a.attemptId(), new HeartbeatRequest(p, null)).attemptState()).isEqualTo("RUNNING");
    }

    @Test
    void quarantinedProvider_isRefusedWork_untilReleased() {
        net.submit("acct-alice", TestNetwork.spec(1));
        String p = net.provider("rig", "0.1", 1);

        var view = net.coordinator.providers().quarantine(p, new QuarantineRequest("  lost 9 of 10 tasks "));

        assertThat(view.quarantined()).isTrue();
        assertThat(view.quarantineReason()).isEqualTo("lost 9 of 10 tasks");
        assertThatThrownBy(() -> net.claim(p, 1)).isInstanceOf(CoordinatorException.Forbidden.class)
                .hasMessageContaining("quarantined").hasMessageContaining("lost 9 of 10 tasks");
        net.coordinator.providers().register(TestNetwork.OWNER, registration(p));
        assertThatThrownBy(() -> net.claim(p, 1)).as("re-registering keeps it").isInstanceOf(CoordinatorException.Forbidden.class);

        assertThat(net.coordinator.providers().unquarantine(p).quarantined()).isFalse();
        assertThat(net.claim(p, 1)).hasSize(1);
    }

    @Test
    void quarantinedProvider_isNoAlternative_forATaskAnotherProviderJustFailed() {
        net.submit("acct-alice", TestNetwork.spec(1));
        String failed = net.provider("failed", "0.1", 1);
        // Dearer, so that the market gives the first attempt to "failed".
        String other = net.provider("other", "0.2", 1);
        Assignment a = net.claim(failed, 1).getFirst();
        net.coordinator.work().fail(TestNetwork.OWNER, a.attemptId(), new FailRequest(failed, "EXIT_NONZERO", "exit 1", 1, null, null, 1));

        net.coordinator.providers().quarantine(other, null);

        assertThat(net.claim(failed, 1)).as("nobody else may run it, so the provider that failed it tries again").hasSize(1);
    }

    @Test
    void quarantine_ofAnUnknownProvider_isNotFound_andItsReasonIsBounded() {
        assertThatThrownBy(() -> net.coordinator.providers().quarantine("prov-nobody", null)).isInstanceOf(CoordinatorException.NotFound.class);
        String p = net.provider("rig", "0.1", 1);
        assertThatThrownBy(() -> net.coordinator.providers().quarantine(p, new QuarantineRequest("x".repeat(501))))
                .isInstanceOf(CoordinatorException.Invalid.class);
    }

    @Test
    void providerFromBeforeOwners_isNobodys_soItsAgentMustRegisterAnew() {
        ProviderRecord legacy = new ProviderRecord(ProviderId.of("prov-legacy"), "", "old", 4, 8192, List.of(), "local",
                org.gridmint.core.money.Credits.parse("0.1"), 1, true, null, net.clock.instant(), net.clock.instant(), false, null);
        net.coordinator.store().inTransaction(tx -> {
            tx.upsertProvider(legacy);
            return null;
        });

        assertThatThrownBy(() -> net.coordinator.providers().register(TestNetwork.OWNER, registration("prov-legacy")))
                .isInstanceOf(CoordinatorException.Forbidden.class).hasMessageContaining("register a new provider");
        assertForbidden(() -> net.coordinator.work().claim(TestNetwork.OWNER, "prov-legacy", new ClaimRequest(1, 0)), ProblemTypes.NOT_OWNER);
    }
}

package org.gridmint.coordinator.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.gridmint.api.Assignment;
import org.gridmint.api.FailRequest;
import org.gridmint.api.ProviderView;
import org.gridmint.coordinator.InProcessNetworkTest;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.core.spec.JobSpecDraft;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Three failures of a provider's own in a row bench it for a minute, then two, …; a success or the job's own fault does not. */
class AutoQuarantineTest extends InProcessNetworkTest {
    String job;
    String p;

    @BeforeEach
    void start() {
        // Many retries, so that the job outlives the failures under test.
        var spec = new JobSpecDraft("flaky-machine", "exec", List.of("true"), 4, null, null, null, null, null, null, 20, null, null, null).withVerify(JobSpecDraft.VerifyDraft.ofPolicy("none"));
        job = net.submit("acct-alice", spec).id();
        p = net.provider("rig", "0.1", 1);
    }

    private ProviderView view() {
        return net.coordinator.providers().list().providers().getFirst();
    }

    private void failOnce(String reason) {
        Assignment a = net.claim(p, 1).getFirst();
        net.coordinator.work().fail(TestNetwork.OWNER, a.attemptId(), new FailRequest(p, reason, "broken", null, null, null, 10));
    }

    @Test
    void threeFailuresOfItsOwn_benchItForAMinute_thenItWorksAgain() {
        for (int i = 0; i < 3; i++) failOnce("RUNTIME_ERROR");

        assertThat(view().health()).isEqualTo("QUARANTINED");
        assertThat(view().quarantined()).isTrue();
        assertThat(view().quarantineReason()).startsWith("automatic: 3 failures of its own in a row; back at");
        assertThat(net.claim(p, 1)).as("benched: no new work").isEmpty();
        assertThat(net.coordinator.jobs().get("acct-alice", job).waiting()).startsWith("providers fit, but none is healthy now");

        net.clock.advance(Duration.ofMinutes(1));

        assertThat(net.claim(p, 1)).hasSize(1);
        assertThat(view().health()).isEqualTo("HEALTHY");
    }

    @Test
    void aSecondQuarantine_lastsTwiceAsLong() {
        for (int i = 0; i < 3; i++) failOnce("RUNTIME_ERROR");
        net.clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) failOnce("RUNTIME_ERROR");

        net.clock.advance(Duration.ofMinutes(1));
        assertThat(net.claim(p, 1)).as("one minute is not enough the second time").isEmpty();
        net.clock.advance(Duration.ofMinutes(1));
        assertThat(net.claim(p, 1)).hasSize(1);
    }

    @Test
    void aSuccessBetweenFailures_resetsTheRun() {
        failOnce("RUNTIME_ERROR");
        failOnce("RUNTIME_ERROR");
        net.complete(p, net.claim(p, 1).getFirst());
        failOnce("RUNTIME_ERROR");
        failOnce("RUNTIME_ERROR");

        assertThat(view().health()).isEqualTo("HEALTHY");
    }

    @Test
    void oneSilence_losingSeveralAttempts_isOneFailure() {
        String big = net.provider("big", "0.05", 3);
        assertThat(net.claim(big, 3)).hasSize(3);

        net.clock.advance(net.config.lease().plusMillis(1));
        assertThat(net.coordinator.leaseLoop().runOnce(net.clock.instant())).isEqualTo(3);
        net.claim(big, 1); // it comes back, and is seen again

        var bigView = net.coordinator.providers().list().providers().stream().filter(v -> v.id().equals(big)).findFirst().orElseThrow();
        assertThat(bigView.quarantined()).as("three attempts lost at once are one failure, not three").isFalse();
    }

    @Test
    void theJobsOwnFailures_doNotCount() {
        for (int i = 0; i < 3; i++) failOnce("EXIT_NONZERO");

        assertThat(view().health()).isEqualTo("HEALTHY");
        assertThat(view().quarantined()).isFalse();
    }
}

package org.gridmint.coordinator.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.gridmint.api.Assignment;
import org.gridmint.api.ClaimRequest;
import org.gridmint.api.HeartbeatRequest;
import org.gridmint.coordinator.InProcessNetworkTest;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.spec.JobSpecDraft;
import org.junit.jupiter.api.Test;

/** A speculative backup of a verified task is a replica: it never runs where a replica may not. */
class ReplicaBackupTest extends InProcessNetworkTest {
    private static final String CLIENT = "acct-alice";

    private void beat(String provider, List<Assignment> live) {
        for (Assignment a : live)
            net.coordinator.work().heartbeat(TestNetwork.OWNER, a.attemptId(), new HeartbeatRequest(provider, null));
    }

    @Test
    void backupOfAVerifiedStraggler_skipsProvidersOfTheSameOwner_andGoesToAnotherOwner() {
        String job = net.submit(CLIENT, TestNetwork.spec(4).withVerify(new JobSpecDraft.VerifyDraft(null, 2, 2, null, null))).id();
        String slow = net.provider("slow", "0.1", 1);
        List<Assignment> onSlow = net.claim(slow, 1);
        String fast = net.provider("fast", "0.2", 4);
        List<Assignment> onFast = net.claim(fast, 4);
        for (int i = 0; i < 5; i++) {
            net.clock.advance(Duration.ofSeconds(2));
            beat(fast, onFast);
            beat(slow, onSlow);
        }
        for (Assignment a : onFast) net.complete(fast, a);
        for (int i = 0; i < 5; i++) {
            net.clock.advance(Duration.ofSeconds(2));
            beat(slow, onSlow);
        }

        // prov-fast shares prov-slow's owner: it may neither check the tasks it ran nor back up the straggler.
        assertThat(net.claim(fast, 4)).isEmpty();

        AccountId otherOwner = AccountId.of("acct-other");
        String other = net.provider(otherOwner, "other", "0.2", 8);
        List<Assignment> got;
        try {
            got = net.coordinator.work().claim(otherOwner, other, new ClaimRequest(8, 0));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        assertThat(got).anyMatch(a -> a.taskIndex() == onSlow.getFirst().taskIndex() && a.attemptNumber() == 2);
        assertThat(got).hasSize(4);
        assertThat(net.coordinator.jobs().get(CLIENT, job).state()).isEqualTo("RUNNING");
    }
}

package org.gridmint.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gridmint.api.Assignment;
import org.gridmint.api.CompleteRequest;
import org.gridmint.api.FailRequest;
import org.gridmint.api.HeartbeatRequest;
import org.gridmint.api.JobView;
import org.junit.jupiter.api.Test;

class WorkServiceTest extends InProcessNetworkTest {
    private JobView job(String id) {
        return net.coordinator.jobs().get("acct-alice", id);
    }

    @Test
    void claim_assignsPendingTasksUpToFreeSlots_andStartsTheJob() {
        String job = net.submit("acct-alice", TestNetwork.spec(5)).id();
        String p = net.provider("p1", "0.2", 2);

        List<Assignment> got = net.claim(p, 10);

        assertThat(got).hasSize(2).extracting(Assignment::taskIndex).containsExactly(0, 1);
        assertThat(got.getFirst().command()).containsExactly("true");
        assertThat(job(job).state()).isEqualTo("RUNNING");
        assertThat(net.claim(p, 10)).as("no free slot left").isEmpty();
    }

    @Test
    void complete_everyTask_succeedsTheJob_withOutputsAndAttempts() {
        String job = net.submit("acct-alice", TestNetwork.spec(3)).id();
        String p = net.provider("p1", "0.2", 3);
        for (Assignment a : net.claim(p, 3)) net.complete(p, a);

        JobView v = job(job);
        assertThat(v.state()).isEqualTo("SUCCEEDED");
        assertThat(v.finishedAt()).isNotNull();
        assertThat(v.tasks()).allSatisfy(t -> {
            assertThat(t.state()).isEqualTo("SUCCEEDED");
            assertThat(t.attempts()).singleElement().satisfies(a -> assertThat(a.providerId()).isEqualTo(p));
            assertThat(t.outputs()).extracting(o -> o.name()).containsExactly("out/result.txt");
        });
    }

    @Test
    void leaseExpiry_requeuesLostTask_toAnotherProvider_notTheOneThatLostIt() {
        String job = net.submit("acct-alice", TestNetwork.spec(1)).id();
        String flaky = net.provider("flaky", "0.1", 1);
        Assignment first = net.claim(flaky, 1).getFirst();
        String steady = net.provider("steady", "0.3", 1);

        net.clock.advance(net.config.lease().plusMillis(1));
        // steady re-registers (as a restarted agent would), so it is seen now and healthy.
        net.coordinator.providers().register(TestNetwork.OWNER, new org.gridmint.api.RegisterProviderRequest(steady, "steady", 4, 8192, List.of(), "local",
                new java.math.BigDecimal("0.3"), 1, true, "test"));
        assertThat(net.coordinator.leaseLoop().runOnce(net.clock.instant())).isEqualTo(1);

        var lost = job(job).tasks().getFirst();
        assertThat(lost.state()).isEqualTo("PENDING");
        assertThat(lost.attempts().getFirst().state()).isEqualTo("LOST");
        assertThat(lost.attempts().getFirst().reason()).isEqualTo("PROVIDER_LOST");
        // The provider that lost the task re-registers, but another live provider fits, so it gets nothing.
        net.coordinator.providers().register(TestNetwork.OWNER, new org.gridmint.api.RegisterProviderRequest(flaky, "flaky", 4, 8192, List.of(), "local",
                new java.math.BigDecimal("0.1"), 1, true, "test"));
        assertThat(net.claim(flaky, 1)).isEmpty();
        Assignment second = net.claim(steady, 1).getFirst();
        assertThat(second.taskIndex()).isEqualTo(first.taskIndex());
        assertThat(second.attemptNumber()).isEqualTo(2);
        net.complete(steady, second);
        assertThat(job(job).state()).isEqualTo("SUCCEEDED");
    }

    @Test
    void leaseExpiry_withinThreeHeartbeatIntervals() {
        net.submit("acct-alice", TestNetwork.spec(1));
        String p = net.provider("p", "0.1", 1);
        net.claim(p, 1);
        net.clock.advance(net.config.heartbeatInterval().multipliedBy(2));
        assertThat(net.coordinator.leaseLoop().runOnce(net.clock.instant())).as("still within the lease").isZero();
        net.clock.advance(net.config.heartbeatInterval());
        assertThat(net.coordinator.leaseLoop().runOnce(net.clock.instant())).as("three intervals without a heartbeat").isEqualTo(1);
    }

    @Test
    void heartbeat_extendsTheLease_andMarksTheAttemptRunning() {
        net.submit("acct-alice", TestNetwork.spec(1));
        String p = net.provider("p", "0.1", 1);
        Assignment a = net.claim(p, 1).getFirst();
        for (int i = 0; i < 5; i++) {
            net.clock.advance(net.config.heartbeatInterval());
            var r = net.coordinator.work().heartbeat(TestNetwork.OWNER, a.attemptId(), new HeartbeatRequest(p, "step " + i));
            assertThat(r.attemptState()).isEqualTo("RUNNING");
            assertThat(r.cancel()).isFalse();
            assertThat(net.coordinator.leaseLoop().runOnce(net.clock.instant())).isZero();
        }
    }

    @Test
    void retriesExhausted_failsTaskAndJob_withTheReasons() {
        var spec = new org.gridmint.core.spec.JobSpecDraft("j", null, List.of("false"), 2, null, null, null, null, null, null, 1, null, null, null).withVerify(org.gridmint.core.spec.JobSpecDraft.VerifyDraft.ofPolicy("none"));
        String job = net.submit("acct-alice", spec).id();
        String p1 = net.provider("p1", "0.1", 2);
        for (int round = 0; round < 2; round++) {
            for (Assignment a : net.claim(p1, 2)) {
                if (a.taskIndex() == 0) net.coordinator.work().fail(TestNetwork.OWNER, a.attemptId(), new FailRequest(p1, "EXIT_NONZERO", "exit 1", 1, null, null, 3));
                else net.complete(p1, a);
            }
        }
        JobView v = job(job);
        assertThat(v.state()).isEqualTo("FAILED");
        assertThat(v.failureReason()).contains("task 0").contains("EXIT_NONZERO");
        assertThat(v.tasks().getFirst().attempts()).extracting(a -> a.reason()).containsExactly("EXIT_NONZERO", "EXIT_NONZERO");
    }

    @Test
    void handedBackFromAnOlderAgent_isRecordedAsProviderDrained_andDoesNotCountAgainstRetries() {
        var spec = new org.gridmint.core.spec.JobSpecDraft("j", null, List.of("true"), 1, null, null, null, null, null, null, 0, null, null, null).withVerify(org.gridmint.core.spec.JobSpecDraft.VerifyDraft.ofPolicy("none"));
        String job = net.submit("acct-alice", spec).id();
        String p = net.provider("p", "0.1", 1);
        Assignment a = net.claim(p, 1).getFirst();
        net.coordinator.work().fail(TestNetwork.OWNER, a.attemptId(), new FailRequest(p, "HANDED_BACK", "draining", null, null, null, 1));
        assertThat(job(job).tasks().getFirst().state()).isEqualTo("PENDING");
        assertThat(job(job).tasks().getFirst().attempts().getFirst().reason()).isEqualTo("PROVIDER_DRAINED");
        net.complete(p, net.claim(p, 1).getFirst());
        assertThat(job(job).state()).isEqualTo("SUCCEEDED");
    }

    @Test
    void heartbeatOrComplete_byAnotherProvider_isConflict() {
        net.submit("acct-alice", TestNetwork.spec(1));
        // The holder is the cheaper one, so the market gives it the task.
        String holder = net.provider("holder", "0.1", 1);
        String other = net.provider("other", "0.2", 1);
        Assignment a = net.claim(holder, 1).getFirst();
        assertThatThrownBy(() -> net.coordinator.work().heartbeat(TestNetwork.OWNER, a.attemptId(), new HeartbeatRequest(other, null)))
                .isInstanceOf(CoordinatorException.Conflict.class).hasMessageContaining("not held by");
        assertThatThrownBy(() -> net.coordinator.work().complete(TestNetwork.OWNER, a.attemptId(), new CompleteRequest(other, 0, List.of(), null, null, 1)))
                .isInstanceOf(CoordinatorException.Conflict.class);
    }

    @Test
    void completeAfterLeaseLost_isConflictWithState_andChangesNothing() {
        String job = net.submit("acct-alice", TestNetwork.spec(1)).id();
        String p = net.provider("p", "0.1", 1);
        Assignment a = net.claim(p, 1).getFirst();
        net.clock.advance(net.config.lease());
        net.coordinator.leaseLoop().runOnce(net.clock.instant());
        assertThatThrownBy(() -> net.complete(p, a))
                .isInstanceOfSatisfying(CoordinatorException.Conflict.class, c -> assertThat(c.state()).isEqualTo("LOST"));
        assertThat(job(job).tasks().getFirst().state()).isEqualTo("PENDING");
    }

    @Test
    void complete_repeated_isAnsweredAgain_withoutChange() {
        String job = net.submit("acct-alice", TestNetwork.spec(1)).id();
        String p = net.provider("p", "0.1", 1);
        Assignment a = net.claim(p, 1).getFirst();
        net.complete(p, a);
        net.complete(p, a);
        assertThat(job(job).tasks().getFirst().attempts()).hasSize(1);
        assertThat(job(job).tasks().getFirst().outputs()).hasSize(1);
    }

    @Test
    void cancel_tellsHeartbeatsToStop_andCancelsPendingTasks() {
        String job = net.submit("acct-alice", TestNetwork.spec(3)).id();
        String p = net.provider("p", "0.1", 1);
        Assignment a = net.claim(p, 1).getFirst();
        JobView v = net.coordinator.jobs().cancel("acct-alice", job);
        assertThat(v.state()).isEqualTo("CANCELLED");
        assertThat(v.tasks()).extracting(t -> t.state()).containsOnly("CANCELLED");
        assertThat(net.coordinator.work().heartbeat(TestNetwork.OWNER, a.attemptId(), new HeartbeatRequest(p, null)).cancel()).isTrue();
        assertThatThrownBy(() -> net.coordinator.jobs().cancel("acct-alice", job))
                .isInstanceOfSatisfying(CoordinatorException.Conflict.class, c -> assertThat(c.state()).isEqualTo("CANCELLED"));
        assertThat(net.claim(p, 1)).isEmpty();
    }

    @Test
    void jobsOfAnotherAccount_areNotFound() {
        String job = net.submit("acct-alice", TestNetwork.spec(1)).id();
        assertThatThrownBy(() -> net.coordinator.jobs().get("acct-mallory", job)).isInstanceOf(CoordinatorException.NotFound.class);
        assertThat(net.coordinator.jobs().list("acct-mallory", 10).jobs()).isEmpty();
    }

    @Test
    void resultsOfUnfinishedTask_areConflictNamingItsState() {
        String job = net.submit("acct-alice", TestNetwork.spec(1)).id();
        assertThatThrownBy(() -> net.coordinator.jobs().taskResults("acct-alice", job, 0))
                .isInstanceOfSatisfying(CoordinatorException.Conflict.class, c -> assertThat(c.state()).isEqualTo("PENDING"));
    }

    @Test
    void racingClaims_neverAssignATaskTwice() throws Exception {
        String job = net.submit("acct-alice", TestNetwork.spec(200)).id();
        List<String> providers = new ArrayList<>();
        for (int i = 0; i < 8; i++) providers.add(net.provider("p" + i, "0.1", 4));
        List<String> assigned = Collections.synchronizedList(new ArrayList<>());
        var start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> fs = new ArrayList<>();
            for (String p : providers) {
                fs.add(pool.submit(() -> {
                    start.await();
                    while (true) {
                        var got = net.claim(p, 4);
                        // An empty claim is not the end: the market may have planned the rest for other providers,
                        // which are claiming too (as live agents keep polling). Stop when the job is done.
                        if (got.isEmpty()) {
                            if (job(job).state().equals("SUCCEEDED")) return null;
                            Thread.yield();
                            continue;
                        }
                        for (Assignment a : got) {
                            assigned.add(a.jobId() + "/" + a.taskIndex());
                            net.complete(p, a);
                        }
                    }
                }));
            }
            start.countDown();
            for (Future<?> f : fs) f.get();
        }
        assertThat(assigned).hasSize(200);
        assertThat(new HashSet<>(assigned)).hasSize(200);
        assertThat(job(job).state()).isEqualTo("SUCCEEDED");
    }

    @Test
    void submittedJobs_surviveARestartOnTheSameDataDir() {
        String job = net.submit("acct-alice", TestNetwork.spec(4)).id();
        String p = net.provider("p", "0.1", 2);
        var got = net.claim(p, 2);
        net.complete(p, got.get(0));
        net.close();

        net = new TestNetwork(dir);
        JobView v = job(job);
        assertThat(v.taskCounts()).containsEntry("SUCCEEDED", 1).containsEntry("ASSIGNED", 1).containsEntry("PENDING", 2);
        net.complete(p, got.get(1));
        for (Assignment a : net.claim(p, 2)) net.complete(p, a);
        assertThat(job(job).state()).isEqualTo("SUCCEEDED");
    }

    @Test
    void restart_renewsLeasesThatRanOutWhileDown_once() {
        String job = net.submit("acct-alice", TestNetwork.spec(1)).id();
        String p = net.provider("p", "0.1", 1);
        Assignment a = net.claim(p, 1).getFirst();
        net.clock.advance(net.config.lease().multipliedBy(4));

        assertThat(net.coordinator.leaseLoop().renewAfterRestart(net.clock.instant(), net.config.lease())).isEqualTo(1);
        assertThat(net.coordinator.leaseLoop().runOnce(net.clock.instant())).as("renewed, so not lost yet").isZero();
        assertThat(net.coordinator.work().heartbeat(TestNetwork.OWNER, a.attemptId(), new HeartbeatRequest(p, null)).attemptState()).isEqualTo("RUNNING");
        net.complete(p, a);
        assertThat(job(job).state()).isEqualTo("SUCCEEDED");
        assertThat(job(job).tasks().getFirst().attempts()).hasSize(1);
    }

    @Test
    void restart_renewal_doesNotSaveAProviderThatStaysGone() {
        String job = net.submit("acct-alice", TestNetwork.spec(1)).id();
        String p = net.provider("p", "0.1", 1);
        net.claim(p, 1);
        net.clock.advance(net.config.lease().multipliedBy(4));
        net.coordinator.leaseLoop().renewAfterRestart(net.clock.instant(), net.config.lease());
        net.clock.advance(net.config.lease());
        assertThat(net.coordinator.leaseLoop().runOnce(net.clock.instant())).isEqualTo(1);
        assertThat(job(job).tasks().getFirst().attempts().getFirst().reason()).isEqualTo("PROVIDER_LOST");
    }

    @Test
    void placement_respectsPriceCap() {
        var spec = new org.gridmint.core.spec.JobSpecDraft("j", null, List.of("true"), 1, null, null, null, null,
                new java.math.BigDecimal("0.10"), null, null, null, null, null).withVerify(org.gridmint.core.spec.JobSpecDraft.VerifyDraft.ofPolicy("none"));
        net.submit("acct-alice", spec);
        String dear = net.provider("dear", "0.50", 1);
        String cheap = net.provider("cheap", "0.05", 1);
        assertThat(net.claim(dear, 1)).isEmpty();
        assertThat(net.claim(cheap, 1)).hasSize(1);
    }

}

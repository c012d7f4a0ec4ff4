package org.gridmint.coordinator.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.gridmint.api.JobBill;
import org.gridmint.api.JobView;
import org.gridmint.api.VerdictView;
import org.gridmint.coordinator.InProcessNetworkTest;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.coordinator.store.TaskResult;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.spec.JobSpecDraft;
import org.gridmint.core.verify.Trust;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replicated verification end to end on one coordinator: quorums, tie-breakers, slashes, colluders, float noise, no quorum. */
class ReplicaVerdictTest extends InProcessNetworkTest {
    private static final String CLIENT = "acct-client";
    private Workers workers;

    @BeforeEach
    void workers() {
        workers = new Workers(net);
    }

    static JobSpecDraft replicas(int tasks, int k, int m) {
        return TestNetwork.spec(tasks).withVerify(new JobSpecDraft.VerifyDraft(null, k, m, null, null));
    }

    private String submit(JobSpecDraft spec) {
        return net.submit(CLIENT, spec).id();
    }

    private JobBill bill(String job) {
        return net.coordinator.ledger().bill(AccountId.of(CLIENT), job);
    }

    @Test
    void twoAgreeingReplicas_acceptOnce_clientPaysOneResult_networkPaysTheReplicaAtCost() {
        String a = workers.add("a", Workers.HONEST);
        String b = workers.add("b", Workers.HONEST);
        String job = submit(replicas(1, 2, 2));

        JobView done = workers.runUntilDone(CLIENT, job);

        assertThat(done.state()).isEqualTo("SUCCEEDED");
        VerdictView v = done.verdicts().getFirst();
        assertThat(done.verdicts()).hasSize(1);
        assertThat(v.outcome()).isEqualTo("ACCEPTED");
        assertThat(v.results()).extracting(VerdictView.ResultView::providerId).containsExactlyInAnyOrder(a, b);
        assertThat(v.results()).allMatch(r -> r.agrees() && !r.rejected());
        JobBill bill = bill(job);
        List<JobBill.AttemptBill> lines = bill.tasks().getFirst().attempts();
        assertThat(lines).filteredOn(JobBill.AttemptBill::billed).hasSize(1);
        JobBill.AttemptBill replica = lines.stream().filter(l -> !l.billed()).findFirst().orElseThrow();
        assertThat(replica.verification()).isEqualTo("REPLICA");
        assertThat(replica.why()).contains("replica, paid at cost by the network");
        assertThat(replica.paidByNetwork()).isPositive();
        assertThat(bill.verificationCostByNetwork()).isEqualByComparingTo(replica.paidByNetwork());
        assertThat(bill.charged()).isEqualByComparingTo(lines.stream().filter(JobBill.AttemptBill::billed).findFirst().orElseThrow().gross());
        assertThat(done.verification().replicasRun()).isEqualTo(1);
        assertThat(done.verification().resultsChecked()).isEqualTo(2);
        assertThat(done.verification().cheatersCaught()).isZero();
        assertThat(workers.trust(a).consecutiveValid()).isEqualTo(1);
        assertThat(workers.trust(b).consecutiveValid()).isEqualTo(1);
        // The wire names that job status and the bill print from (gridmint-cli reads them): stable on purpose.
        String json = org.gridmint.api.json.Json.writeString(done) + org.gridmint.api.json.Json.writeString(bill);
        assertThat(json).contains("\"verdicts\"", "\"acceptedAttemptId\"", "\"agrees\"", "\"rejected\"", "\"evidence\"", "\"slashed\"",
                "\"verification\"", "\"resultsChecked\"", "\"replicasRun\"", "\"cheatersCaught\"", "\"verificationCostByNetwork\"",
                "\"slashCompensation\"", "\"paidByNetwork\"", "\"verdictId\"");
    }

    @Test
    void wrongResult_losesTwoToOneAfterATieBreaker_rejectedUnpaidSlashedQuarantinedAndItsTrustReset() {
        String honest = workers.add("honest", Workers.HONEST);
        String cheat = workers.add("cheat", Workers.CHEAT);
        workers.trust(cheat, new Trust(15, 15, 0)); // trusted until now: one lost verdict undoes all of it
        String checker = workers.addTrusted("checker", Workers.HONEST);
        workers.stake(cheat, "40");
        String job = submit(replicas(1, 2, 2));

        // The checker takes no part until a tie-breaker needs a trusted provider: the first two results disagree.
        workers.run(CLIENT, job, List.of(honest, cheat), 5);
        assertThat(workers.results(job)).hasSize(2).allMatch(r -> r.status() == TaskResult.Status.OPEN);
        JobView done = workers.runUntilDone(CLIENT, job);

        assertThat(done.state()).isEqualTo("SUCCEEDED");
        VerdictView v = done.verdicts().getFirst();
        assertThat(v.results()).hasSize(3);
        VerdictView.ResultView lost = v.results().stream().filter(VerdictView.ResultView::rejected).findFirst().orElseThrow();
        assertThat(lost.providerId()).isEqualTo(cheat);
        assertThat(lost.slashed()).isEqualByComparingTo("20");
        assertThat(lost.evidence()).contains("disagrees");
        assertThat(v.results()).filteredOn(r -> !r.rejected()).extracting(VerdictView.ResultView::providerId).containsExactlyInAnyOrder(honest, checker);
        assertThat(net.coordinator.jobs().taskResults(CLIENT, job, 0).getFirst().sha256())
                .isEqualTo(net.blob("out/result.txt", "result of task 0").sha256());
        JobBill.AttemptBill cheatLine = bill(job).tasks().getFirst().attempts().stream().filter(l -> l.providerId().equals(cheat)).findFirst().orElseThrow();
        assertThat(cheatLine.billed()).isFalse();
        assertThat(cheatLine.state()).isEqualTo("REJECTED");
        assertThat(cheatLine.why()).isEqualTo("rejected by verdict " + v.id() + ": not paid");
        assertThat(bill(job).slashCompensation()).isEqualByComparingTo("10");
        assertThat(workers.trust(cheat).consecutiveValid()).isZero();
        assertThat(workers.trust(cheat).invalidTotal()).isEqualTo(1);
        assertThat(net.coordinator.store().inTransaction(tx -> tx.quarantine(ProviderId.of(cheat))).until()).isAfter(net.clock.instant());
        assertThat(done.verification().cheatersCaught()).isEqualTo(1);
    }

    @Test
    void tieBreakerInAYoungNetwork_goesToTheMostTrustedProvider_notAFreshOne() {
        // Nobody is trusted yet: the tie-breaker takes the most trusted of the others instead of waiting for trust that
        // only checks can build. The provider with an agreeing run gets it; the newcomer, cheaper, does not.
        String honest = workers.add("honest", Workers.HONEST);
        String cheat = workers.add("cheat", Workers.CHEAT);
        String job = submit(replicas(1, 2, 2));
        workers.run(CLIENT, job, List.of(honest, cheat), 5);
        assertThat(workers.results(job)).hasSize(2);

        String newcomer = workers.add("newcomer", AccountId.of("acct-owner-newcomer"), "0.1", Workers.CHEAT);
        String seasoned = workers.add("seasoned", AccountId.of("acct-owner-seasoned"), "0.9", Workers.HONEST);
        workers.trust(seasoned, new Trust(4, 4, 0));
        workers.trust(newcomer, new Trust(1, 1, 0));
        JobView done = workers.runUntilDone(CLIENT, job);

        assertThat(done.state()).isEqualTo("SUCCEEDED");
        assertThat(done.verdicts().getFirst().results()).extracting(VerdictView.ResultView::providerId).containsExactlyInAnyOrder(honest, cheat, seasoned);
        assertThat(done.verdicts().getFirst().results()).filteredOn(VerdictView.ResultView::rejected)
                .extracting(VerdictView.ResultView::providerId).containsExactly(cheat);
        assertThat(workers.results(job)).noneMatch(r -> r.provider().value().equals(newcomer));
    }

    @Test
    void tieBreaker_isNotHeldUpByATrustedProviderThatIsGone_theMostTrustedOfThoseUpTakesIt() {
        String honest = workers.add("honest", Workers.HONEST);
        String cheat = workers.add("cheat", Workers.CHEAT);
        String job = submit(replicas(1, 2, 2));
        workers.run(CLIENT, job, List.of(honest, cheat), 5);
        assertThat(workers.results(job)).hasSize(2);

        String gone = workers.addTrusted("gone", Workers.HONEST);
        String seasoned = workers.add("seasoned", AccountId.of("acct-owner-seasoned"), "0.9", Workers.HONEST);
        workers.trust(seasoned, new Trust(4, 4, 0));
        // The trusted provider falls silent for good: ten heartbeat intervals make it LOST.
        net.clock.advance(net.config.heartbeatInterval().multipliedBy(10));
        JobView done = workers.run(CLIENT, job, List.of(honest, cheat, seasoned), 10);

        assertThat(done.state()).isEqualTo("SUCCEEDED");
        assertThat(done.verdicts().getFirst().results()).extracting(VerdictView.ResultView::providerId)
                .containsExactlyInAnyOrder(honest, cheat, seasoned).doesNotContain(gone);
    }

    @Test
    void replicaOfACheckpointingTask_startsFromScratch_notFromTheCheckedProvidersCheckpoint() throws Exception {
        String first = workers.add("first", Workers.HONEST);
        String second = workers.add("second", Workers.HONEST);
        String job = submit(new JobSpecDraft("ckpt-job", "exec", List.of("true"), 1, null, null, null, null, null, null, 2, null, null,
                new JobSpecDraft.CheckpointDraft("30s")).withVerify(new JobSpecDraft.VerifyDraft(null, 2, 2, null, null)));
        var claimed = new java.util.ArrayList<org.gridmint.api.Assignment>();
        for (String p : List.of(first, second)) {
            try {
                claimed.addAll(net.coordinator.work().claim(workers.owner(p), p, new org.gridmint.api.ClaimRequest(1, 0)));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        var a = claimed.getFirst();
        String ran = net.coordinator.store().inTransaction(tx -> tx.attempt(org.gridmint.core.ids.AttemptId.of(a.attemptId()))
                .orElseThrow().provider().value());
        String other = ran.equals(first) ? second : first;
        net.coordinator.work().checkpoint(workers.owner(ran), a.attemptId(),
                new org.gridmint.api.CheckpointRequest(ran, net.blob("ckpt.zip", "state chosen by " + ran), 1_000));
        net.coordinator.work().complete(workers.owner(ran), a.attemptId(),
                new org.gridmint.api.CompleteRequest(ran, 0, List.of(net.blob("out/result.txt", "result of task 0")), null, null, 1_000));

        var replica = net.coordinator.work().claim(workers.owner(other), other, new org.gridmint.api.ClaimRequest(1, 0));
        assertThat(replica).singleElement().satisfies(r -> assertThat(r.checkpoint()).as("the replica's resume point").isNull());
    }

    @Test
    void tieBreaker_isNotHeldUpByATrustedProviderThatCannotRunTheJob_theMostTrustedThatCanTakesIt() {
        String honest = workers.add("honest", Workers.HONEST);
        String cheat = workers.add("cheat", Workers.CHEAT);
        String job = submit(new JobSpecDraft("test-job", "exec", List.of("true"), 1, null, null, null, null, null, null, 2, List.of("local"), null,
                null).withVerify(new JobSpecDraft.VerifyDraft(null, 2, 2, null, null)));
        workers.run(CLIENT, job, List.of(honest, cheat), 5);
        assertThat(workers.results(job)).hasSize(2);

        // Trusted and up, but in a region the job does not allow: it can never take the tie-breaker.
        String far = workers.addTrustedIn("far", "far-away", Workers.HONEST);
        String seasoned = workers.add("seasoned", AccountId.of("acct-owner-seasoned"), "0.9", Workers.HONEST);
        workers.trust(seasoned, new Trust(4, 4, 0));
        JobView done = workers.run(CLIENT, job, List.of(honest, cheat, far, seasoned), 10);

        assertThat(done.state()).isEqualTo("SUCCEEDED");
        assertThat(done.verdicts().getFirst().results()).extracting(VerdictView.ResultView::providerId)
                .containsExactlyInAnyOrder(honest, cheat, seasoned);
    }

    @Test
    void collidersUnderOneOwner_neverVerifyEachOther() {
        AccountId ring = AccountId.of("acct-ring");
        String x1 = workers.add("x1", ring, "0.1", Workers.CHEAT);
        String x2 = workers.add("x2", ring, "0.1", Workers.CHEAT);
        String job = submit(replicas(1, 2, 2));

        workers.run(CLIENT, job, List.of(x1, x2), 5);

        // One of the ring ran the task; the other, under the same owner, may not check it: the task waits for a replica.
        assertThat(workers.results(job)).hasSize(1);
        JobView waiting = net.coordinator.jobs().get(CLIENT, job);
        assertThat(waiting.state()).isEqualTo("RUNNING");
        assertThat(waiting.waiting()).startsWith("task 0 waits for a replica");

        String honest = workers.add("honest", Workers.HONEST);
        workers.addTrusted("checker", Workers.HONEST);
        JobView done = workers.runUntilDone(CLIENT, job);

        assertThat(done.state()).isEqualTo("SUCCEEDED");
        for (VerdictView v : done.verdicts())
            assertThat(v.results().stream().filter(r -> r.owner().equals(ring.value())).count()).as("ring results in " + v.id()).isEqualTo(1);
        assertThat(done.verdicts().getFirst().results()).filteredOn(r -> r.owner().equals(ring.value())).allMatch(VerdictView.ResultView::rejected);
        assertThat(done.verdicts().getFirst().acceptedAttemptId()).isIn(done.tasks().getFirst().attempts().stream()
                .filter(at -> at.providerId().equals(honest)).map(at -> at.id()).toList());
    }

    @Test
    void floatNoiseWithinTheTolerance_agrees_andNobodyIsSlashed() {
        String a = workers.add("a", (p, i) -> "[1.0, 2.0, " + (3.0 + i) + "]");
        String b = workers.add("b", (p, i) -> "[1.0000000001, 1.9999999999, " + (3.0 + i) + "]");
        workers.stake(a, "10");
        workers.stake(b, "10");
        var spec = TestNetwork.spec(2).withVerify(new JobSpecDraft.VerifyDraft(null, 2, 2, null,
                new JobSpecDraft.CompareDraft("json", null, new BigDecimal("1e-6"), null)));
        String job = submit(spec);

        JobView done = workers.runUntilDone(CLIENT, job);

        assertThat(done.state()).isEqualTo("SUCCEEDED");
        assertThat(done.verdicts()).hasSize(2).allMatch(v -> v.outcome().equals("ACCEPTED"));
        assertThat(done.verdicts()).flatExtracting(VerdictView::results).allMatch(r -> r.agrees() && r.slashed().signum() == 0);
        assertThat(done.verdicts().getFirst().policy()).contains("json within relative");
        assertThat(done.verification().cheatersCaught()).isZero();
        assertThat(net.coordinator.stakes().view(a).staked()).isEqualByComparingTo("10");
        assertThat(net.coordinator.stakes().view(b).staked()).isEqualByComparingTo("10");
    }

    @Test
    void noQuorumAfterTieBreakers_failsTheTask_withoutSlashingAnyone() {
        String a = workers.add("a", (p, i) -> "answer a");
        String b = workers.add("b", (p, i) -> "answer b");
        workers.addTrusted("t1", (p, i) -> "answer t1");
        workers.addTrusted("t2", (p, i) -> "answer t2");
        workers.stake(a, "10");
        workers.stake(b, "10");
        String job = submit(replicas(1, 2, 2));

        JobView done = workers.runUntilDone(CLIENT, job);

        assertThat(done.state()).isEqualTo("FAILED");
        assertThat(done.tasks().getFirst().lastReason()).isEqualTo("NO_QUORUM");
        assertThat(done.verdicts()).hasSize(1);
        VerdictView v = done.verdicts().getFirst();
        assertThat(v.outcome()).isEqualTo("NO_QUORUM");
        assertThat(v.results()).hasSize(4).noneMatch(VerdictView.ResultView::rejected).allMatch(r -> r.slashed().signum() == 0);
        assertThat(net.coordinator.stakes().view(a).staked()).isEqualByComparingTo("10");
        assertThat(bill(done.id()).charged()).isEqualByComparingTo("0");
        String taskState = net.coordinator.store().inTransaction(tx -> tx.task(new TaskId(JobId.of(job), 0)).orElseThrow().state().name());
        assertThat(taskState).isEqualTo("FAILED");
    }

    @Test
    void ledgerVerify_findsARejectedResultPaidAsAReplica() {
        workers.add("honest", Workers.HONEST);
        String cheat = workers.add("cheat", Workers.CHEAT);
        workers.addTrusted("checker", Workers.HONEST);
        String job = submit(replicas(1, 2, 2));
        workers.runUntilDone(CLIENT, job);
        assertThat(org.gridmint.coordinator.ledger.LedgerVerifier.verify(net.coordinator.store()).ok()).isTrue();
        TaskResult lost = workers.results(job).stream().filter(r -> r.provider().value().equals(cheat)).findFirst().orElseThrow();

        // A bug that paid the losing result as if it were a replica: the audit must name it.
        net.coordinator.store().inTransaction(tx -> org.gridmint.coordinator.stake.Stakes.payAtCost(tx, lost.task(), lost.attempt(),
                workers.owner(cheat), org.gridmint.core.money.Credits.parse("0.01"), net.clock.instant()));

        var result = org.gridmint.coordinator.ledger.LedgerVerifier.verify(net.coordinator.store());
        assertThat(result.ok()).isFalse();
        assertThat(result.breaks()).anyMatch(b -> b.toString().contains(lost.attempt().value()) && b.toString().contains("REJECTED"));
        net.skipLedgerAudit();
    }
}

package org.gridmint.coordinator.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.gridmint.api.Assignment;
import org.gridmint.api.AttemptView;
import org.gridmint.api.FailRequest;
import org.gridmint.api.HeartbeatRequest;
import org.gridmint.api.JobBill;
import org.gridmint.api.TaskView;
import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.coordinator.InProcessNetworkTest;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.spec.JobSpecDraft;
import org.junit.jupiter.api.Test;

/**
 * Backups of stragglers through the claim path: a job of four tasks where prov-slow holds task 0 and prov-fast ran the
 * other three in 9 s each; task 0 then runs on past twice that median, and prov-fast's next claim races it.
 */
class SpeculationClaimTest extends InProcessNetworkTest {
    private static final String CLIENT = "acct-alice";
    private static final Duration STEP = Duration.ofSeconds(2);

    String job;
    String slow;
    String fast;
    Assignment straggler;
    /** prov-slow's ask: cheaper than prov-fast's unless a test needs the market to prefer prov-fast for pending work. */
    String slowAsk = "0.1";

    private static JobSpecDraft spec(int tasks, JobSpecDraft.SpeculationDraft speculation) {
        return new JobSpecDraft("straggly", "exec", List.of("true"), tasks, null, null, null, null, null, null, 2, null, null, null, speculation).withVerify(JobSpecDraft.VerifyDraft.ofPolicy("none"));
    }

    private static JobSpecDraft checkpointing(int tasks) {
        return new JobSpecDraft("straggly", "exec", List.of("true"), tasks, null, null, null, null, null, null, 2, null, null,
                new JobSpecDraft.CheckpointDraft("5s"), null).withVerify(JobSpecDraft.VerifyDraft.ofPolicy("none"));
    }

    /**
     * Up to the moment a backup is due: prov-slow takes {@code slowTakes} tasks, prov-fast the rest and finishes them 8 s
     * after their first heartbeat (the job's median), then prov-slow runs on for {@code extraSteps} more steps of 2 s;
     * five steps put the straggler 18 s in, past twice the median.
     */
    private void stragglerOnSlow(JobSpecDraft spec, int slowSlots, int slowTakes, int extraSteps) {
        job = net.submit(CLIENT, spec).id();
        slow = net.provider("slow", slowAsk, slowSlots);
        List<Assignment> onSlow = net.claim(slow, slowTakes);
        straggler = onSlow.getFirst();
        fast = net.provider("fast", "0.2", 4);
        List<Assignment> onFast = net.claim(fast, 4);
        for (int i = 0; i < 5; i++) {
            step(fast, onFast);
            beat(slow, onSlow);
        }
        for (Assignment a : onFast) net.complete(fast, a);
        for (int i = 0; i < extraSteps; i++) step(slow, onSlow);
    }

    private void stragglerOnSlow(JobSpecDraft spec, int slowSlots) {
        stragglerOnSlow(spec, slowSlots, slowSlots, 5);
    }

    private void stragglerOnSlow() {
        stragglerOnSlow(spec(4, null), 1);
    }

    /** Two seconds on, with a heartbeat for each of {@code live} from {@code provider}, so their leases hold and it stays healthy. */
    private void step(String provider, List<Assignment> live) {
        net.clock.advance(STEP);
        beat(provider, live);
    }

    private void beat(String provider, List<Assignment> live) {
        for (Assignment a : live) heartbeat(provider, a);
    }

    private org.gridmint.api.HeartbeatResponse heartbeat(String provider, Assignment a) {
        return net.coordinator.work().heartbeat(TestNetwork.OWNER, a.attemptId(), new HeartbeatRequest(provider, null));
    }

    private TaskView task(int index) {
        return net.coordinator.jobs().get(CLIENT, job).tasks().get(index);
    }

    private String jobState() {
        return net.coordinator.jobs().get(CLIENT, job).state();
    }

    private JobBill bill() {
        return net.coordinator.ledger().bill(AccountId.of(CLIENT), job);
    }

    @Test
    void claim_whenATaskRunsPastTwiceTheMedian_startsABackupOnTheClaimer() {
        stragglerOnSlow();

        Assignment backup = net.claim(fast, 4).getFirst();

        assertThat(backup.taskIndex()).isEqualTo(straggler.taskIndex());
        assertThat(backup.attemptNumber()).isEqualTo(2);
        assertThat(task(0).state()).isEqualTo("RUNNING");
        assertThat(task(0).attempts()).extracting(AttemptView::providerId, AttemptView::state, AttemptView::backupOf)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(slow, "RUNNING", null),
                        org.assertj.core.groups.Tuple.tuple(fast, "ASSIGNED", straggler.attemptId()));
    }

    @Test
    void claim_beforeTwiceTheMedian_startsNoBackup() {
        // 12 s into an 8 s median: slow, but not yet twice as slow.
        stragglerOnSlow(spec(4, null), 1, 1, 2);

        assertThat(net.claim(fast, 4)).isEmpty();
    }

    @Test
    void backupWins_theOriginalIsSupersededUnpaidAndToldToStop() {
        stragglerOnSlow();
        Assignment backup = net.claim(fast, 4).getFirst();
        net.clock.advance(STEP);
        heartbeat(fast, backup);

        net.complete(fast, backup);

        assertThat(jobState()).isEqualTo("SUCCEEDED");
        AttemptView original = task(0).attempts().getFirst();
        assertThat(original.state()).isEqualTo("CANCELLED");
        assertThat(original.reason()).isEqualTo("SUPERSEDED");
        assertThat(heartbeat(slow, straggler).cancel()).isTrue();
        assertThatThrownBy(() -> net.complete(slow, straggler))
                .isInstanceOfSatisfying(CoordinatorException.Conflict.class, c -> assertThat(c.state()).isEqualTo("CANCELLED"));
        JobBill.TaskBill bill = bill().tasks().getFirst();
        assertThat(bill.attempts()).extracting(JobBill.AttemptBill::providerId, JobBill.AttemptBill::billed, JobBill.AttemptBill::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(slow, false, "SUPERSEDED"), org.assertj.core.groups.Tuple.tuple(fast, true, null));
        assertThat(bill().tasks()).allSatisfy(t -> assertThat(t.attempts()).filteredOn(JobBill.AttemptBill::billed).hasSize(1));
    }

    @Test
    void aWinningBackup_isPaidAtTheAskAgreedWhenItWasHandedOut_notAtOneRaisedMeanwhile() {
        stragglerOnSlow();
        Assignment backup = net.claim(fast, 4).getFirst();
        net.coordinator.providers().changeAsks(TestNetwork.OWNER, fast, new org.gridmint.api.AsksRequest(java.util.Map.of("cpu", new BigDecimal("0.9"))));
        net.clock.advance(STEP);
        heartbeat(fast, backup);

        net.complete(fast, backup);

        JobBill.AttemptBill paid = bill().tasks().getFirst().attempts().stream().filter(JobBill.AttemptBill::billed).findFirst().orElseThrow();
        assertThat(paid.providerId()).isEqualTo(fast);
        assertThat(paid.price()).isEqualByComparingTo("0.2");
    }

    @Test
    void originalWins_theBackupIsSupersededUnpaidAndToldToStop() {
        stragglerOnSlow();
        Assignment backup = net.claim(fast, 4).getFirst();
        net.clock.advance(STEP);
        heartbeat(fast, backup);

        net.complete(slow, straggler);

        assertThat(jobState()).isEqualTo("SUCCEEDED");
        assertThat(task(0).attempts().get(1).reason()).isEqualTo("SUPERSEDED");
        assertThat(heartbeat(fast, backup).cancel()).isTrue();
        assertThatThrownBy(() -> net.complete(fast, backup)).isInstanceOf(CoordinatorException.Conflict.class);
        assertThat(bill().tasks().getFirst().attempts()).extracting(JobBill.AttemptBill::providerId, JobBill.AttemptBill::billed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(slow, true), org.assertj.core.groups.Tuple.tuple(fast, false));
    }

    @Test
    void oneOfTwoFails_theTaskRunsOnWithTheOtherAndIsNotRequeued() {
        stragglerOnSlow();
        Assignment backup = net.claim(fast, 4).getFirst();

        net.coordinator.work().fail(TestNetwork.OWNER, backup.attemptId(), new FailRequest(fast, "UPLOAD_FAILED", "disk full", null, null, null, 0));

        assertThat(task(0).state()).isEqualTo("RUNNING");
        assertThat(task(0).failures()).isEqualTo(1);
        // Nothing requeued: what the claim gets is a second backup of the straggler, which still runs.
        assertThat(net.claim(fast, 4)).singleElement().satisfies(a -> {
            assertThat(a.taskIndex()).isEqualTo(straggler.taskIndex());
            assertThat(a.attemptNumber()).isEqualTo(3);
        });
        net.complete(slow, straggler);
        assertThat(jobState()).isEqualTo("SUCCEEDED");
        assertThat(task(0).attempts()).extracting(AttemptView::state).containsExactly("SUCCEEDED", "FAILED", "CANCELLED");
    }

    @Test
    void theOriginalLost_theTaskRunsOnWithTheBackup() {
        stragglerOnSlow();
        Assignment backup = net.claim(fast, 4).getFirst();
        for (int i = 0; i < 4; i++) {
            net.clock.advance(STEP);
            heartbeat(fast, backup);
        }

        assertThat(net.coordinator.leaseLoop().runOnce(net.clock.instant())).isEqualTo(1);

        assertThat(task(0).state()).isEqualTo("RUNNING");
        assertThat(task(0).attempts().getFirst().reason()).isEqualTo("PROVIDER_LOST");
        net.complete(fast, backup);
        assertThat(jobState()).isEqualTo("SUCCEEDED");
    }

    @Test
    void theBackupLost_theStragglerGetsAnotherBackupOnTheNextFastClaimer() {
        stragglerOnSlow();
        Assignment first = net.claim(fast, 4).getFirst();
        // prov-fast goes silent with the backup; prov-slow keeps beating for the straggler.
        for (int i = 0; i < 4; i++) step(slow, List.of(straggler));
        assertThat(net.coordinator.leaseLoop().runOnce(net.clock.instant())).isEqualTo(1);
        assertThat(task(0).state()).isEqualTo("RUNNING");

        String fast2 = net.provider("fast2", "0.2", 4);
        Assignment second = net.claim(fast2, 4).getFirst();

        assertThat(second.taskIndex()).isEqualTo(straggler.taskIndex());
        assertThat(second.attemptNumber()).isEqualTo(3);
        assertThat(task(0).attempts()).extracting(AttemptView::providerId, AttemptView::state, AttemptView::backupOf)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(slow, "RUNNING", null),
                        org.assertj.core.groups.Tuple.tuple(fast, "LOST", straggler.attemptId()),
                        org.assertj.core.groups.Tuple.tuple(fast2, "ASSIGNED", straggler.attemptId()));
        heartbeat(fast2, second);
        net.complete(fast2, second);
        assertThat(jobState()).isEqualTo("SUCCEEDED");
        assertThat(task(0).attempts()).extracting(AttemptView::state).containsExactly("CANCELLED", "LOST", "SUCCEEDED");
        assertThat(heartbeat(slow, straggler).cancel()).as("the straggler is told to stop").isTrue();
        assertThat(bill().tasks().getFirst().attempts()).extracting(JobBill.AttemptBill::providerId, JobBill.AttemptBill::billed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(slow, false), org.assertj.core.groups.Tuple.tuple(fast, false),
                        org.assertj.core.groups.Tuple.tuple(fast2, true));
    }

    String fast2;

    /** The straggler's first backup on prov-fast lost by its lease, and a second on prov-fast2, so #1 and #3 live. */
    private Assignment secondBackup() {
        stragglerOnSlow();
        net.claim(fast, 4);
        for (int i = 0; i < 4; i++) step(slow, List.of(straggler));
        assertThat(net.coordinator.leaseLoop().runOnce(net.clock.instant())).isEqualTo(1);
        fast2 = net.provider("fast2", "0.2", 4);
        Assignment second = net.claim(fast2, 4).getFirst();
        assertThat(second.attemptNumber()).isEqualTo(3);
        return second;
    }

    @Test
    void theStragglerLostBesideItsSecondBackup_theTaskRunsOnWithIt() {
        Assignment second = secondBackup();
        for (int i = 0; i < 4; i++) step(fast2, List.of(second));

        assertThat(net.coordinator.leaseLoop().runOnce(net.clock.instant())).isEqualTo(1);

        assertThat(task(0).state()).isEqualTo("RUNNING");
        assertThat(task(0).attempts()).extracting(AttemptView::state).containsExactly("LOST", "LOST", "RUNNING");
        net.complete(fast2, second);
        assertThat(jobState()).isEqualTo("SUCCEEDED");
    }

    @Test
    void cancellingTheJob_cancelsTheStragglerAndItsSecondBackup() {
        Assignment second = secondBackup();

        net.coordinator.jobs().cancel(CLIENT, job);

        assertThat(task(0).attempts()).extracting(AttemptView::state).containsExactly("CANCELLED", "LOST", "CANCELLED");
        assertThat(heartbeat(slow, straggler).cancel()).isTrue();
        assertThat(heartbeat(fast2, second).cancel()).isTrue();
    }

    @Test
    void cancellingTheJob_afterBothBackupsWereLost_cancelsTheStraggler() {
        secondBackup();
        for (int i = 0; i < 4; i++) step(slow, List.of(straggler));
        assertThat(net.coordinator.leaseLoop().runOnce(net.clock.instant())).isEqualTo(1);

        net.coordinator.jobs().cancel(CLIENT, job);

        assertThat(task(0).attempts()).extracting(AttemptView::state).containsExactly("CANCELLED", "LOST", "LOST");
        assertThat(jobState()).isEqualTo("CANCELLED");
        assertThat(heartbeat(slow, straggler).cancel()).isTrue();
    }

    @Test
    void cancellingTheJob_cancelsBothAttempts() {
        stragglerOnSlow();
        Assignment backup = net.claim(fast, 4).getFirst();

        net.coordinator.jobs().cancel(CLIENT, job);

        assertThat(task(0).attempts()).extracting(AttemptView::state).containsExactly("CANCELLED", "CANCELLED");
        assertThat(heartbeat(slow, straggler).cancel()).isTrue();
        assertThat(heartbeat(fast, backup).cancel()).isTrue();
    }

    @Test
    void claim_respectsTheJobsCapOnConcurrentBackups() {
        stragglerOnSlow(spec(5, new JobSpecDraft.SpeculationDraft(null, null, 1)), 2);
        assertThat(task(1).attempts()).singleElement().satisfies(a -> assertThat(a.providerId()).isEqualTo(slow));

        List<Assignment> got = net.claim(fast, 4);

        assertThat(got).hasSize(1);
        assertThat(task(0).attempts().size() + task(1).attempts().size()).isEqualTo(3);
    }

    @Test
    void claim_withRoomUnderTheCap_backsUpEveryStraggler() {
        stragglerOnSlow(spec(5, null), 2);

        assertThat(net.claim(fast, 4)).extracting(Assignment::taskIndex).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void claim_neverBacksUpATaskOnTheProviderRunningIt() {
        // prov-slow keeps a free slot, and by now is the only healthy provider; but it runs both stragglers itself. Its
        // dearer ask leaves the three other tasks to prov-fast.
        slowAsk = "0.3";
        stragglerOnSlow(spec(5, null), 3, 2, 5);

        assertThat(net.claim(slow, 3)).isEmpty();
        assertThat(task(0).attempts()).hasSize(1);
    }

    @Test
    void claim_whenTheJobTurnedSpeculationOff_startsNoBackup() {
        stragglerOnSlow(spec(4, new JobSpecDraft.SpeculationDraft(false, null, null)), 1);

        assertThat(net.claim(fast, 4)).isEmpty();
        assertThat(task(0).attempts()).hasSize(1);
    }

    @Test
    void claim_withPendingWork_handsOutThatBeforeAnyBackup() {
        stragglerOnSlow();
        String other = net.submit(CLIENT, TestNetwork.spec(1)).id();

        List<Assignment> got = net.claim(fast, 1);

        assertThat(got).singleElement().satisfies(a -> assertThat(a.jobId()).isEqualTo(other));
    }

    @Test
    void aBackup_startsFromTheStragglersLatestCheckpoint() {
        stragglerOnSlow(checkpointing(4), 1);
        var saved = net.blob("checkpoint.zip", "state at 15 s");
        net.coordinator.work().checkpoint(TestNetwork.OWNER, straggler.attemptId(), new org.gridmint.api.CheckpointRequest(slow, saved, 15_000));

        Assignment backup = net.claim(fast, 4).getFirst();

        assertThat(backup.checkpoint().sha256()).isEqualTo(saved.sha256());
        assertThat(task(0).attempts().get(1).resumedFrom()).isEqualTo(straggler.attemptId());
    }

    @Test
    void aRestart_keepsTheRaceAndItsOutcome() {
        stragglerOnSlow();
        Assignment backup = net.claim(fast, 4).getFirst();
        java.time.Instant at = net.clock.instant();
        net.close();

        net = new TestNetwork(dir);
        net.clock.advance(Duration.between(net.clock.instant(), at));

        assertThat(task(0).attempts().get(1).backupOf()).isEqualTo(straggler.attemptId());
        net.complete(fast, backup);
        assertThat(task(0).attempts().getFirst().reason()).isEqualTo("SUPERSEDED");
        assertThat(jobState()).isEqualTo("SUCCEEDED");
        assertThat(bill().tasks().getFirst().attempts()).filteredOn(JobBill.AttemptBill::billed).singleElement()
                .satisfies(b -> assertThat(b.attemptId()).isEqualTo(backup.attemptId()));
    }

    @Test
    void claim_byAnyFastReliableProvider_canTakeTheBackup() {
        stragglerOnSlow();
        String third = net.coordinator.providers().register(TestNetwork.OWNER, new org.gridmint.api.RegisterProviderRequest(null, "third", 4, 8192,
                List.of(), "local", new BigDecimal("0.05"), 1, true, "test")).id();

        Assignment backup = net.claim(third, 1).getFirst();

        assertThat(backup.taskIndex()).isZero();
        assertThat(task(0).attempts().get(1).providerId()).isEqualTo(third);
    }
}

package org.gridmint.core.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.core.CoreFixtures.LEASE;
import static org.gridmint.core.CoreFixtures.NOW;
import static org.gridmint.core.CoreFixtures.RETRIES;
import static org.gridmint.core.CoreFixtures.assigned;
import static org.gridmint.core.CoreFixtures.attemptId;
import static org.gridmint.core.CoreFixtures.providerId;
import static org.gridmint.core.CoreFixtures.running;

import java.time.Instant;
import org.gridmint.core.lifecycle.AttemptReason;
import org.gridmint.core.lifecycle.AttemptState;
import org.gridmint.core.lifecycle.IllegalTransitionException;
import org.gridmint.core.lifecycle.TaskState;
import org.junit.jupiter.api.Test;

/** A task with a backup: two live attempts, the first success wins, a failure of one leaves the other running. */
class TaskRulesBackupTest {
    private static final Instant LATER = NOW.plusSeconds(10);
    private static final Instant END = NOW.plusSeconds(20);

    /** Attempt #1 on prov-a running, and its backup #2 on prov-b, assigned at LATER. */
    private record Race(TaskRecord task, AttemptRecord primary, AttemptRecord backup) {}

    private static Race race() {
        var r = running();
        var b = TaskRules.backup(r.task(), r.attempt(), attemptId(2), providerId("b"), LATER, LEASE);
        return new Race(b.task(), r.attempt(), b.attempt());
    }

    @Test
    void backup_ofARunningTask_opensTheNextAttemptOnAnotherProviderAndKeepsTheTaskRunning() {
        var race = race();

        assertThat(race.task().state()).isEqualTo(TaskState.RUNNING);
        assertThat(race.task().attempts()).isEqualTo(2);
        assertThat(race.backup().number()).isEqualTo(2);
        assertThat(race.backup().provider()).isEqualTo(providerId("b"));
        assertThat(race.backup().state()).isEqualTo(AttemptState.ASSIGNED);
        assertThat(race.backup().leaseExpiresAt()).isEqualTo(LATER.plus(LEASE));
    }

    @Test
    void backup_ofATaskNotYetRunning_isRejected() {
        var a = assigned();

        assertThatThrownBy(() -> TaskRules.backup(a.task(), a.attempt(), attemptId(2), providerId("b"), LATER, LEASE))
                .isInstanceOf(IllegalTransitionException.class).hasMessage("task in state ASSIGNED does not accept BACKED_UP");
    }

    @Test
    void backup_onTheProviderRunningTheTask_isRejected() {
        var r = running();

        assertThatThrownBy(() -> TaskRules.backup(r.task(), r.attempt(), attemptId(2), providerId("a"), LATER, LEASE))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("must run on another provider");
    }

    @Test
    void backup_ofAnAttemptThatAlreadyHasOne_isRejected() {
        var race = race();

        assertThatThrownBy(() -> TaskRules.backup(race.task(), race.primary(), attemptId(3), providerId("c"), LATER, LEASE))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("is not the latest attempt");
    }

    @Test
    void heartbeat_firstOfABackup_startsItAndLeavesTheTaskRunning() {
        var race = race();
        var hb = TaskRules.heartbeat(race.task(), race.backup(), "1/4", END, LEASE);

        assertThat(hb.attempt().state()).isEqualTo(AttemptState.RUNNING);
        assertThat(hb.attempt().startedAt()).isEqualTo(END);
        assertThat(hb.task()).isEqualTo(race.task());
    }

    @Test
    void heartbeat_ofTheAttemptItBacksUp_isStillAccepted() {
        var race = race();

        assertThat(TaskRules.heartbeat(race.task(), race.primary(), null, END, LEASE).attempt().leaseExpiresAt()).isEqualTo(END.plus(LEASE));
    }

    @Test
    void succeed_byTheBackup_supersedesTheAttemptItBacksUp() {
        var race = race();
        var won = TaskRules.succeed(race.task(), race.backup(), race.primary(), 0, END);

        assertThat(won.task().state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(won.attempt().state()).isEqualTo(AttemptState.SUCCEEDED);
        assertThat(won.other().state()).isEqualTo(AttemptState.CANCELLED);
        assertThat(won.other().reason()).isEqualTo(AttemptReason.SUPERSEDED);
        assertThat(won.other().message()).isEqualTo("attempt att-2 on prov-b finished first");
        assertThat(won.other().endedAt()).isEqualTo(END);
        assertThat(won.task().failures()).isZero();
    }

    @Test
    void succeed_byTheAttemptBackedUp_supersedesTheBackup() {
        var race = race();
        var won = TaskRules.succeed(race.task(), race.primary(), race.backup(), 0, END);

        assertThat(won.task().state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(won.attempt().id()).isEqualTo(attemptId(1));
        assertThat(won.other().id()).isEqualTo(attemptId(2));
        assertThat(won.other().reason()).isEqualTo(AttemptReason.SUPERSEDED);
    }

    @Test
    void succeed_whenTheOtherAlreadyEnded_isRejected() {
        var race = race();
        var dropped = TaskRules.endAttempt(race.task(), race.backup(), race.primary(), AttemptReason.EXIT_NONZERO, null, 1, RETRIES, END);

        assertThatThrownBy(() -> TaskRules.succeed(dropped.task(), race.primary(), dropped.attempt(), 0, END))
                .isInstanceOf(IllegalTransitionException.class).hasMessage("attempt in state FAILED does not accept SUPERSEDED");
    }

    @Test
    void succeed_racingItself_isRejected() {
        var race = race();

        assertThatThrownBy(() -> TaskRules.succeed(race.task(), race.primary(), race.primary(), 0, END)).hasMessageContaining("cannot race itself");
    }

    @Test
    void endAttempt_ofOneOfTwo_leavesTheTaskRunningOnTheOtherAndCountsTheFailure() {
        var race = race();
        var lost = TaskRules.endAttempt(race.task(), race.primary(), race.backup(), AttemptReason.PROVIDER_LOST, "gone", null, RETRIES, END);

        assertThat(lost.task().state()).isEqualTo(TaskState.RUNNING);
        assertThat(lost.task().failures()).isEqualTo(1);
        assertThat(lost.task().lastFailedProvider()).isEqualTo(providerId("a"));
        assertThat(lost.task().lastReason()).isEqualTo(AttemptReason.PROVIDER_LOST);
        assertThat(lost.attempt().state()).isEqualTo(AttemptState.LOST);
        assertThat(lost.other()).isEqualTo(race.backup());
    }

    @Test
    void endAttempt_ofOneOfTwoWithRetriesSpent_stillLeavesTheTaskRunningOnTheOther() {
        var race = race();

        var failed = TaskRules.endAttempt(race.task(), race.backup(), race.primary(), AttemptReason.EXIT_NONZERO, null, 1, 0, END);

        assertThat(failed.task().state()).isEqualTo(TaskState.RUNNING);
        assertThat(failed.task().failures()).isEqualTo(1);
    }

    @Test
    void endAttempt_ofTheSurvivor_requeuesTheTaskAsForASingleAttempt() {
        var race = race();
        var dropped = TaskRules.endAttempt(race.task(), race.backup(), race.primary(), AttemptReason.UPLOAD_FAILED, null, null, RETRIES, END);

        var lost = TaskRules.endAttempt(dropped.task(), race.primary(), AttemptReason.PROVIDER_LOST, null, null, RETRIES, END.plusSeconds(1));

        assertThat(lost.task().state()).isEqualTo(TaskState.PENDING);
        assertThat(lost.task().failures()).isEqualTo(2);
        assertThat(lost.task().attempts()).isEqualTo(2);
    }

    @Test
    void succeed_ofTheSurvivor_succeedsTheTask() {
        var race = race();
        var dropped = TaskRules.endAttempt(race.task(), race.primary(), race.backup(), AttemptReason.PROVIDER_DRAINED, null, null, RETRIES, END);

        var done = TaskRules.succeed(dropped.task(), race.backup(), 0, END);

        assertThat(done.task().state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(dropped.task().failures()).isZero();
    }

    @Test
    void endAttempt_cancelled_cancelsTheTaskAndBothAttempts() {
        var race = race();
        var cancelled = TaskRules.endAttempt(race.task(), race.primary(), race.backup(), AttemptReason.CANCELLED, "the job was cancelled", null, RETRIES, END);

        assertThat(cancelled.task().state()).isEqualTo(TaskState.CANCELLED);
        assertThat(cancelled.attempt().state()).isEqualTo(AttemptState.CANCELLED);
        assertThat(cancelled.other().state()).isEqualTo(AttemptState.CANCELLED);
        assertThat(cancelled.other().reason()).isEqualTo(AttemptReason.CANCELLED);
        assertThat(cancelled.task().failures()).isZero();
    }

    @Test
    void endAttempt_superseded_isRejected_onlyASuccessSupersedes() {
        var race = race();

        assertThatThrownBy(() -> TaskRules.endAttempt(race.task(), race.primary(), race.backup(), AttemptReason.SUPERSEDED, null, null, RETRIES, END))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("only by another attempt's success");
        assertThatThrownBy(() -> TaskRules.endAttempt(race.task(), race.primary(), AttemptReason.SUPERSEDED, null, null, RETRIES, END))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void anEarlierAttemptOfARequeuedTask_isNotCurrentEvenBesideARunningOne() {
        var r = running();
        var lost = TaskRules.endAttempt(r.task(), r.attempt(), AttemptReason.PROVIDER_LOST, null, null, RETRIES, LATER);
        var second = TaskRules.assign(lost.task(), attemptId(2), providerId("b"), LATER, LEASE);
        var started = TaskRules.heartbeat(second.task(), second.attempt(), null, END, LEASE);

        // What a store gives back for attempt #1: LOST, which nothing moves.
        assertThatThrownBy(() -> TaskRules.heartbeat(started.task(), lost.attempt(), null, END, LEASE)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> TaskRules.succeed(started.task(), lost.attempt(), 0, END)).isInstanceOf(IllegalTransitionException.class);
    }
}

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
    void backup_ofAnEndedAttempt_isRejected() {
        var race = race();
        var dropped = TaskRules.endAttempt(race.task(), race.primary(), race.backup(), AttemptReason.EXIT_NONZERO, null, 1, RETRIES, END);

        assertThatThrownBy(() -> TaskRules.backup(dropped.task(), dropped.attempt(), attemptId(3), providerId("c"), END, LEASE))
                .isInstanceOf(IllegalTransitionException.class).hasMessage("attempt att-1 is FAILED and takes no backup");
    }

    /** #1 on prov-a outlived its backup #2 on prov-b (lost), and takes a second backup, #3 on prov-c. */
    private static Race rebackedUp() {
        var race = race();
        var lost = TaskRules.endAttempt(race.task(), race.backup(), race.primary(), AttemptReason.PROVIDER_LOST, "gone", null, RETRIES, END);
        var again = TaskRules.backup(lost.task(), race.primary(), attemptId(3), providerId("c"), END.plusSeconds(1), LEASE);
        return new Race(again.task(), race.primary(), again.attempt());
    }

    @Test
    void backup_afterItsBackupWasLost_startsAnotherOfTheSamePrimary() {
        var again = rebackedUp();

        assertThat(again.task().state()).isEqualTo(TaskState.RUNNING);
        assertThat(again.task().attempts()).isEqualTo(3);
        assertThat(again.task().failures()).as("the lost backup counts").isEqualTo(1);
        assertThat(again.backup().number()).isEqualTo(3);
        assertThat(again.backup().provider()).isEqualTo(providerId("c"));
        assertThat(again.backup().state()).isEqualTo(AttemptState.ASSIGNED);
    }

    @Test
    void succeed_bySecondBackup_supersedesThePrimary() {
        var again = rebackedUp();
        var started = TaskRules.heartbeat(again.task(), again.backup(), null, END.plusSeconds(2), LEASE);
        var won = TaskRules.succeed(started.task(), started.attempt(), again.primary(), 0, END.plusSeconds(3));

        assertThat(won.task().state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(won.attempt().id()).isEqualTo(attemptId(3));
        assertThat(won.other().id()).isEqualTo(attemptId(1));
        assertThat(won.other().reason()).isEqualTo(AttemptReason.SUPERSEDED);
    }

    @Test
    void succeed_byThePrimaryAfterASecondBackup_supersedesTheSecondBackup() {
        var again = rebackedUp();
        var beat = TaskRules.heartbeat(again.task(), again.primary(), null, END.plusSeconds(2), LEASE);
        var won = TaskRules.succeed(beat.task(), beat.attempt(), again.backup(), 0, END.plusSeconds(3));

        assertThat(won.task().state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(won.attempt().id()).isEqualTo(attemptId(1));
        assertThat(won.other().id()).isEqualTo(attemptId(3));
        assertThat(won.other().state()).isEqualTo(AttemptState.CANCELLED);
    }

    @Test
    void theLostFirstBackup_cannotActAfterTheSecondStarted() {
        var race = race();
        var lost = TaskRules.endAttempt(race.task(), race.backup(), race.primary(), AttemptReason.PROVIDER_LOST, "gone", null, RETRIES, END);
        var again = TaskRules.backup(lost.task(), race.primary(), attemptId(3), providerId("c"), END.plusSeconds(1), LEASE);

        assertThatThrownBy(() -> TaskRules.heartbeat(again.task(), lost.attempt(), null, END.plusSeconds(2), LEASE))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> TaskRules.succeed(again.task(), lost.attempt(), race.primary(), 0, END.plusSeconds(2)))
                .isInstanceOf(IllegalTransitionException.class).hasMessage("attempt in state LOST does not accept SUCCEEDED");
        assertThatThrownBy(() -> TaskRules.backup(again.task(), lost.attempt(), attemptId(4), providerId("d"), END.plusSeconds(2), LEASE))
                .isInstanceOf(IllegalTransitionException.class).hasMessage("attempt att-2 is LOST and takes no backup");
    }

    @Test
    void endAttempt_ofThePrimaryBesideItsSecondBackup_leavesTheTaskRunningOnIt() {
        var again = rebackedUp();
        var lost = TaskRules.endAttempt(again.task(), again.primary(), again.backup(), AttemptReason.PROVIDER_LOST, "gone", null, RETRIES, END.plusSeconds(2));

        assertThat(lost.task().state()).isEqualTo(TaskState.RUNNING);
        assertThat(lost.task().failures()).isEqualTo(2);
        assertThat(lost.other()).isEqualTo(again.backup());
    }

    @Test
    void anEarlierAttempt_ofATaskNotRunning_isNotCurrent() {
        var r = running();
        var lost = TaskRules.endAttempt(r.task(), r.attempt(), AttemptReason.PROVIDER_LOST, null, null, RETRIES, LATER);
        var second = TaskRules.assign(lost.task(), attemptId(2), providerId("b"), LATER, LEASE);

        // Even a (forged) live copy of #1 is refused while the new cycle's attempt is only ASSIGNED: only the latest acts.
        assertThatThrownBy(() -> TaskRules.heartbeat(second.task(), r.attempt(), null, END, LEASE))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("is not the current attempt");
        assertThatThrownBy(() -> TaskRules.backup(second.task(), r.attempt(), attemptId(3), providerId("c"), END, LEASE))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("is not the current attempt");
    }

    @Test
    void anAttemptNumberedBeyondTheTasks_isNotCurrent() {
        var r = running();
        var ahead = TaskRules.backup(r.task(), r.attempt(), attemptId(2), providerId("b"), LATER, LEASE).attempt();

        assertThatThrownBy(() -> TaskRules.heartbeat(r.task(), ahead, null, END, LEASE))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("is not the current attempt");
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
        assertThatThrownBy(() -> TaskRules.backup(started.task(), lost.attempt(), attemptId(3), providerId("c"), END, LEASE))
                .isInstanceOf(IllegalTransitionException.class).hasMessage("attempt att-1 is LOST and takes no backup");
    }
}

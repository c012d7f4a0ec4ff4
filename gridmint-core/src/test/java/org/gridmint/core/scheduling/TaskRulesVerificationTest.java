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

/**
 * Verification's moves of a task and its attempts: a result that needs company sends the task back for a replica (or
 * leaves it running on its backup), a result that loses a verdict is rejected, a task whose results never agree fails
 * for want of a quorum, and an accepted task is reopened by a full check.
 */
class TaskRulesVerificationTest {
    private static final Instant LATER = NOW.plusSeconds(10);
    private static final Instant END = NOW.plusSeconds(20);

    /** Attempt #1 on prov-a reported a result at END; the task waits for a replica. */
    private static TaskRules.Outcome reported() {
        var r = running();
        return TaskRules.report(r.task(), r.attempt(), null, 0, END);
    }

    @Test
    void report_ofTheOnlyLiveAttempt_succeedsItAndSendsTheTaskBackToTheQueueForAReplica() {
        var r = running();

        var out = TaskRules.report(r.task(), r.attempt(), null, 0, END);

        assertThat(out.task().state()).isEqualTo(TaskState.PENDING);
        assertThat(out.task().attempts()).isEqualTo(1);
        assertThat(out.task().failures()).isZero();
        assertThat(out.task().lastReason()).isNull();
        assertThat(out.task().updatedAt()).isEqualTo(END);
        assertThat(out.attempt().state()).isEqualTo(AttemptState.SUCCEEDED);
        assertThat(out.attempt().exitCode()).isZero();
        assertThat(out.attempt().endedAt()).isEqualTo(END);
        assertThat(out.attempt().reason()).isNull();
        assertThat(out.other()).isNull();
    }

    @Test
    void report_beforeTheFirstHeartbeat_succeedsTheAttemptStartedNow() {
        var a = assigned();

        var out = TaskRules.report(a.task(), a.attempt(), null, 0, END);

        assertThat(out.task().state()).isEqualTo(TaskState.PENDING);
        assertThat(out.attempt().state()).isEqualTo(AttemptState.SUCCEEDED);
        assertThat(out.attempt().startedAt()).isEqualTo(END);
    }

    @Test
    void report_whileABackupRuns_keepsTheTaskRunningOnTheBackupUntouched() {
        var r = running();
        var b = TaskRules.backup(r.task(), r.attempt(), attemptId(2), providerId("b"), LATER, LEASE);

        var out = TaskRules.report(b.task(), r.attempt(), b.attempt(), 0, END);

        assertThat(out.task().state()).isEqualTo(TaskState.RUNNING);
        assertThat(out.attempt().state()).isEqualTo(AttemptState.SUCCEEDED);
        assertThat(out.other()).isSameAs(b.attempt());
    }

    @Test
    void report_thenAReplica_canBeAssignedAndAccepted() {
        var first = reported();

        var replica = TaskRules.assign(first.task(), attemptId(2), providerId("b"), END, LEASE);
        var accepted = TaskRules.succeed(replica.task(), replica.attempt(), 0, END.plusSeconds(5));

        assertThat(replica.attempt().number()).isEqualTo(2);
        assertThat(accepted.task().state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(accepted.task().attempts()).isEqualTo(2);
    }

    @Test
    void report_ofAnAttemptThatEnded_isRejected() {
        var first = reported();

        assertThatThrownBy(() -> TaskRules.report(first.task(), first.attempt(), null, 0, END))
                .isInstanceOf(IllegalTransitionException.class).hasMessage("attempt in state SUCCEEDED does not accept SUCCEEDED");
    }

    @Test
    void report_ofAnEarlierCyclesAttempt_isRejected() {
        var first = reported();
        var replica = TaskRules.assign(first.task(), attemptId(2), providerId("b"), END, LEASE);

        assertThatThrownBy(() -> TaskRules.report(replica.task(), first.attempt(), null, 0, END))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("is not the current attempt");
    }

    @Test
    void reject_ofAReportedResult_makesItRejectedKeepingHowItEnded() {
        var first = reported();

        var rejected = TaskRules.reject(first.attempt(), "digest abc lost to def (2 of 3)", END.plusSeconds(30));

        assertThat(rejected.state()).isEqualTo(AttemptState.REJECTED);
        assertThat(rejected.message()).isEqualTo("digest abc lost to def (2 of 3)");
        assertThat(rejected.endedAt()).isEqualTo(END);
        assertThat(rejected.exitCode()).isZero();
        assertThat(rejected.reason()).isNull();
    }

    @Test
    void reject_ofAnAttemptThatReportedNoResult_isRejected() {
        var r = running();
        var failed = TaskRules.endAttempt(r.task(), r.attempt(), AttemptReason.EXIT_NONZERO, null, 1, RETRIES, END);

        assertThatThrownBy(() -> TaskRules.reject(r.attempt(), "lost", END))
                .isInstanceOf(IllegalTransitionException.class).hasMessage("attempt in state RUNNING does not accept REJECTED");
        assertThatThrownBy(() -> TaskRules.reject(failed.attempt(), "lost", END))
                .isInstanceOf(IllegalTransitionException.class).hasMessage("attempt in state FAILED does not accept REJECTED");
    }

    @Test
    void reject_twice_isRejected() {
        var rejected = TaskRules.reject(reported().attempt(), "lost", END);

        assertThatThrownBy(() -> TaskRules.reject(rejected, "lost again", END))
                .isInstanceOf(IllegalTransitionException.class).hasMessage("attempt in state REJECTED does not accept REJECTED");
    }

    @Test
    void reject_withoutAMessage_isRefused() {
        var first = reported();

        assertThatThrownBy(() -> TaskRules.reject(first.attempt(), " ", END))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a message");
    }

    @Test
    void noQuorum_failsTheTaskForWantOfAQuorumWithoutBlamingAProvider() {
        var first = reported();
        var replica = TaskRules.assign(first.task(), attemptId(2), providerId("b"), END, LEASE);

        var out = TaskRules.noQuorum(replica.task(), replica.attempt(), null, "3 results, 3 digests", END.plusSeconds(5));

        assertThat(out.task().state()).isEqualTo(TaskState.FAILED);
        assertThat(out.task().lastReason()).isEqualTo(AttemptReason.NO_QUORUM);
        assertThat(out.task().failures()).isEqualTo(1);
        assertThat(out.task().lastFailedProvider()).isNull();
        assertThat(out.attempt().state()).as("it ran to the end; nobody is convicted").isEqualTo(AttemptState.SUCCEEDED);
        assertThat(out.attempt().reason()).isNull();
        assertThat(out.other()).isNull();
    }

    @Test
    void noQuorum_withAnotherLiveAttempt_cancelsItForTheSameReason() {
        var r = running();
        var b = TaskRules.backup(r.task(), r.attempt(), attemptId(2), providerId("b"), LATER, LEASE);

        var out = TaskRules.noQuorum(b.task(), b.attempt(), r.attempt(), "no two agree", END);

        assertThat(out.task().state()).isEqualTo(TaskState.FAILED);
        assertThat(out.other().state()).isEqualTo(AttemptState.CANCELLED);
        assertThat(out.other().reason()).isEqualTo(AttemptReason.NO_QUORUM);
        assertThat(out.other().endedAt()).isEqualTo(END);
    }

    @Test
    void noQuorum_ofATaskWaitingForAReplica_isRejected() {
        var first = reported();

        assertThatThrownBy(() -> TaskRules.noQuorum(first.task(), first.attempt(), null, "none", END))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void endAttempt_forWantOfAQuorum_isRefused_onlyAVerdictSaysSo() {
        var r = running();

        assertThatThrownBy(() -> TaskRules.endAttempt(r.task(), r.attempt(), AttemptReason.NO_QUORUM, null, null, RETRIES, END))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("only through a verdict");
    }

    @Test
    void reopen_ofAnAcceptedTask_sendsItBackToTheQueueKeepingItsCounts() {
        var r = running();
        var accepted = TaskRules.succeed(r.task(), r.attempt(), 0, END);

        var reopened = TaskRules.reopen(accepted.task(), END.plusSeconds(60));

        assertThat(reopened.state()).isEqualTo(TaskState.PENDING);
        assertThat(reopened.attempts()).isEqualTo(1);
        assertThat(reopened.failures()).isZero();
        assertThat(reopened.updatedAt()).isEqualTo(END.plusSeconds(60));
        var replica = TaskRules.assign(reopened, attemptId(2), providerId("t"), END.plusSeconds(61), LEASE);
        assertThat(replica.attempt().number()).isEqualTo(2);
    }

    @Test
    void reopen_ofATaskThatIsNotAccepted_isRejected() {
        var r = running();
        var failed = TaskRules.endAttempt(r.task(), r.attempt(), AttemptReason.EXIT_NONZERO, null, 1, 0, END);

        assertThatThrownBy(() -> TaskRules.reopen(r.task(), END))
                .isInstanceOf(IllegalTransitionException.class).hasMessage("task in state RUNNING does not accept REOPENED");
        assertThatThrownBy(() -> TaskRules.reopen(failed.task(), END))
                .isInstanceOf(IllegalTransitionException.class).hasMessage("task in state FAILED does not accept REOPENED");
    }

    @Test
    void fullCheck_reopensAnAcceptedTask_whoseReplicaAndTieBreakerOutvoteTheCheater() {
        // Accepted alone from prov-a; prov-a is caught elsewhere, so a trusted replica re-runs it, disagrees, and a
        // tie-breaker sides with the replica: the task is accepted again, and prov-a's result is rejected.
        var r = running();
        var accepted = TaskRules.succeed(r.task(), r.attempt(), 0, END);
        var reopened = TaskRules.reopen(accepted.task(), END.plusSeconds(1));
        var replica = TaskRules.assign(reopened, attemptId(2), providerId("t1"), END.plusSeconds(2), LEASE);
        var disagreed = TaskRules.report(replica.task(), replica.attempt(), null, 0, END.plusSeconds(3));
        var tieBreaker = TaskRules.assign(disagreed.task(), attemptId(3), providerId("t2"), END.plusSeconds(4), LEASE);
        var decided = TaskRules.succeed(tieBreaker.task(), tieBreaker.attempt(), 0, END.plusSeconds(5));
        var cheater = TaskRules.reject(accepted.attempt(), "lost 1 to 2", END.plusSeconds(5));

        assertThat(decided.task().state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(decided.task().attempts()).isEqualTo(3);
        assertThat(decided.task().failures()).isZero();
        assertThat(disagreed.attempt().state()).as("the replica's result stands").isEqualTo(AttemptState.SUCCEEDED);
        assertThat(cheater.state()).isEqualTo(AttemptState.REJECTED);
    }
}

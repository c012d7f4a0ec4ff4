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
import static org.gridmint.core.CoreFixtures.task;
import static org.gridmint.core.CoreFixtures.taskId;

import java.time.Instant;
import org.gridmint.core.lifecycle.AttemptReason;
import org.gridmint.core.lifecycle.AttemptState;
import org.gridmint.core.lifecycle.IllegalTransitionException;
import org.gridmint.core.lifecycle.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TaskRulesTest {
    private static final Instant LATER = NOW.plusSeconds(10);

    @Test
    void assign_fromPending_opensAttemptOneWithLease() {
        var s = assigned();

        assertThat(s.task().state()).isEqualTo(TaskState.ASSIGNED);
        assertThat(s.task().attempts()).isEqualTo(1);
        assertThat(s.task().failures()).isZero();
        assertThat(s.attempt().number()).isEqualTo(1);
        assertThat(s.attempt().state()).isEqualTo(AttemptState.ASSIGNED);
        assertThat(s.attempt().provider()).isEqualTo(providerId("a"));
        assertThat(s.attempt().task()).isEqualTo(taskId());
        assertThat(s.attempt().assignedAt()).isEqualTo(NOW);
        assertThat(s.attempt().startedAt()).isNull();
        assertThat(s.attempt().leaseExpiresAt()).isEqualTo(NOW.plus(LEASE));
    }

    @Test
    void assign_whenTaskAlreadyAssigned_isRejected() {
        var s = assigned();
        assertThatThrownBy(() -> TaskRules.assign(s.task(), attemptId(2), providerId("b"), LATER, LEASE))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("task in state ASSIGNED does not accept ASSIGNED");
    }

    @Test
    void heartbeat_first_startsAttemptAndTaskAndExtendsLease() {
        var s = assigned();
        var hb = TaskRules.heartbeat(s.task(), s.attempt(), "10%", LATER, LEASE);

        assertThat(hb.task().state()).isEqualTo(TaskState.RUNNING);
        assertThat(hb.task().updatedAt()).isEqualTo(LATER);
        assertThat(hb.attempt().state()).isEqualTo(AttemptState.RUNNING);
        assertThat(hb.attempt().startedAt()).isEqualTo(LATER);
        assertThat(hb.attempt().leaseExpiresAt()).isEqualTo(LATER.plus(LEASE));
        assertThat(hb.attempt().progress()).isEqualTo("10%");
    }

    @Test
    void heartbeat_whileRunning_extendsLeaseAndKeepsStartAndLastProgress() {
        var r = running();
        var withProgress = TaskRules.heartbeat(r.task(), r.attempt(), "50%", LATER, LEASE);
        var silent = TaskRules.heartbeat(withProgress.task(), withProgress.attempt(), null, LATER.plusSeconds(5), LEASE);

        assertThat(silent.task()).isEqualTo(r.task());
        assertThat(silent.attempt().state()).isEqualTo(AttemptState.RUNNING);
        assertThat(silent.attempt().startedAt()).isEqualTo(r.attempt().startedAt());
        assertThat(silent.attempt().leaseExpiresAt()).isEqualTo(LATER.plusSeconds(5).plus(LEASE));
        assertThat(silent.attempt().progress()).isEqualTo("50%");
    }

    @Test
    void heartbeat_afterAttemptEnded_isRejected() {
        var r = running();
        var ended = TaskRules.endAttempt(r.task(), r.attempt(), AttemptReason.EXIT_NONZERO, "exit 1", 1, RETRIES, LATER);

        assertThatThrownBy(() -> TaskRules.heartbeat(ended.task(), ended.attempt(), null, LATER, LEASE))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("attempt att-1 is FAILED and takes no heartbeat");
    }

    @Test
    void heartbeat_fromStaleAttempt_isRejected() {
        var r = running();
        var lost = TaskRules.endAttempt(r.task(), r.attempt(), AttemptReason.PROVIDER_LOST, null, null, RETRIES, LATER);
        var second = TaskRules.assign(lost.task(), attemptId(2), providerId("b"), LATER, LEASE);

        assertThatThrownBy(() -> TaskRules.heartbeat(second.task(), r.attempt(), null, LATER, LEASE))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("attempt att-1 (#1) is not the current attempt of task job-1/0");
    }

    @Test
    void heartbeat_forAnotherTasksAttempt_isRejected() {
        var r = running();
        var other = TaskRules.assign(TaskRecord.pending(taskId(1), NOW), attemptId(9), providerId("a"), NOW, LEASE);

        assertThatThrownBy(() -> TaskRules.heartbeat(r.task(), other.attempt(), null, LATER, LEASE))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("is not the current attempt of task job-1/0");
    }

    @Test
    void succeed_beforeFirstHeartbeat_succeedsAndStampsStart() {
        var s = assigned();
        var done = TaskRules.succeed(s.task(), s.attempt(), 0, LATER);

        assertThat(done.task().state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(done.attempt().state()).isEqualTo(AttemptState.SUCCEEDED);
        assertThat(done.attempt().startedAt()).isEqualTo(LATER);
        assertThat(done.attempt().endedAt()).isEqualTo(LATER);
        assertThat(done.attempt().exitCode()).isZero();
    }

    @Test
    void succeed_whileRunning_keepsStartAndRecordsExit() {
        var r = running();
        var done = TaskRules.succeed(r.task(), r.attempt(), 0, LATER);

        assertThat(done.task().state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(done.attempt().startedAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(done.attempt().endedAt()).isEqualTo(LATER);
        assertThat(done.attempt().reason()).isNull();
    }

    @Test
    void succeed_twice_isRejected() {
        var r = running();
        var done = TaskRules.succeed(r.task(), r.attempt(), 0, LATER);

        assertThatThrownBy(() -> TaskRules.succeed(done.task(), done.attempt(), 0, LATER))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("attempt in state SUCCEEDED does not accept SUCCEEDED");
    }

    @Test
    void endAttempt_whenProviderLost_marksAttemptLostAndRequeuesTaskCountingFailure() {
        var r = running();
        var lost = TaskRules.endAttempt(r.task(), r.attempt(), AttemptReason.PROVIDER_LOST, null, null, RETRIES, LATER);

        assertThat(lost.attempt().state()).isEqualTo(AttemptState.LOST);
        assertThat(lost.attempt().reason()).isEqualTo(AttemptReason.PROVIDER_LOST);
        assertThat(lost.attempt().endedAt()).isEqualTo(LATER);
        assertThat(lost.task().state()).isEqualTo(TaskState.PENDING);
        assertThat(lost.task().failures()).isEqualTo(1);
        assertThat(lost.task().attempts()).isEqualTo(1);
        assertThat(lost.task().lastFailedProvider()).isEqualTo(providerId("a"));
        assertThat(lost.task().lastReason()).isEqualTo(AttemptReason.PROVIDER_LOST);
    }

    @Test
    void endAttempt_whenExitNonzero_marksAttemptFailedWithExitAndMessage() {
        var r = running();
        var failed = TaskRules.endAttempt(r.task(), r.attempt(), AttemptReason.EXIT_NONZERO, "exit status 2", 2, RETRIES, LATER);

        assertThat(failed.attempt().state()).isEqualTo(AttemptState.FAILED);
        assertThat(failed.attempt().exitCode()).isEqualTo(2);
        assertThat(failed.attempt().message()).isEqualTo("exit status 2");
        assertThat(failed.task().state()).isEqualTo(TaskState.PENDING);
        assertThat(failed.task().failures()).isEqualTo(1);
    }

    @Test
    void endAttempt_whenHandedBack_requeuesWithoutCountingOrBlamingProvider() {
        var first = running();
        var lost = TaskRules.endAttempt(first.task(), first.attempt(), AttemptReason.PROVIDER_LOST, null, null, RETRIES, LATER);
        var second = TaskRules.assign(lost.task(), attemptId(2), providerId("b"), LATER, LEASE);
        var back = TaskRules.endAttempt(second.task(), second.attempt(), AttemptReason.PROVIDER_DRAINED, null, null, RETRIES, LATER);

        assertThat(back.task().state()).isEqualTo(TaskState.PENDING);
        assertThat(back.task().failures()).isEqualTo(1);
        assertThat(back.task().attempts()).isEqualTo(2);
        assertThat(back.task().lastFailedProvider()).isEqualTo(providerId("a"));
        assertThat(back.task().lastReason()).isEqualTo(AttemptReason.PROVIDER_DRAINED);
    }

    @Test
    void endAttempt_whenRetriesExhausted_failsTask() {
        int retries = 1;
        var first = assigned();
        var requeued = TaskRules.endAttempt(first.task(), first.attempt(), AttemptReason.TIMEOUT, null, null, retries, LATER);
        var second = TaskRules.assign(requeued.task(), attemptId(2), providerId("b"), LATER, LEASE);
        var failed = TaskRules.endAttempt(second.task(), second.attempt(), AttemptReason.TIMEOUT, null, null, retries, LATER);

        assertThat(requeued.task().state()).isEqualTo(TaskState.PENDING);
        assertThat(failed.task().state()).isEqualTo(TaskState.FAILED);
        assertThat(failed.task().failures()).isEqualTo(2);
        assertThat(failed.task().lastFailedProvider()).isEqualTo(providerId("b"));
    }

    @Test
    void endAttempt_withZeroRetries_failsOnFirstCountedFailure() {
        var s = assigned();
        var failed = TaskRules.endAttempt(s.task(), s.attempt(), AttemptReason.STAGING_FAILED, null, null, 0, LATER);

        assertThat(failed.task().state()).isEqualTo(TaskState.FAILED);
        assertThat(failed.attempt().state()).isEqualTo(AttemptState.FAILED);
    }

    @Test
    void endAttempt_whenHandedBackWithZeroRetries_stillRequeues() {
        var s = assigned();
        var back = TaskRules.endAttempt(s.task(), s.attempt(), AttemptReason.PROVIDER_DRAINED, null, null, 0, LATER);

        assertThat(back.task().state()).isEqualTo(TaskState.PENDING);
        assertThat(back.task().failures()).isZero();
        assertThat(back.task().lastFailedProvider()).isNull();
    }

    @Test
    void endAttempt_whenCancelled_cancelsTaskAndAttemptWithoutCounting() {
        var r = running();
        var cancelled = TaskRules.endAttempt(r.task(), r.attempt(), AttemptReason.CANCELLED, null, null, RETRIES, LATER);

        assertThat(cancelled.task().state()).isEqualTo(TaskState.CANCELLED);
        assertThat(cancelled.task().failures()).isZero();
        assertThat(cancelled.attempt().state()).isEqualTo(AttemptState.CANCELLED);
        assertThat(cancelled.attempt().reason()).isEqualTo(AttemptReason.CANCELLED);
    }

    @ParameterizedTest
    @EnumSource(AttemptReason.class)
    void endAttempt_afterAttemptSucceeded_isRejectedAndLeavesRecordsUsable(AttemptReason reason) {
        var r = running();
        var done = TaskRules.succeed(r.task(), r.attempt(), 0, LATER);

        assertThatThrownBy(() -> TaskRules.endAttempt(done.task(), done.attempt(), reason, null, null, RETRIES, LATER))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageStartingWith("attempt in state SUCCEEDED does not accept");
        assertThat(done.task().state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(done.attempt().state()).isEqualTo(AttemptState.SUCCEEDED);
    }

    @Test
    void endAttempt_fromStaleAttempt_isRejectedAndCurrentAttemptStillEnds() {
        var first = running();
        var lost = TaskRules.endAttempt(first.task(), first.attempt(), AttemptReason.PROVIDER_LOST, null, null, RETRIES, LATER);
        var second = TaskRules.assign(lost.task(), attemptId(2), providerId("b"), LATER, LEASE);

        assertThatThrownBy(() -> TaskRules.endAttempt(second.task(), first.attempt(), AttemptReason.EXIT_NONZERO, null, 1, RETRIES, LATER))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("is not the current attempt");
        var done = TaskRules.succeed(second.task(), second.attempt(), 0, LATER);
        assertThat(done.task().state()).isEqualTo(TaskState.SUCCEEDED);
    }

    @Test
    void cancelPending_whenPending_cancels() {
        var cancelled = TaskRules.cancelPending(task(), LATER);

        assertThat(cancelled.state()).isEqualTo(TaskState.CANCELLED);
        assertThat(cancelled.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void cancelPending_whenAssigned_isRejected() {
        var s = assigned();
        assertThatThrownBy(() -> TaskRules.cancelPending(s.task(), LATER))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("task job-1/0 is ASSIGNED, not PENDING");
    }

    @Test
    void leaseExpired_isFalseBeforeAndTrueFromExactlyTheExpiry() {
        var s = assigned();
        Instant expiry = s.attempt().leaseExpiresAt();

        assertThat(TaskRules.leaseExpired(s.attempt(), expiry.minusNanos(1))).isFalse();
        assertThat(TaskRules.leaseExpired(s.attempt(), expiry)).isTrue();
        assertThat(TaskRules.leaseExpired(s.attempt(), expiry.plusSeconds(1))).isTrue();
    }

    @Test
    void leaseExpired_afterHeartbeat_movesWithTheLease() {
        var r = running();
        Instant firstExpiry = r.attempt().leaseExpiresAt();
        var hb = TaskRules.heartbeat(r.task(), r.attempt(), null, firstExpiry.minusSeconds(1), LEASE);

        assertThat(TaskRules.leaseExpired(hb.attempt(), firstExpiry)).isFalse();
    }

    @Test
    void leaseExpired_whenAttemptEnded_isFalse() {
        var r = running();
        var done = TaskRules.succeed(r.task(), r.attempt(), 0, LATER);

        assertThat(TaskRules.leaseExpired(done.attempt(), LATER.plus(LEASE).plusSeconds(3600))).isFalse();
    }
}

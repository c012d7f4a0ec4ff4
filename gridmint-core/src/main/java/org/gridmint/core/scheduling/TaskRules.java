package org.gridmint.core.scheduling;

import java.time.Duration;
import java.time.Instant;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.lifecycle.AttemptReason;
import org.gridmint.core.lifecycle.AttemptState;
import org.gridmint.core.lifecycle.Lifecycles;
import org.gridmint.core.lifecycle.Lifecycles.AttemptEvent;
import org.gridmint.core.lifecycle.Lifecycles.TaskEvent;
import org.gridmint.core.lifecycle.TaskState;
import org.gridmint.core.money.Credits;

/**
 * How a task and its current attempt move together. Every method checks both transitions against the
 * tables in {@link Lifecycles} and throws {@link org.gridmint.core.lifecycle.IllegalTransitionException}
 * on an illegal one, so a caller can never persist half a move.
 */
public final class TaskRules {
    private TaskRules() {}

    /** A task and its attempt after one step. */
    public record Step(TaskRecord task, AttemptRecord attempt) {}

    public static Step assign(TaskRecord task, AttemptId attemptId, ProviderId provider, Instant now, Duration lease) {
        return assign(task, attemptId, provider, now, lease, null);
    }

    /** Assigns the task at {@code ask} per hour, the price its payment will use (null: none agreed, the provider's price then). */
    public static Step assign(TaskRecord task, AttemptId attemptId, ProviderId provider, Instant now, Duration lease, Credits ask) {
        TaskState to = Lifecycles.TASK.apply(task.state(), TaskEvent.ASSIGNED).orThrow();
        var attempt = new AttemptRecord(attemptId, task.id(), task.attempts() + 1, provider, AttemptState.ASSIGNED,
                null, null, null, now, null, null, now.plus(lease), null, ask);
        var t = new TaskRecord(task.id(), to, task.attempts() + 1, task.failures(), task.lastFailedProvider(), task.lastReason(), now);
        return new Step(t, attempt);
    }

    /** A heartbeat: the first one starts the attempt; each extends the lease. */
    public static Step heartbeat(TaskRecord task, AttemptRecord a, String progress, Instant now, Duration lease) {
        requireCurrent(task, a);
        if (a.state() == AttemptState.ASSIGNED) {
            AttemptState as = Lifecycles.ATTEMPT.apply(a.state(), AttemptEvent.STARTED).orThrow();
            TaskState ts = Lifecycles.TASK.apply(task.state(), TaskEvent.STARTED).orThrow();
            return new Step(withState(task, ts, now),
                    a.with(as, now, null, now.plus(lease), null, null, null, progress));
        }
        if (a.state() != AttemptState.RUNNING)
            throw new org.gridmint.core.lifecycle.IllegalTransitionException("attempt " + a.id() + " is " + a.state() + " and takes no heartbeat");
        return new Step(task, a.with(a.state(), a.startedAt(), null, now.plus(lease), null, null, null,
                progress == null ? a.progress() : progress));
    }

    public static Step succeed(TaskRecord task, AttemptRecord a, Integer exitCode, Instant now) {
        requireCurrent(task, a);
        AttemptState as = Lifecycles.ATTEMPT.apply(a.state(), AttemptEvent.SUCCEEDED).orThrow();
        TaskState ts = Lifecycles.TASK.apply(task.state(), TaskEvent.SUCCEEDED).orThrow();
        return new Step(withState(task, ts, now),
                a.with(as, a.startedAt() == null ? now : a.startedAt(), now, a.leaseExpiresAt(), null, null, exitCode, a.progress()));
    }

    /**
     * Ends the current attempt without success. The task goes back to PENDING while it has retries left,
     * else it FAILS; a CANCELLED reason cancels the task instead.
     *
     * @param retries the job's retry limit: how many counted failures a task survives
     */
    public static Step endAttempt(TaskRecord task, AttemptRecord a, AttemptReason reason, String message, Integer exitCode,
                                  int retries, Instant now) {
        requireCurrent(task, a);
        AttemptEvent ev = switch (reason) {
            case PROVIDER_LOST -> AttemptEvent.LOST;
            case CANCELLED -> AttemptEvent.CANCELLED;
            default -> AttemptEvent.FAILED;
        };
        AttemptState as = Lifecycles.ATTEMPT.apply(a.state(), ev).orThrow();
        var ended = a.with(as, a.startedAt(), now, a.leaseExpiresAt(), reason, message, exitCode, a.progress());
        if (reason == AttemptReason.CANCELLED) {
            TaskState ts = Lifecycles.TASK.apply(task.state(), TaskEvent.CANCELLED).orThrow();
            return new Step(withState(task, ts, now), ended);
        }
        int failures = task.failures() + (reason.countsAgainstRetries() ? 1 : 0);
        TaskEvent te = failures > retries ? TaskEvent.FAILED : TaskEvent.REQUEUED;
        TaskState ts = Lifecycles.TASK.apply(task.state(), te).orThrow();
        ProviderId avoid = reason.countsAgainstRetries() ? a.provider() : task.lastFailedProvider();
        return new Step(new TaskRecord(task.id(), ts, task.attempts(), failures, avoid, reason, now), ended);
    }

    /** Cancels a task that no provider holds. */
    public static TaskRecord cancelPending(TaskRecord task, Instant now) {
        if (task.state() != TaskState.PENDING)
            throw new org.gridmint.core.lifecycle.IllegalTransitionException("task " + task.id() + " is " + task.state() + ", not PENDING");
        return withState(task, Lifecycles.TASK.apply(task.state(), TaskEvent.CANCELLED).orThrow(), now);
    }

    /** True when the lease has run out at {@code now}: the provider is presumed lost. */
    public static boolean leaseExpired(AttemptRecord a, Instant now) {
        return !a.state().isFinal() && !now.isBefore(a.leaseExpiresAt());
    }

    private static void requireCurrent(TaskRecord task, AttemptRecord a) {
        if (!a.task().equals(task.id()) || a.number() != task.attempts())
            throw new org.gridmint.core.lifecycle.IllegalTransitionException(
                    "attempt " + a.id() + " (#" + a.number() + ") is not the current attempt of task " + task.id());
    }

    private static TaskRecord withState(TaskRecord t, TaskState s, Instant now) {
        return new TaskRecord(t.id(), s, t.attempts(), t.failures(), t.lastFailedProvider(), t.lastReason(), now);
    }
}

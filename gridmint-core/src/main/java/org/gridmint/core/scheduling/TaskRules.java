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
 * How a task and its live attempts move together. Every method checks every transition against the
 * tables in {@link Lifecycles} and throws {@link org.gridmint.core.lifecycle.IllegalTransitionException}
 * on an illegal one, so a caller can never persist half a move.
 *
 * <p>A task has one live attempt, or two while a backup ({@link #backup}) races it: then the first to succeed wins and
 * the other is superseded, and one that ends without success leaves the task running on the other, which may then be
 * backed up again. The
 * methods that take {@code other} need the task's other live attempt, or null when it has none; the older overloads
 * are for a task known to have one.
 */
public final class TaskRules {
    private TaskRules() {}

    /** A task and its attempt after one step. */
    public record Step(TaskRecord task, AttemptRecord attempt) {}

    /** A task after one step that may touch both its live attempts: {@code other} as it is afterwards, null if there was none. */
    public record Outcome(TaskRecord task, AttemptRecord attempt, AttemptRecord other) {
        public Step step() {
            return new Step(task, attempt);
        }
    }

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

    /**
     * Starts a backup of a RUNNING task beside its only live attempt {@code primary}, on another provider: attempt
     * number {@code attempts + 1}, ASSIGNED, with a lease from {@code now}. An attempt that outlived its backup (the
     * backup failed or was lost) may take another, whatever its number: the caller passes the task's only live attempt,
     * and the task's two live attempts then need not have adjacent numbers.
     */
    public static Step backup(TaskRecord task, AttemptRecord primary, AttemptId attemptId, ProviderId provider, Instant now, Duration lease) {
        return backup(task, primary, attemptId, provider, now, lease, null);
    }

    /** As {@link #backup(TaskRecord, AttemptRecord, AttemptId, ProviderId, Instant, Duration)}, at {@code ask} per hour (null: none agreed). */
    public static Step backup(TaskRecord task, AttemptRecord primary, AttemptId attemptId, ProviderId provider, Instant now, Duration lease,
                              Credits ask) {
        requireCurrent(task, primary);
        if (primary.state().isFinal())
            throw new org.gridmint.core.lifecycle.IllegalTransitionException("attempt " + primary.id() + " is " + primary.state() + " and takes no backup");
        if (primary.provider().equals(provider))
            throw new org.gridmint.core.lifecycle.IllegalTransitionException("a backup of task " + task.id() + " must run on another provider than "
                    + provider + ", which runs attempt " + primary.id());
        TaskState to = Lifecycles.TASK.apply(task.state(), TaskEvent.BACKED_UP).orThrow();
        var attempt = new AttemptRecord(attemptId, task.id(), task.attempts() + 1, provider, AttemptState.ASSIGNED,
                null, null, null, now, null, null, now.plus(lease), null, ask);
        return new Step(new TaskRecord(task.id(), to, task.attempts() + 1, task.failures(), task.lastFailedProvider(), task.lastReason(), now), attempt);
    }

    /** A heartbeat: the first one starts the attempt; each extends the lease. */
    public static Step heartbeat(TaskRecord task, AttemptRecord a, String progress, Instant now, Duration lease) {
        requireCurrent(task, a);
        if (a.state() == AttemptState.ASSIGNED) {
            AttemptState as = Lifecycles.ATTEMPT.apply(a.state(), AttemptEvent.STARTED).orThrow();
            // A backup's first heartbeat: its task runs already, on the attempt it backs up, and stays as it is.
            TaskRecord t = task.state() == TaskState.RUNNING ? task
                    : withState(task, Lifecycles.TASK.apply(task.state(), TaskEvent.STARTED).orThrow(), now);
            return new Step(t,
                    a.with(as, now, null, now.plus(lease), null, null, null, progress));
        }
        if (a.state() != AttemptState.RUNNING)
            throw new org.gridmint.core.lifecycle.IllegalTransitionException("attempt " + a.id() + " is " + a.state() + " and takes no heartbeat");
        return new Step(task, a.with(a.state(), a.startedAt(), null, now.plus(lease), null, null, null,
                progress == null ? a.progress() : progress));
    }

    public static Step succeed(TaskRecord task, AttemptRecord a, Integer exitCode, Instant now) {
        return succeed(task, a, null, exitCode, now).step();
    }

    /** The task succeeds with {@code a}; its other live attempt, if any, is CANCELLED as SUPERSEDED. */
    public static Outcome succeed(TaskRecord task, AttemptRecord a, AttemptRecord other, Integer exitCode, Instant now) {
        requireCurrent(task, a);
        requireOther(task, a, other);
        AttemptState as = Lifecycles.ATTEMPT.apply(a.state(), AttemptEvent.SUCCEEDED).orThrow();
        TaskState ts = Lifecycles.TASK.apply(task.state(), TaskEvent.SUCCEEDED).orThrow();
        AttemptRecord loser = null;
        if (other != null) {
            AttemptState os = Lifecycles.ATTEMPT.apply(other.state(), AttemptEvent.SUPERSEDED).orThrow();
            loser = other.with(os, other.startedAt(), now, other.leaseExpiresAt(), AttemptReason.SUPERSEDED,
                    "attempt " + a.id() + " on " + a.provider() + " finished first", null, other.progress());
        }
        return new Outcome(withState(task, ts, now),
                a.with(as, a.startedAt() == null ? now : a.startedAt(), now, a.leaseExpiresAt(), null, null, exitCode, a.progress()), loser);
    }

    /**
     * Verification: {@code a} ran to the end and reported a result, but the task needs more results before a verdict.
     * {@code a} SUCCEEDS (its result waits for the verdict, which may still {@link #reject} it); the task goes back to
     * PENDING for a replica when it has no other live attempt, and runs on with {@code other} when it has one (that
     * attempt is then the replica). Nothing is counted against retries: a result is no failure, so the task waits for its
     * replica even when a backup's failure spent its retries (the replica's own failure then fails it).
     */
    public static Outcome report(TaskRecord task, AttemptRecord a, AttemptRecord other, Integer exitCode, Instant now) {
        requireCurrent(task, a);
        requireOther(task, a, other);
        AttemptState as = Lifecycles.ATTEMPT.apply(a.state(), AttemptEvent.SUCCEEDED).orThrow();
        TaskState ts = Lifecycles.TASK.apply(task.state(), other == null ? TaskEvent.REPORTED : TaskEvent.REPORTED_RUNNING_ON).orThrow();
        return new Outcome(withState(task, ts, now),
                a.with(as, a.startedAt() == null ? now : a.startedAt(), now, a.leaseExpiresAt(), null, null, exitCode, a.progress()), other);
    }

    /**
     * Verification: {@code a}'s reported result lost a verdict; it becomes REJECTED, keeping when it ended and how, with
     * {@code message} (the verdict's evidence in words). The task is not touched: the verdict moves it.
     */
    public static AttemptRecord reject(AttemptRecord a, String message, Instant now) {
        AttemptState as = Lifecycles.ATTEMPT.apply(a.state(), AttemptEvent.REJECTED).orThrow();
        if (message == null || message.isBlank()) throw new IllegalArgumentException("rejecting attempt " + a.id() + " needs a message saying why");
        return a.with(as, a.startedAt(), a.endedAt() == null ? now : a.endedAt(), a.leaseExpiresAt(), null, message, a.exitCode(), a.progress());
    }

    /**
     * Verification: {@code a} reported the result that was the task's last chance, and its results still form no quorum.
     * {@code a} SUCCEEDS (it ran; nobody is convicted), the task FAILS with {@link AttemptReason#NO_QUORUM} as its last
     * reason (counted against retries, but blaming no provider), and {@code other}, if any, is CANCELLED for the same
     * reason: no result of it could help any more.
     */
    public static Outcome noQuorum(TaskRecord task, AttemptRecord a, AttemptRecord other, String message, Instant now) {
        requireCurrent(task, a);
        requireOther(task, a, other);
        AttemptState as = Lifecycles.ATTEMPT.apply(a.state(), AttemptEvent.SUCCEEDED).orThrow();
        TaskState ts = Lifecycles.TASK.apply(task.state(), TaskEvent.FAILED).orThrow();
        AttemptRecord cancelled = null;
        if (other != null) {
            AttemptState os = Lifecycles.ATTEMPT.apply(other.state(), AttemptEvent.CANCELLED).orThrow();
            cancelled = other.with(os, other.startedAt(), now, other.leaseExpiresAt(), AttemptReason.NO_QUORUM, message, null, other.progress());
        }
        var t = new TaskRecord(task.id(), ts, task.attempts(), task.failures() + 1, task.lastFailedProvider(), AttemptReason.NO_QUORUM, now);
        return new Outcome(t, a.with(as, a.startedAt() == null ? now : a.startedAt(), now, a.leaseExpiresAt(), null, message, a.exitCode(),
                a.progress()), cancelled);
    }

    /**
     * Verification: a full check doubts the accepted result of a SUCCEEDED task (its provider was caught cheating), so
     * the task waits for a replica again. Its attempts and failures stay as they are.
     */
    public static TaskRecord reopen(TaskRecord task, Instant now) {
        return withState(task, Lifecycles.TASK.apply(task.state(), TaskEvent.REOPENED).orThrow(), now);
    }

    /**
     * Ends the current attempt without success. The task goes back to PENDING while it has retries left,
     * else it FAILS; a CANCELLED reason cancels the task instead.
     *
     * @param retries the job's retry limit: how many counted failures a task survives
     */
    public static Step endAttempt(TaskRecord task, AttemptRecord a, AttemptReason reason, String message, Integer exitCode,
                                  int retries, Instant now) {
        return endAttempt(task, a, null, reason, message, exitCode, retries, now).step();
    }

    /**
     * Ends {@code a} without success. A CANCELLED reason cancels the task and its other live attempt too. Otherwise,
     * with another live attempt the task runs on with it (the failure still counts against retries and is still
     * {@code a}'s provider's); without one it is requeued, or fails once its retries are spent. SUPERSEDED is only
     * ever the result of {@link #succeed}, and NO_QUORUM of {@link #noQuorum}, never a reason to end an attempt with.
     */
    public static Outcome endAttempt(TaskRecord task, AttemptRecord a, AttemptRecord other, AttemptReason reason, String message,
                                     Integer exitCode, int retries, Instant now) {
        requireCurrent(task, a);
        requireOther(task, a, other);
        AttemptEvent ev = switch (reason) {
            case PROVIDER_LOST -> AttemptEvent.LOST;
            case CANCELLED -> AttemptEvent.CANCELLED;
            case SUPERSEDED -> AttemptEvent.SUPERSEDED;
            default -> AttemptEvent.FAILED;
        };
        AttemptState as = Lifecycles.ATTEMPT.apply(a.state(), ev).orThrow();
        if (reason == AttemptReason.SUPERSEDED)
            throw new org.gridmint.core.lifecycle.IllegalTransitionException("attempt " + a.id() + " can be superseded only by another attempt's success");
        if (reason == AttemptReason.NO_QUORUM)
            throw new org.gridmint.core.lifecycle.IllegalTransitionException("attempt " + a.id() + " can end for want of a quorum only through a verdict (noQuorum)");
        var ended = a.with(as, a.startedAt(), now, a.leaseExpiresAt(), reason, message, exitCode, a.progress());
        if (reason == AttemptReason.CANCELLED) {
            TaskState ts = Lifecycles.TASK.apply(task.state(), TaskEvent.CANCELLED).orThrow();
            AttemptRecord cancelled = null;
            if (other != null) {
                AttemptState os = Lifecycles.ATTEMPT.apply(other.state(), AttemptEvent.CANCELLED).orThrow();
                cancelled = other.with(os, other.startedAt(), now, other.leaseExpiresAt(), reason, message, null, other.progress());
            }
            return new Outcome(withState(task, ts, now), ended, cancelled);
        }
        int failures = task.failures() + (reason.countsAgainstRetries() ? 1 : 0);
        TaskEvent te = other != null ? TaskEvent.DROPPED : failures > retries ? TaskEvent.FAILED : TaskEvent.REQUEUED;
        TaskState ts = Lifecycles.TASK.apply(task.state(), te).orThrow();
        ProviderId avoid = reason.countsAgainstRetries() ? a.provider() : task.lastFailedProvider();
        return new Outcome(new TaskRecord(task.id(), ts, task.attempts(), failures, avoid, reason, now), ended, other);
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

    /**
     * The attempt may act on the task: it is the task's latest, or, while the task runs, an earlier one that a backup
     * races or that outlived its backups. An attempt of an earlier assignment cycle never acts again: the task went
     * back to PENDING only once none of its attempts lived, so such an attempt is final, and {@link Lifecycles#ATTEMPT}
     * takes no event on a final attempt (nor {@link #backup} a final primary); while the task is not RUNNING only its
     * latest attempt acts at all. Numbers alone cannot tell cycles apart once a re-backed-up task's live attempts are
     * not adjacent, so this relies on the caller passing attempts as stored, as every caller does.
     */
    private static void requireCurrent(TaskRecord task, AttemptRecord a) {
        boolean latest = a.number() == task.attempts();
        boolean earlier = task.state() == TaskState.RUNNING && a.number() >= 1 && a.number() < task.attempts();
        if (!a.task().equals(task.id()) || !(latest || earlier))
            throw new org.gridmint.core.lifecycle.IllegalTransitionException(
                    "attempt " + a.id() + " (#" + a.number() + ") is not the current attempt of task " + task.id());
    }

    private static void requireOther(TaskRecord task, AttemptRecord a, AttemptRecord other) {
        if (other == null) return;
        requireCurrent(task, other);
        if (other.id().equals(a.id()) || other.number() == a.number())
            throw new IllegalArgumentException("attempt " + a.id() + " cannot race itself");
    }

    private static TaskRecord withState(TaskRecord t, TaskState s, Instant now) {
        return new TaskRecord(t.id(), s, t.attempts(), t.failures(), t.lastFailedProvider(), t.lastReason(), now);
    }
}

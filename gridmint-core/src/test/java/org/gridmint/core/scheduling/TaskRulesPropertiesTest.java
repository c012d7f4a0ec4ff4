package org.gridmint.core.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.core.CoreFixtures.LEASE;
import static org.gridmint.core.CoreFixtures.NOW;
import static org.gridmint.core.CoreFixtures.attemptId;
import static org.gridmint.core.CoreFixtures.providerId;
import static org.gridmint.core.CoreFixtures.task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.gridmint.core.RandomCases;
import org.gridmint.core.lifecycle.AttemptReason;
import org.gridmint.core.lifecycle.AttemptState;
import org.gridmint.core.lifecycle.IllegalTransitionException;
import org.gridmint.core.lifecycle.TaskState;
import org.junit.jupiter.api.Test;

/**
 * Random event sequences applied to one task through {@link TaskRules}, checked against a small model:
 * each event is legal or not by the model, a legal one moves as the model says, an illegal one throws and
 * the records before it stay usable, and the task's invariants hold after every event.
 */
class TaskRulesPropertiesTest {
    private static final int CASES = 1000;
    private static final int MAX_OPS = 40;

    /** REPORT, REJECT, NO_QUORUM and REOPEN are verification's moves: a result that needs company, a verdict, a full check. */
    enum Kind { ASSIGN, HEARTBEAT, SUCCEED, END, CANCEL_PENDING, EXPIRE_LEASES, JUMP_TO_LEASE_EXPIRY, REPORT, REJECT, NO_QUORUM, REOPEN }

    /**
     * One event. {@code stale} aims it at an earlier attempt instead of the current one; {@code advanceMillis}
     * moves the clock first; {@code provider} picks one of three providers for an assignment.
     */
    record Op(Kind kind, AttemptReason reason, boolean stale, int provider, long advanceMillis) {}

    /** How often each kind of event comes, relative to the others, in {@link Kind} order. */
    private static final int[] KIND_WEIGHTS = {4, 3, 1, 3, 1, 2, 1, 2, 1, 1, 1};
    private static final int KIND_WEIGHTS_SUM = IntStream.of(KIND_WEIGHTS).sum();

    /** One run: the task's retry budget and the events applied to it. */
    record Run(int retries, List<Op> ops) {}

    static Run run(RandomGenerator r) {
        int retries = r.nextInt(6);
        int size = r.nextInt(MAX_OPS + 1);
        List<Op> ops = new ArrayList<>(size);
        for (int i = 0; i < size; i++) ops.add(op(r));
        return new Run(retries, List.copyOf(ops));
    }

    static Op op(RandomGenerator r) {
        int w = r.nextInt(KIND_WEIGHTS_SUM);
        int k = 0;
        while (w >= KIND_WEIGHTS[k]) w -= KIND_WEIGHTS[k++];
        AttemptReason[] reasons = AttemptReason.values();
        return new Op(Kind.values()[k], reasons[r.nextInt(reasons.length)], r.nextInt(5) == 0, r.nextInt(3),
                RandomCases.between(r, 0, 2 * LEASE.toMillis()));
    }

    @Test
    void randomEvents_keepTaskAndAttemptsConsistent() {
        Map<TaskState, Integer> finalStates = new EnumMap<>(TaskState.class);
        int[] endedByLostLease = {0};
        int[] verified = new int[4]; // runs with a report, a rejection, a no-quorum failure, a reopening
        RandomCases.forEach(CASES, 0x7461736B73L, TaskRulesPropertiesTest::run, run -> {
            var m = new Model(run.retries());
            for (int i = 0; i < run.ops().size(); i++) {
                try {
                    m.apply(run.ops().get(i));
                    m.checkInvariants();
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError("at op " + i + " " + run.ops().get(i) + ": " + e.getMessage(), e);
                }
            }
            finalStates.merge(m.task.state(), 1, Integer::sum);
            if (m.lostLeases > 0) endedByLostLease[0]++;
            if (m.reports > 0) verified[0]++;
            if (m.rejections > 0) verified[1]++;
            if (m.noQuorums > 0) verified[2]++;
            if (m.reopens > 0) verified[3]++;
        });

        // Enough runs end each way for the checks above to have seen it.
        String seen = "final task states over " + CASES + " runs: " + finalStates;
        for (TaskState s : List.of(TaskState.SUCCEEDED, TaskState.FAILED, TaskState.CANCELLED))
            assertThat(finalStates.getOrDefault(s, 0)).as(seen).isGreaterThan(CASES * 2 / 100);
        assertThat(endedByLostLease[0]).as("runs in which a lease expired").isGreaterThan(CASES * 5 / 100);
        String moves = "runs with a report, a rejection, a no-quorum failure, a reopening: " + java.util.Arrays.toString(verified);
        for (int n : verified) assertThat(n).as(moves).isGreaterThan(CASES * 5 / 100);
    }

    /** The task as seen through the rules, plus what the model expects of it. */
    private static final class Model {
        final int retries;
        TaskRecord task = task();
        final List<AttemptRecord> attempts = new ArrayList<>();
        Instant now = NOW;
        int lostLeases;
        int succeeds;
        int reports;
        int rejections;
        int noQuorums;
        int reopens;
        TaskState before;
        Kind last;

        Model(int retries) {
            this.retries = retries;
        }

        void apply(Op op) {
            before = task.state();
            last = op.kind();
            now = now.plusMillis(op.advanceMillis());
            switch (op.kind()) {
                case ASSIGN -> {
                    int n = attempts.size() + 1;
                    var provider = providerId("p" + op.provider());
                    step(task.state() == TaskState.PENDING, () -> TaskRules.assign(task, attemptId(n), provider, now, LEASE), s -> {
                        assertThat(s.task().state()).isEqualTo(TaskState.ASSIGNED);
                        assertThat(s.attempt().number()).isEqualTo(n);
                        assertThat(s.attempt().state()).isEqualTo(AttemptState.ASSIGNED);
                        assertThat(s.attempt().leaseExpiresAt()).isEqualTo(now.plus(LEASE));
                    });
                }
                case HEARTBEAT -> onTarget(op, a -> () -> TaskRules.heartbeat(task, a, null, now, LEASE), s -> {
                    assertThat(s.task().state()).isEqualTo(TaskState.RUNNING);
                    assertThat(s.attempt().state()).isEqualTo(AttemptState.RUNNING);
                    assertThat(s.attempt().leaseExpiresAt()).isEqualTo(now.plus(LEASE));
                });
                case SUCCEED -> onTarget(op, a -> () -> TaskRules.succeed(task, a, 0, now), s -> {
                    assertThat(s.task().state()).isEqualTo(TaskState.SUCCEEDED);
                    assertThat(s.attempt().state()).isEqualTo(AttemptState.SUCCEEDED);
                    succeeds++;
                });
                case END -> {
                    int failuresBefore = task.failures();
                    // Only another attempt's success supersedes one, and only a verdict finds no quorum.
                    boolean allowed = op.reason() != AttemptReason.SUPERSEDED && op.reason() != AttemptReason.NO_QUORUM;
                    onTarget(op, allowed, a -> () -> TaskRules.endAttempt(task, a, op.reason(), null, null, retries, now),
                            s -> checkEnded(s, op.reason(), failuresBefore));
                }
                case REPORT -> {
                    int failuresBefore = task.failures();
                    onTarget(op, a -> () -> TaskRules.report(task, a, null, 0, now).step(), s -> {
                        assertThat(s.task().state()).as("the task waits for a replica").isEqualTo(TaskState.PENDING);
                        assertThat(s.attempt().state()).isEqualTo(AttemptState.SUCCEEDED);
                        assertThat(s.task().failures()).isEqualTo(failuresBefore);
                        reports++;
                    });
                }
                case NO_QUORUM -> {
                    int failuresBefore = task.failures();
                    onTarget(op, a -> () -> TaskRules.noQuorum(task, a, null, "no quorum", now).step(), s -> {
                        assertThat(s.task().state()).isEqualTo(TaskState.FAILED);
                        assertThat(s.task().lastReason()).isEqualTo(AttemptReason.NO_QUORUM);
                        assertThat(s.task().failures()).isEqualTo(failuresBefore + 1);
                        assertThat(s.attempt().state()).isEqualTo(AttemptState.SUCCEEDED);
                        noQuorums++;
                    });
                }
                case REJECT -> {
                    // A verdict may reject any reported result, of this cycle or an earlier one; it never moves the task.
                    if (attempts.isEmpty()) return;
                    AttemptRecord a = attempts.get(op.provider() % attempts.size());
                    if (a.state() == AttemptState.SUCCEEDED) {
                        var rejected = TaskRules.reject(a, "lost the verdict", now);
                        assertThat(rejected.state()).isEqualTo(AttemptState.REJECTED);
                        assertThat(rejected.endedAt()).isEqualTo(a.endedAt());
                        attempts.set(a.number() - 1, rejected);
                        rejections++;
                    } else {
                        assertThatThrownBy(() -> TaskRules.reject(a, "lost the verdict", now)).isInstanceOf(IllegalTransitionException.class);
                    }
                }
                case REOPEN -> {
                    TaskRecord was = task;
                    if (task.state() == TaskState.SUCCEEDED) {
                        task = TaskRules.reopen(task, now);
                        assertThat(task.state()).isEqualTo(TaskState.PENDING);
                        assertThat(task.attempts()).isEqualTo(was.attempts());
                        assertThat(task.failures()).isEqualTo(was.failures());
                        reopens++;
                    } else {
                        assertThatThrownBy(() -> TaskRules.reopen(was, now)).isInstanceOf(IllegalTransitionException.class);
                        assertThat(task).isSameAs(was);
                    }
                }
                case CANCEL_PENDING -> {
                    TaskRecord before = task;
                    if (task.state() == TaskState.PENDING) {
                        task = TaskRules.cancelPending(task, now);
                        assertThat(task.state()).isEqualTo(TaskState.CANCELLED);
                    } else {
                        assertThatThrownBy(() -> TaskRules.cancelPending(before, now)).isInstanceOf(IllegalTransitionException.class);
                        assertThat(task).isSameAs(before);
                    }
                }
                case JUMP_TO_LEASE_EXPIRY -> {
                    // Land exactly on the expiry instant: the boundary counts as expired.
                    AttemptRecord a = current();
                    if (a != null && !a.state().isFinal() && now.isBefore(a.leaseExpiresAt())) now = a.leaseExpiresAt();
                    expireLeases();
                }
                case EXPIRE_LEASES -> expireLeases();
            }
        }

        /** What the lease sweeper does: end an attempt whose lease has run out as PROVIDER_LOST. */
        private void expireLeases() {
            AttemptRecord a = current();
            if (a == null || !TaskRules.leaseExpired(a, now)) return;
            assertThat(now).isAfterOrEqualTo(a.leaseExpiresAt());
            int failuresBefore = task.failures();
            var s = TaskRules.endAttempt(task, a, AttemptReason.PROVIDER_LOST, null, null, retries, now);
            accept(s);
            lostLeases++;
            assertThat(s.attempt().state()).isEqualTo(AttemptState.LOST);
            assertThat(s.task().state()).isIn(TaskState.PENDING, TaskState.FAILED);
            checkEnded(s, AttemptReason.PROVIDER_LOST, failuresBefore);
        }

        private void checkEnded(TaskRules.Step s, AttemptReason reason, int failuresBefore) {
            AttemptState expectedAttempt = switch (reason) {
                case PROVIDER_LOST -> AttemptState.LOST;
                case CANCELLED -> AttemptState.CANCELLED;
                default -> AttemptState.FAILED;
            };
            assertThat(s.attempt().state()).isEqualTo(expectedAttempt);
            assertThat(s.attempt().reason()).isEqualTo(reason);
            if (reason == AttemptReason.CANCELLED) {
                assertThat(s.task().state()).isEqualTo(TaskState.CANCELLED);
                assertThat(s.task().failures()).isEqualTo(failuresBefore);
                return;
            }
            int failures = failuresBefore + (reason.countsAgainstRetries() ? 1 : 0);
            assertThat(s.task().failures()).isEqualTo(failures);
            assertThat(s.task().state()).isEqualTo(failures > retries ? TaskState.FAILED : TaskState.PENDING);
            if (reason.countsAgainstRetries()) assertThat(s.task().lastFailedProvider()).isEqualTo(s.attempt().provider());
        }

        /** Aims an event at the current attempt, or at an earlier one when the op says stale. */
        private void onTarget(Op op, Function<AttemptRecord, Supplier<TaskRules.Step>> call,
                              Consumer<TaskRules.Step> then) {
            onTarget(op, true, call, then);
        }

        private void onTarget(Op op, boolean allowed, Function<AttemptRecord, Supplier<TaskRules.Step>> call,
                              Consumer<TaskRules.Step> then) {
            if (attempts.isEmpty()) return;
            boolean stale = op.stale() && attempts.size() > 1;
            AttemptRecord a = stale ? attempts.get(op.provider() % (attempts.size() - 1)) : current();
            step(allowed && !stale && !a.state().isFinal(), call.apply(a), then);
        }

        private void step(boolean legal, Supplier<TaskRules.Step> call, Consumer<TaskRules.Step> then) {
            TaskRecord taskBefore = task;
            List<AttemptRecord> attemptsBefore = List.copyOf(attempts);
            if (legal) {
                var s = call.get();
                then.accept(s);
                accept(s);
            } else {
                assertThatThrownBy(call::get).isInstanceOf(IllegalTransitionException.class);
                assertThat(task).isSameAs(taskBefore);
                assertThat(attempts).isEqualTo(attemptsBefore);
            }
        }

        private void accept(TaskRules.Step s) {
            assertThat(s.task().updatedAt()).as("a step stamps the task or leaves it as it was").isIn(now, task.updatedAt());
            task = s.task();
            if (s.attempt().number() > attempts.size()) attempts.add(s.attempt());
            else attempts.set(s.attempt().number() - 1, s.attempt());
        }

        private AttemptRecord current() {
            return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
        }

        void checkInvariants() {
            if (before == TaskState.FAILED || before == TaskState.CANCELLED) assertThat(task.state()).as("a failed or cancelled task never moves").isEqualTo(before);
            if (before == TaskState.SUCCEEDED && task.state() != before)
                assertThat(last).as("only a full check moves an accepted task, back to the queue").isEqualTo(Kind.REOPEN);

            assertThat(task.attempts()).isEqualTo(attempts.size());
            for (int i = 0; i < attempts.size(); i++) {
                AttemptRecord a = attempts.get(i);
                assertThat(a.number()).as("attempt numbers are 1..n").isEqualTo(i + 1);
                assertThat(a.id()).isEqualTo(attemptId(i + 1));
                if (i < attempts.size() - 1) assertThat(a.state().isFinal()).as("only the latest attempt may be open").isTrue();
            }
            AttemptRecord last = current();
            assertThat(task.state().isActive()).isEqualTo(last != null && !last.state().isFinal());

            // Every result is an attempt that SUCCEEDED (or was later REJECTED): an acceptance, a report, or the last word of
            // a task without a quorum. The task is accepted exactly while its latest acceptance was not reopened.
            long results = attempts.stream().filter(a -> a.state() == AttemptState.SUCCEEDED || a.state() == AttemptState.REJECTED).count();
            assertThat(results).as("results").isEqualTo(succeeds + reports + noQuorums);
            assertThat(attempts.stream().filter(a -> a.state() == AttemptState.REJECTED).count()).isEqualTo(rejections);
            assertThat(succeeds - reopens).as("acceptances not reopened").isBetween(0, 1);
            assertThat(task.state() == TaskState.SUCCEEDED).isEqualTo(succeeds - reopens == 1);

            long counted = attempts.stream().filter(a -> a.reason() != null && a.reason().countsAgainstRetries()).count();
            assertThat(task.failures()).as("counted endings plus a failure for want of a quorum").isEqualTo((int) counted + noQuorums)
                    .isLessThanOrEqualTo(task.attempts());
            boolean noQuorum = task.lastReason() == AttemptReason.NO_QUORUM;
            assertThat(noQuorum).isEqualTo(noQuorums > 0);
            if (noQuorum) assertThat(task.state()).as("no quorum fails the task whatever its retries").isEqualTo(TaskState.FAILED);
            else if (task.state() != TaskState.CANCELLED && task.state() != TaskState.SUCCEEDED)
                assertThat(task.failures() > retries).as("failures > retries iff FAILED").isEqualTo(task.state() == TaskState.FAILED);
            attempts.stream().filter(a -> a.reason() != null && a.reason().countsAgainstRetries())
                    .reduce((first, second) -> second)
                    .ifPresent(a -> assertThat(task.lastFailedProvider()).isEqualTo(a.provider()));
        }
    }
}

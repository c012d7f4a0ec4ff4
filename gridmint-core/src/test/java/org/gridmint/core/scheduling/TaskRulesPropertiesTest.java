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

    enum Kind { ASSIGN, HEARTBEAT, SUCCEED, END, CANCEL_PENDING, EXPIRE_LEASES, JUMP_TO_LEASE_EXPIRY }

    /**
     * One event. {@code stale} aims it at an earlier attempt instead of the current one; {@code advanceMillis}
     * moves the clock first; {@code provider} picks one of three providers for an assignment.
     */
    record Op(Kind kind, AttemptReason reason, boolean stale, int provider, long advanceMillis) {}

    /** How often each kind of event comes, relative to the others, in {@link Kind} order. */
    private static final int[] KIND_WEIGHTS = {4, 3, 1, 3, 1, 2, 1};
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
        });

        // Enough runs end each way for the checks above to have seen it.
        String seen = "final task states over " + CASES + " runs: " + finalStates;
        for (TaskState s : List.of(TaskState.SUCCEEDED, TaskState.FAILED, TaskState.CANCELLED))
            assertThat(finalStates.getOrDefault(s, 0)).as(seen).isGreaterThan(CASES * 2 / 100);
        assertThat(endedByLostLease[0]).as("runs in which a lease expired").isGreaterThan(CASES * 5 / 100);
    }

    /** The task as seen through the rules, plus what the model expects of it. */
    private static final class Model {
        final int retries;
        TaskRecord task = task();
        final List<AttemptRecord> attempts = new ArrayList<>();
        Instant now = NOW;
        TaskState firstFinal;
        int lostLeases;

        Model(int retries) {
            this.retries = retries;
        }

        void apply(Op op) {
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
                });
                case END -> {
                    int failuresBefore = task.failures();
                    // Only another attempt's success supersedes one: a task with one attempt never ends it so.
                    onTarget(op, op.reason() != AttemptReason.SUPERSEDED, a -> () -> TaskRules.endAttempt(task, a, op.reason(), null, null, retries, now),
                            s -> checkEnded(s, op.reason(), failuresBefore));
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
            if (firstFinal != null) assertThat(task.state()).as("a final task never moves").isEqualTo(firstFinal);
            else if (task.state().isFinal()) firstFinal = task.state();

            assertThat(task.attempts()).isEqualTo(attempts.size());
            for (int i = 0; i < attempts.size(); i++) {
                AttemptRecord a = attempts.get(i);
                assertThat(a.number()).as("attempt numbers are 1..n").isEqualTo(i + 1);
                assertThat(a.id()).isEqualTo(attemptId(i + 1));
                if (i < attempts.size() - 1) assertThat(a.state().isFinal()).as("only the latest attempt may be open").isTrue();
            }
            AttemptRecord last = current();
            assertThat(task.state().isActive()).isEqualTo(last != null && !last.state().isFinal());

            long succeeded = attempts.stream().filter(a -> a.state() == AttemptState.SUCCEEDED).count();
            assertThat(succeeded).as("a task never succeeds twice").isLessThanOrEqualTo(1);
            assertThat(task.state() == TaskState.SUCCEEDED).isEqualTo(succeeded == 1);

            long counted = attempts.stream().filter(a -> a.reason() != null && a.reason().countsAgainstRetries()).count();
            assertThat(task.failures()).isEqualTo((int) counted).isLessThanOrEqualTo(task.attempts());
            if (task.state() != TaskState.CANCELLED && task.state() != TaskState.SUCCEEDED)
                assertThat(task.failures() > retries).as("failures > retries iff FAILED").isEqualTo(task.state() == TaskState.FAILED);
            attempts.stream().filter(a -> a.reason() != null && a.reason().countsAgainstRetries())
                    .reduce((first, second) -> second)
                    .ifPresent(a -> assertThat(task.lastFailedProvider()).isEqualTo(a.provider()));
        }
    }
}

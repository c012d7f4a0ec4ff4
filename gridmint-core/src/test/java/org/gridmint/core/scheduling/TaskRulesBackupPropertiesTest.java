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
import java.util.random.RandomGenerator;
import org.gridmint.core.RandomCases;
import org.gridmint.core.lifecycle.AttemptReason;
import org.gridmint.core.lifecycle.AttemptState;
import org.gridmint.core.lifecycle.IllegalTransitionException;
import org.gridmint.core.lifecycle.TaskState;
import org.junit.jupiter.api.Test;

/**
 * Random event sequences on one task that may take backups, driven as the coordinator drives them (each event names
 * one live attempt and passes the other live one, if any): a live attempt can always heartbeat, succeed or end, and
 * after every event at most two attempts live (the latest, and any earlier one of the same assignment cycle that it
 * backs up, also after an earlier backup of it ended), a task runs iff one does, it succeeds at most once and then
 * nothing of it lives, its failures count exactly the ended attempts whose reason counts, and no attempt of an
 * earlier cycle (before a requeue) can act on the task.
 */
class TaskRulesBackupPropertiesTest {
    private static final int CASES = 1000;
    private static final int MAX_OPS = 40;

    enum Kind { ASSIGN, BACKUP, HEARTBEAT, SUCCEED, END, STALE, CANCEL }

    record Op(Kind kind, AttemptReason reason, int pick, int provider) {}

    record Run(int retries, List<Op> ops) {}

    static Run run(RandomGenerator r) {
        List<Op> ops = new ArrayList<>();
        int size = r.nextInt(MAX_OPS + 1);
        AttemptReason[] reasons = AttemptReason.values();
        for (int i = 0; i < size; i++) {
            Kind k = Kind.values()[r.nextInt(Kind.values().length)];
            // Cancels end the run early; keep them rarer so that backups get raced.
            if (k == Kind.CANCEL && r.nextInt(4) > 0) k = Kind.HEARTBEAT;
            // Stale attempts only probe; keep them rarer too, and let backups come as often as before.
            if (k == Kind.STALE && r.nextInt(2) > 0) k = Kind.BACKUP;
            // Successes end the run too: rarer, so that more backups end and are followed by another.
            if (k == Kind.SUCCEED && r.nextInt(2) > 0) k = Kind.BACKUP;
            ops.add(new Op(k, reasons[r.nextInt(reasons.length)], r.nextInt(2), r.nextInt(3)));
        }
        return new Run(r.nextInt(4), List.copyOf(ops));
    }

    @Test
    void randomEventsWithBackups_keepTaskAndAttemptsConsistent() {
        Map<TaskState, Integer> finals = new EnumMap<>(TaskState.class);
        int[] raced = {0};
        int[] rebackedUp = {0};
        int[] stale = {0};
        RandomCases.forEach(CASES, 0x6261636B7570L, TaskRulesBackupPropertiesTest::run, run -> {
            var m = new Model(run.retries());
            for (int i = 0; i < run.ops().size(); i++) {
                try {
                    m.apply(run.ops().get(i));
                    m.checkInvariants();
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError("at op " + i + " " + run.ops().get(i) + ": " + e.getMessage(), e);
                }
            }
            finals.merge(m.task.state(), 1, Integer::sum);
            if (m.backups > 0) raced[0]++;
            if (m.rebackups > 0) rebackedUp[0]++;
            if (m.staleRefused > 0) stale[0]++;
        });
        assertThat(raced[0]).as("runs with a backup").isGreaterThan(CASES / 10);
        assertThat(rebackedUp[0]).as("runs with a second backup of the same attempt, of " + raced[0] + " with a backup").isGreaterThan(CASES / 50);
        assertThat(stale[0]).as("runs where an earlier cycle's attempt tried to act").isGreaterThan(CASES / 50);
        assertThat(finals.getOrDefault(TaskState.SUCCEEDED, 0)).as("runs that succeeded: " + finals).isGreaterThan(CASES / 10);
    }

    private static final class Model {
        final int retries;
        TaskRecord task = task();
        final List<AttemptRecord> attempts = new ArrayList<>();
        Instant now = NOW;
        int backups;
        int staleRefused;
        /** Backups of an attempt that outlived an earlier one. */
        int rebackups;
        /** Attempt numbers of the task's current assignment cycle start here: all before it ended before a requeue. */
        int cycleStart = 1;
        TaskState firstFinal;

        Model(int retries) {
            this.retries = retries;
        }

        List<AttemptRecord> live() {
            return attempts.stream().filter(a -> !a.state().isFinal()).toList();
        }

        void apply(Op op) {
            now = now.plusSeconds(1);
            List<AttemptRecord> live = live();
            AttemptRecord a = live.isEmpty() ? null : live.get(op.pick() % live.size());
            AttemptRecord other = live.size() < 2 ? null : live.get((op.pick() + 1) % 2);
            switch (op.kind()) {
                case ASSIGN -> {
                    if (task.state() != TaskState.PENDING) return;
                    var s = TaskRules.assign(task, attemptId(attempts.size() + 1), providerId("p" + op.provider()), now, LEASE);
                    cycleStart = s.attempt().number();
                    accept(s.task(), s.attempt(), null);
                }
                case BACKUP -> {
                    if (live.size() != 1) return;
                    // The only live attempt of a running task takes a backup, also one that outlived an earlier backup.
                    boolean legal = task.state() == TaskState.RUNNING && !a.provider().equals(providerId("p" + op.provider()));
                    try {
                        boolean again = a.number() < task.attempts();
                        var s = TaskRules.backup(task, a, attemptId(attempts.size() + 1), providerId("p" + op.provider()), now, LEASE);
                        assertThat(legal).as("a backup the rules took").isTrue();
                        accept(s.task(), s.attempt(), null);
                        backups++;
                        if (again) rebackups++;
                    } catch (IllegalTransitionException e) {
                        assertThat(legal).as("a backup the rules refused: " + e.getMessage()).isFalse();
                    }
                }
                case HEARTBEAT -> {
                    if (a == null) return;
                    var s = TaskRules.heartbeat(task, a, null, now, LEASE);
                    accept(s.task(), s.attempt(), null);
                }
                case SUCCEED -> {
                    if (a == null) return;
                    var s = TaskRules.succeed(task, a, other, 0, now);
                    assertThat(s.task().state()).isEqualTo(TaskState.SUCCEEDED);
                    if (other != null) assertThat(s.other().reason()).isEqualTo(AttemptReason.SUPERSEDED);
                    accept(s.task(), s.attempt(), s.other());
                }
                case END -> {
                    if (a == null || op.reason() == AttemptReason.SUPERSEDED) return;
                    int before = task.failures();
                    var s = TaskRules.endAttempt(task, a, other, op.reason(), null, null, retries, now);
                    if (op.reason() != AttemptReason.CANCELLED && other != null)
                        assertThat(s.task().state()).as("one of two ended: the other carries on").isEqualTo(TaskState.RUNNING);
                    assertThat(s.task().failures()).isEqualTo(before + (op.reason().countsAgainstRetries() ? 1 : 0));
                    accept(s.task(), s.attempt(), s.other());
                }
                case STALE -> {
                    // Every attempt of an earlier cycle, as stored, is refused whatever it tries.
                    if (cycleStart == 1) return;
                    AttemptRecord stale = attempts.get(op.pick() % (cycleStart - 1));
                    assertThat(stale.state().isFinal()).as("an attempt of an earlier cycle has ended").isTrue();
                    assertThatThrownBy(() -> TaskRules.heartbeat(task, stale, null, now, LEASE)).isInstanceOf(IllegalTransitionException.class);
                    assertThatThrownBy(() -> TaskRules.succeed(task, stale, a == stale ? null : a, 0, now)).isInstanceOf(IllegalTransitionException.class);
                    assertThatThrownBy(() -> TaskRules.endAttempt(task, stale, null, AttemptReason.EXIT_NONZERO, null, 1, retries, now))
                            .isInstanceOf(IllegalTransitionException.class);
                    assertThatThrownBy(() -> TaskRules.backup(task, stale, attemptId(attempts.size() + 1), providerId("p9"), now, LEASE))
                            .isInstanceOf(IllegalTransitionException.class);
                    staleRefused++;
                }
                case CANCEL -> {
                    if (a == null) return;
                    var s = TaskRules.endAttempt(task, a, other, AttemptReason.CANCELLED, "cancelled", null, retries, now);
                    accept(s.task(), s.attempt(), s.other());
                }
            }
        }

        private void accept(TaskRecord t, AttemptRecord changed, AttemptRecord other) {
            task = t;
            put(changed);
            if (other != null) put(other);
        }

        private void put(AttemptRecord a) {
            if (a.number() > attempts.size()) attempts.add(a);
            else attempts.set(a.number() - 1, a);
        }

        void checkInvariants() {
            if (firstFinal != null) assertThat(task.state()).as("a final task never moves").isEqualTo(firstFinal);
            else if (task.state().isFinal()) firstFinal = task.state();
            assertThat(task.attempts()).isEqualTo(attempts.size());
            List<AttemptRecord> live = live();
            assertThat(live.size()).as("live attempts").isLessThanOrEqualTo(2);
            assertThat(task.state().isActive()).as("a task is active iff an attempt lives: " + attempts).isEqualTo(!live.isEmpty());
            if (live.size() == 2) {
                assertThat(task.state()).isEqualTo(TaskState.RUNNING);
                // The backup is the latest attempt; the one it races may be any earlier one of this cycle.
                assertThat(live.get(1).number()).isEqualTo(task.attempts());
                assertThat(live.get(0).number()).isBetween(cycleStart, task.attempts() - 1);
                assertThat(live.get(0).provider()).isNotEqualTo(live.get(1).provider());
            }
            long succeeded = attempts.stream().filter(x -> x.state() == AttemptState.SUCCEEDED).count();
            assertThat(succeeded).as("a task succeeds once").isLessThanOrEqualTo(1);
            assertThat(task.state() == TaskState.SUCCEEDED).isEqualTo(succeeded == 1);
            boolean superseded = attempts.stream().anyMatch(x -> x.reason() == AttemptReason.SUPERSEDED);
            if (superseded) assertThat(succeeded).as("only a success supersedes").isEqualTo(1);
            long counted = attempts.stream().filter(x -> x.reason() != null && x.reason().countsAgainstRetries()).count();
            assertThat(task.failures()).isEqualTo((int) counted);
            if (task.state() == TaskState.FAILED) assertThat(task.failures()).isGreaterThan(retries);
            if (task.state() == TaskState.PENDING) assertThat(task.failures()).isLessThanOrEqualTo(retries);
        }
    }
}

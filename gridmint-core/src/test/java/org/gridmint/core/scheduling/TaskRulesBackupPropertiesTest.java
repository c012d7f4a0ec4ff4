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
 * earlier cycle (before a requeue) can act on the task. Verification's moves join them: a live attempt may report a
 * result that needs company (the task runs on with the other live attempt, or waits for a replica), a verdict may reject
 * a reported result or fail the task for want of a quorum, and a full check may reopen an accepted task; the same
 * invariants hold, with every result counted.
 */
class TaskRulesBackupPropertiesTest {
    private static final int CASES = 1000;
    private static final int MAX_OPS = 40;

    enum Kind { ASSIGN, BACKUP, HEARTBEAT, SUCCEED, END, STALE, CANCEL, REPORT, REJECT, NO_QUORUM, REOPEN }

    record Op(Kind kind, AttemptReason reason, int pick, int provider) {}

    record Run(int retries, List<Op> ops) {}

    /** Verification's events, as often as they come among them: reports most, no quorum (which ends the run) least. */
    private static final Kind[] VERIFICATION = {Kind.REPORT, Kind.REPORT, Kind.REPORT, Kind.REJECT, Kind.REJECT, Kind.REOPEN, Kind.REOPEN, Kind.NO_QUORUM};

    static Run run(RandomGenerator r) {
        return run(r, false);
    }

    /** With {@code verifying}, one event in five is one of verification's, in a run up to half as long again. */
    static Run run(RandomGenerator r, boolean verifying) {
        List<Op> ops = new ArrayList<>();
        int size = r.nextInt((verifying ? MAX_OPS * 3 / 2 : MAX_OPS) + 1);
        AttemptReason[] reasons = AttemptReason.values();
        for (int i = 0; i < size; i++) {
            Kind k = Kind.values()[r.nextInt(Kind.CANCEL.ordinal() + 1)];
            // Cancels end the run early; keep them rarer so that backups get raced.
            if (k == Kind.CANCEL && r.nextInt(4) > 0) k = Kind.HEARTBEAT;
            // Stale attempts only probe; keep them rarer too, and let backups come as often as before.
            if (k == Kind.STALE && r.nextInt(2) > 0) k = Kind.BACKUP;
            // Successes end the run too: rarer, so that more backups end and are followed by another.
            if (k == Kind.SUCCEED && r.nextInt(2) > 0) k = Kind.BACKUP;
            if (verifying && r.nextInt(5) == 0) k = VERIFICATION[r.nextInt(VERIFICATION.length)];
            ops.add(new Op(k, reasons[r.nextInt(reasons.length)], r.nextInt(2), r.nextInt(3)));
        }
        return new Run(r.nextInt(4), List.copyOf(ops));
    }

    /** What a batch of runs went through, to show that the checks saw each case. */
    private record Seen(Map<TaskState, Integer> finals, int[] counts) {
        static final String NAMES = "backup, second backup, stale refused, report beside a backup, report to the queue, rejection, no quorum, reopening";

        String describe() {
            return "runs with a " + NAMES + ": " + java.util.Arrays.toString(counts) + "; final states " + finals;
        }
    }

    private static Seen check(long seed, java.util.function.Function<RandomGenerator, Run> generate) {
        Map<TaskState, Integer> finals = new EnumMap<>(TaskState.class);
        int[] counts = new int[8];
        RandomCases.forEach(CASES, seed, generate, run -> {
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
            int[] seen = {m.backups, m.rebackups, m.staleRefused, m.reportsRunningOn, m.reportsToQueue, m.rejections, m.noQuorums, m.reopens};
            for (int k = 0; k < seen.length; k++) if (seen[k] > 0) counts[k]++;
        });
        return new Seen(finals, counts);
    }

    @Test
    void randomEventsWithBackups_keepTaskAndAttemptsConsistent() {
        Seen seen = check(0x6261636B7570L, TaskRulesBackupPropertiesTest::run);
        int[] c = seen.counts();
        assertThat(c[0]).as(seen.describe()).isGreaterThan(CASES / 10);
        assertThat(c[1]).as(seen.describe()).isGreaterThan(CASES / 50);
        assertThat(c[2]).as(seen.describe()).isGreaterThan(CASES / 50);
        assertThat(seen.finals().getOrDefault(TaskState.SUCCEEDED, 0)).as(seen.describe()).isGreaterThan(CASES / 10);
    }

    @Test
    void randomEventsWithBackupsAndVerification_keepTaskAndAttemptsConsistent() {
        Seen seen = check(0x7665726966794CL, r -> run(r, true));
        int[] c = seen.counts();
        assertThat(c[0]).as(seen.describe()).isGreaterThan(CASES / 10);
        for (int k = 3; k < c.length; k++) assertThat(c[k]).as(seen.describe()).isGreaterThan(CASES / 50);
        assertThat(seen.finals().getOrDefault(TaskState.SUCCEEDED, 0)).as(seen.describe()).isGreaterThan(CASES / 10);
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
        int succeeds;
        int reportsRunningOn;
        int reportsToQueue;
        int rejections;
        int noQuorums;
        int reopens;
        TaskState before;
        Kind last;

        Model(int retries) {
            this.retries = retries;
        }

        List<AttemptRecord> live() {
            return attempts.stream().filter(a -> !a.state().isFinal()).toList();
        }

        void apply(Op op) {
            before = task.state();
            last = op.kind();
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
                    succeeds++;
                }
                case END -> {
                    if (a == null || op.reason() == AttemptReason.SUPERSEDED || op.reason() == AttemptReason.NO_QUORUM) return;
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
                    assertThatThrownBy(() -> TaskRules.report(task, stale, null, 0, now)).isInstanceOf(IllegalTransitionException.class);
                    assertThatThrownBy(() -> TaskRules.noQuorum(task, stale, null, "none", now)).isInstanceOf(IllegalTransitionException.class);
                    assertThatThrownBy(() -> TaskRules.endAttempt(task, stale, null, AttemptReason.EXIT_NONZERO, null, 1, retries, now))
                            .isInstanceOf(IllegalTransitionException.class);
                    assertThatThrownBy(() -> TaskRules.backup(task, stale, attemptId(attempts.size() + 1), providerId("p9"), now, LEASE))
                            .isInstanceOf(IllegalTransitionException.class);
                    staleRefused++;
                }
                case REPORT -> {
                    if (a == null) return;
                    int failures = task.failures();
                    var s = TaskRules.report(task, a, other, 0, now);
                    assertThat(s.attempt().state()).isEqualTo(AttemptState.SUCCEEDED);
                    assertThat(s.other()).as("the other live attempt runs on untouched").isSameAs(other);
                    assertThat(s.task().failures()).isEqualTo(failures);
                    if (other != null) {
                        assertThat(s.task().state()).isEqualTo(TaskState.RUNNING);
                        reportsRunningOn++;
                    } else {
                        assertThat(s.task().state()).isEqualTo(TaskState.PENDING);
                        reportsToQueue++;
                    }
                    accept(s.task(), s.attempt(), null);
                }
                case REJECT -> {
                    if (attempts.isEmpty()) return;
                    AttemptRecord r = attempts.get((op.pick() + op.provider()) % attempts.size());
                    if (r.state() != AttemptState.SUCCEEDED) {
                        assertThatThrownBy(() -> TaskRules.reject(r, "lost", now)).isInstanceOf(IllegalTransitionException.class);
                        return;
                    }
                    put(TaskRules.reject(r, "lost the verdict", now));
                    rejections++;
                }
                case NO_QUORUM -> {
                    if (a == null) return;
                    int failures = task.failures();
                    var s = TaskRules.noQuorum(task, a, other, "no quorum", now);
                    assertThat(s.task().state()).isEqualTo(TaskState.FAILED);
                    assertThat(s.task().failures()).isEqualTo(failures + 1);
                    if (other != null) assertThat(s.other().state()).isEqualTo(AttemptState.CANCELLED);
                    accept(s.task(), s.attempt(), s.other());
                    noQuorums++;
                }
                case REOPEN -> {
                    if (task.state() != TaskState.SUCCEEDED) {
                        TaskRecord was = task;
                        assertThatThrownBy(() -> TaskRules.reopen(was, now)).isInstanceOf(IllegalTransitionException.class);
                        return;
                    }
                    task = TaskRules.reopen(task, now);
                    reopens++;
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
            if (before == TaskState.FAILED || before == TaskState.CANCELLED) assertThat(task.state()).as("a failed or cancelled task never moves").isEqualTo(before);
            if (before == TaskState.SUCCEEDED && task.state() != before)
                assertThat(last).as("only a full check moves an accepted task, back to the queue").isEqualTo(Kind.REOPEN);
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
            long results = attempts.stream().filter(x -> x.state() == AttemptState.SUCCEEDED || x.state() == AttemptState.REJECTED).count();
            assertThat(results).as("every result is an acceptance, a report or a no-quorum verdict's last word")
                    .isEqualTo(succeeds + reportsRunningOn + reportsToQueue + noQuorums);
            assertThat(succeeds - reopens).as("a task is accepted at most once until a full check reopens it").isBetween(0, 1);
            assertThat(task.state() == TaskState.SUCCEEDED).isEqualTo(succeeds - reopens == 1);
            long superseded = attempts.stream().filter(x -> x.reason() == AttemptReason.SUPERSEDED).count();
            assertThat(superseded).as("only a success supersedes, one attempt at most each").isLessThanOrEqualTo(succeeds);
            // A task without a quorum fails once, counted once, whether or not it also cancelled a live attempt for it.
            long counted = attempts.stream()
                    .filter(x -> x.reason() != null && x.reason() != AttemptReason.NO_QUORUM && x.reason().countsAgainstRetries()).count();
            assertThat(task.failures()).isEqualTo((int) counted + noQuorums);
            if (task.state() == TaskState.FAILED && noQuorums == 0) assertThat(task.failures()).isGreaterThan(retries);
            // A backup's failure may spend the retries while the other attempt runs on; if that one then reports a result,
            // the task waits for a replica all the same: a result is no failure, and the replica's failure will end it.
            if (task.state() == TaskState.PENDING && task.failures() > retries)
                assertThat(attempts.subList(cycleStart - 1, attempts.size())).as("a task past its retries waits only with a result in hand")
                        .anyMatch(x -> x.state() == AttemptState.SUCCEEDED || x.state() == AttemptState.REJECTED);
        }
    }
}

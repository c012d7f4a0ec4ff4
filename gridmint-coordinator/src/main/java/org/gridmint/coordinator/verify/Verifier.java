package org.gridmint.coordinator.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.gridmint.api.BlobRef;
import org.gridmint.coordinator.CoordinatorConfig;
import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.coordinator.Metrics;
import org.gridmint.coordinator.blobs.BlobStore;
import org.gridmint.coordinator.jobs.JobProgress;
import org.gridmint.coordinator.jobs.LiveAttempts;
import org.gridmint.coordinator.store.JobRecord;
import org.gridmint.coordinator.store.ProviderRecord;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.coordinator.store.TaskResult;
import org.gridmint.core.scheduling.AttemptRecord;
import org.gridmint.core.scheduling.TaskRecord;
import org.gridmint.core.scheduling.TaskRules;
import org.gridmint.core.spec.VerifySpec;
import org.gridmint.core.verify.Agreement;
import org.gridmint.core.verify.BlobBytes;
import org.gridmint.core.verify.Comparator;
import org.gridmint.core.verify.Decision;
import org.gridmint.core.verify.Outputs;
import org.gridmint.core.verify.TaskVerification;
import org.gridmint.core.verify.VerificationRules;

/**
 * Takes a verified job's reported results: records each, plans the task's verification at its first result, compares the
 * results so far and applies what core's rules decide, all in the caller's transaction.
 *
 * <p>Concurrency: the random draws for the plans come from one generator owned by the coordinator, used under its lock
 * (draws are rare: one per task). Everything else is the caller's transaction; the task's row is compare-and-set, so a
 * backup that joins the task meanwhile makes the move read the task again.
 *
 * <p>Failure modes: a result file that cannot be read from the blob store (it was checked to exist when reported) is the
 * coordinator's storage failing: the transaction rolls back and the provider retries its report. A provider's malformed
 * output is no failure here: it disagrees, with the comparator's evidence.
 */
public final class Verifier {
    private final BlobStore blobs;
    private final CoordinatorConfig config;
    private final Metrics metrics;
    private final RandomGenerator random;
    private final Verdicts verdicts;

    /** What a reported result led to, for the caller's answer and metrics. */
    public record Reported(AttemptRecord attempt, boolean superseded) {}

    /** @param random the coordinator's generator for plan draws (seeded in tests, from SecureRandom otherwise) */
    public Verifier(BlobStore blobs, CoordinatorConfig config, Metrics metrics, RandomGenerator random) {
        this.blobs = blobs;
        this.config = config;
        this.metrics = metrics;
        this.random = random;
        this.verdicts = new Verdicts(config, metrics);
    }

    /** Whether the job's results go through verification: every job but those whose spec says {@code verify: none}. */
    public static boolean verifies(JobRecord job) {
        return job.spec().verify().policy() != VerifySpec.Policy.NONE;
    }

    /**
     * Records the result {@code a} reports and moves its task as the results so far decide. {@code a} must be live
     * (the caller checked it); {@code runtimeMillis} is what its provider reported.
     */
    public Reported onResult(StoreTx tx, JobRecord job, AttemptRecord a, List<BlobRef> outputs, long runtimeMillis, Integer exitCode, Instant now) {
        ProviderRecord provider = tx.provider(a.provider()).orElseThrow();
        List<TaskResult> earlier = tx.results(a.task());
        TaskResult mine = new TaskResult(a.id(), a.task(), earlier.size(), a.provider(), provider.owner(), outputs, outputs(outputs).digest(),
                runtimeMillis, now, TaskResult.Status.OPEN);
        tx.insertResult(mine);
        TaskVerification plan = tx.verification(a.task()).orElse(null);
        if (plan == null) {
            plan = VerificationRules.plan(job.spec().verify(), tx.trust(a.provider()), provider.owner().equals(job.owner()), draw());
            tx.saveVerification(a.task(), plan, now);
        }
        // A rejected result is out of every later vote; an accepted one stays in (a full check votes on it again).
        List<TaskResult> live = new ArrayList<>();
        for (TaskResult r : earlier) if (r.status() != TaskResult.Status.REJECTED) live.add(r);
        live.add(mine);
        Agreement[][] compared = compare(job, live);
        boolean[][] agrees = new boolean[live.size()][live.size()];
        for (int i = 0; i < live.size(); i++) for (int j = 0; j < live.size(); j++) agrees[i][j] = i == j || compared[i][j].agrees();
        Decision d = VerificationRules.decide(plan, agrees);
        return switch (d) {
            case Decision.Accept acc -> accept(tx, job, a, exitCode, plan, live, compared, acc, now);
            case Decision.NeedMore more -> needMore(tx, job, a, exitCode, plan, more, now);
            case Decision.NoQuorum none -> noQuorum(tx, job, a, plan, live, compared, none, now);
        };
    }

    private Reported accept(StoreTx tx, JobRecord job, AttemptRecord a, Integer exitCode, TaskVerification plan, List<TaskResult> live,
                            Agreement[][] compared, Decision.Accept acc, Instant now) {
        TaskRules.Outcome step = move(tx, a, (t, other) -> TaskRules.succeed(t, a, other, exitCode, now));
        if (step.other() != null) tx.updateAttempt(step.other());
        tx.updateAttempt(step.attempt());
        verdicts.accept(tx, job, step.attempt(), plan, live, compared, acc, now);
        // The full check (inside accept) may have reopened tasks: only now may the job end, if nothing is left.
        JobProgress.afterTaskChange(tx, a.task().job(), step.task().state(), now);
        AttemptRecord after = tx.attempt(a.id()).orElseThrow();
        return new Reported(after, step.other() != null);
    }

    private Reported needMore(StoreTx tx, JobRecord job, AttemptRecord a, Integer exitCode, TaskVerification plan, Decision.NeedMore more,
                              Instant now) {
        TaskRules.Outcome step = move(tx, a, (t, other) -> TaskRules.report(t, a, other, exitCode, now));
        tx.updateAttempt(step.attempt());
        TaskVerification next = more.next();
        // A tie-breaker keeps the plan's first reason (why the task was checked at all) before its own.
        if (!next.why().equals(plan.why()))
            next = new TaskVerification(next.quorum(), next.target(), next.partner(), next.tieBreakers(), plan.why() + "; then " + next.why());
        tx.saveVerification(a.task(), next, now);
        JobProgress.afterTaskChange(tx, job.id(), step.task().state(), now);
        return new Reported(step.attempt(), false);
    }

    private Reported noQuorum(StoreTx tx, JobRecord job, AttemptRecord a, TaskVerification plan, List<TaskResult> live, Agreement[][] compared,
                              Decision.NoQuorum none, Instant now) {
        String why = "no quorum: " + none.why();
        TaskRules.Outcome step = move(tx, a, (t, other) -> TaskRules.noQuorum(t, a, other, why, now));
        tx.updateAttempt(step.attempt());
        if (step.other() != null) tx.updateAttempt(step.other());
        verdicts.noQuorum(tx, job, plan, live, compared, why, now);
        JobProgress.afterTaskChange(tx, job.id(), step.task().state(), now);
        return new Reported(step.attempt(), false);
    }

    /** How a task moves given its row as stored and its other live attempt. */
    @FunctionalInterface
    private interface Move {
        TaskRules.Outcome apply(TaskRecord task, AttemptRecord other);
    }

    /** Applies {@code move} to the task as stored now, reading it again when a backup joined meanwhile. */
    private static TaskRules.Outcome move(StoreTx tx, AttemptRecord a, Move move) {
        for (int tries = 1; ; tries++) {
            var race = LiveAttempts.of(tx, a);
            TaskRules.Outcome step = move.apply(race.task(), race.other());
            if (tx.updateTask(race.task(), step.task())) return step;
            if (tries == 3) throw new CoordinatorException.Conflict("task " + a.task() + " changed meanwhile", race.task().state().name());
        }
    }

    /** Every pair compared once (the comparator is symmetric); the diagonal stays null. */
    private Agreement[][] compare(JobRecord job, List<TaskResult> live) {
        int n = live.size();
        Agreement[][] out = new Agreement[n][n];
        BlobBytes bytes = this::read;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                Agreement ag = Comparator.compare(job.spec().verify().comparison(), outputs(live.get(i).outputs()), outputs(live.get(j).outputs()), bytes);
                out[i][j] = ag;
                out[j][i] = ag;
            }
        }
        return out;
    }

    private byte[] read(String sha256) {
        try {
            return Files.readAllBytes(blobs.require(sha256));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read result blob " + sha256 + " to compare it", e);
        }
    }

    static Outputs outputs(List<BlobRef> refs) {
        var m = new TreeMap<String, String>();
        for (BlobRef b : refs) m.put(b.name(), b.sha256());
        return new Outputs(m);
    }

    private double draw() {
        synchronized (random) {
            return random.nextDouble();
        }
    }
}

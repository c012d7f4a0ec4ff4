package org.gridmint.coordinator.providers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.gridmint.coordinator.Ids;
import org.gridmint.coordinator.market.Market;
import org.gridmint.coordinator.store.JobRecord;
import org.gridmint.coordinator.store.ProviderRecord;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.lifecycle.AttemptState;
import org.gridmint.core.lifecycle.IllegalTransitionException;
import org.gridmint.core.lifecycle.JobState;
import org.gridmint.core.market.MarketSnapshot;
import org.gridmint.core.market.Speculation;
import org.gridmint.core.scheduling.AttemptRecord;
import org.gridmint.core.scheduling.Requirements;
import org.gridmint.core.scheduling.TaskRecord;
import org.gridmint.core.scheduling.TaskRules;
import org.gridmint.core.spec.SpeculationSpec;

/**
 * Hands backups of stragglers to a claiming provider: core's {@link Speculation} policy over the running jobs, and each
 * backup it gives the claimer re-checked and applied in the claim's transaction, as the market's placements are.
 *
 * <p>Concurrency: the per-job medians are cached for {@link #MEDIAN_TTL} in a concurrent map; everything else happens
 * in the caller's transaction. A backup is a compare-and-set on its task (RUNNING, n attempts → RUNNING, n + 1), so a
 * task that succeeds, fails or gets another backup meanwhile is skipped. Failure modes: none of its own; a stale
 * median only delays or advances a backup by at most the TTL.
 */
final class Speculator {
    /** How stale a job's median may be: reading every succeeded attempt of a big job on each idle claim costs more than it tells. */
    static final Duration MEDIAN_TTL = Duration.ofSeconds(1);

    private final Duration lease;
    private final Map<JobId, Median> medians = new ConcurrentHashMap<>();

    private record Median(Instant at, int completed, long millis) {}

    /** A backup handed out: its new attempt, the attempt it races, and the job it is of. */
    record Started(AttemptRecord attempt, AttemptRecord primary, JobRecord job) {}

    Speculator(Duration lease) {
        this.lease = lease;
    }

    /** Up to {@code max} backups for {@code claimer}, already stored as its attempts. */
    List<Started> claim(StoreTx tx, ProviderRecord claimer, int max, List<MarketSnapshot.Provider> offers, Instant now) {
        List<Started> out = new ArrayList<>();
        var exclusions = new org.gridmint.coordinator.verify.Exclusions(tx);
        for (JobRecord job : tx.unfinishedJobs()) {
            if (out.size() >= max) break;
            SpeculationSpec spec = job.spec().speculation();
            if (job.state() != JobState.RUNNING || !spec.enabled()) continue;
            List<AttemptRecord> live = tx.activeAttempts(job.id());
            if (live.isEmpty()) continue;
            Median m = median(tx, job.id(), now);
            var view = new Speculation.Job(job.id(), Requirements.of(job.spec()), attempts(job, live, exclusions), m.completed(), m.millis());
            var config = Speculation.Config.DEFAULT.with(spec.slowdown(), spec.maxBackups());
            for (Speculation.Backup b : Speculation.plan(view, offers, config, now)) {
                if (out.size() >= max) break;
                if (!b.provider().equals(claimer.id())) continue;
                Started s = apply(tx, job, b, claimer, now);
                if (s != null) out.add(s);
            }
        }
        return out;
    }

    /** The task's only live attempt, if it still is, raced by a new backup on {@code claimer}; null when the plan went stale. */
    private Started apply(StoreTx tx, JobRecord job, Speculation.Backup b, ProviderRecord claimer, Instant now) {
        TaskRecord t = tx.task(b.task()).orElseThrow();
        List<AttemptRecord> live = tx.activeAttempts(b.task());
        if (live.size() != 1) return null;
        AttemptRecord primary = live.getFirst();
        TaskRules.Step step;
        try {
            step = TaskRules.backup(t, primary, Ids.attempt(), claimer.id(), now, lease, Market.agreedAsk(claimer, job));
        } catch (IllegalTransitionException e) {
            return null;
        }
        if (!tx.updateTask(t, step.task())) return null;
        tx.insertAttempt(step.attempt());
        tx.markBackup(step.attempt().id(), primary.id());
        return new Started(step.attempt(), primary, job);
    }

    /**
     * The attempts as the policy sees them: every attempt of a task with two live (so they count against the cap),
     * and the running ones of tasks with one. An attempt not yet started says nothing about its speed. A backup of a
     * verified job's task is a replica: it carries the task's exclusions.
     */
    private static List<Speculation.Attempt> attempts(JobRecord job, List<AttemptRecord> live, org.gridmint.coordinator.verify.Exclusions exclusions) {
        var perTask = new java.util.HashMap<Integer, List<org.gridmint.core.ids.ProviderId>>();
        for (AttemptRecord a : live) perTask.computeIfAbsent(a.task().index(), k -> new ArrayList<>()).add(a.provider());
        List<Speculation.Attempt> out = new ArrayList<>(live.size());
        for (AttemptRecord a : live) {
            boolean raced = perTask.get(a.task().index()).size() > 1;
            if (!raced && a.state() != AttemptState.RUNNING) continue;
            Instant started = a.startedAt() != null ? a.startedAt() : a.assignedAt();
            var r = exclusions.forBackup(job, a.task(), perTask.get(a.task().index()));
            out.add(new Speculation.Attempt(a.task(), a.provider(), started, 0, null, r.excluded(), r.only()));
        }
        return out;
    }

    private Median median(StoreTx tx, JobId job, Instant now) {
        Median m = medians.get(job);
        if (m != null && !now.isAfter(m.at().plus(MEDIAN_TTL)) && !now.isBefore(m.at())) return m;
        List<Long> runtimes = tx.succeededRuntimes(job);
        long median = runtimes.isEmpty() ? 0 : org.gridmint.core.market.ProviderEvidence.median(runtimes);
        m = new Median(now, runtimes.size(), median);
        medians.put(job, m);
        if (medians.size() > 10_000) medians.clear(); // finished jobs are never asked again: do not keep them forever
        return m;
    }
}

package org.gridmint.coordinator.loops;

import java.time.Instant;
import org.gridmint.coordinator.WorkSignal;
import org.gridmint.coordinator.jobs.JobProgress;
import org.gridmint.coordinator.store.JobRecord;
import org.gridmint.coordinator.store.Store;
import org.gridmint.core.lifecycle.AttemptReason;
import org.gridmint.core.scheduling.AttemptRecord;
import org.gridmint.core.scheduling.TaskRecord;
import org.gridmint.core.scheduling.TaskRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends attempts whose lease ran out as LOST (PROVIDER_LOST) and puts their tasks back in the queue, or fails
 * them when the job's retries are spent. Driven by the attempts' persisted {@code leaseExpiresAt}, so a
 * restarted coordinator finds the same expired leases.
 */
public final class LeaseExpiryLoop {
    private static final Logger log = LoggerFactory.getLogger(LeaseExpiryLoop.class);
    private static final int BATCH = 500;

    private final Store store;
    private final WorkSignal work;
    private final org.gridmint.coordinator.Metrics metrics;

    public LeaseExpiryLoop(Store store, WorkSignal work, org.gridmint.coordinator.Metrics metrics) {
        this.store = store;
        this.work = work;
        this.metrics = metrics;
    }

    /**
     * Renews, once, the leases that ran out while this coordinator was down: their agents could not heartbeat to
     * a coordinator that was not there, and most are still working. Those that are really gone expire one lease later.
     */
    public int renewAfterRestart(Instant now, java.time.Duration lease) {
        int n = store.inTransaction(tx -> tx.renewLeasesExpiredBy(now, now.plus(lease)));
        if (n > 0) log.info("renewed {} lease(s) that ran out while the coordinator was down", n);
        return n;
    }

    /** Expires every lease that ran out at or before {@code now}; returns how many attempts it ended. */
    public int runOnce(Instant now) {
        int total = 0;
        for (int round = 0; round < 1000; round++) {
            int[] fetched = {0};
            int n = store.inTransaction(tx -> {
                int ended = 0;
                var touched = new java.util.LinkedHashMap<org.gridmint.core.ids.JobId, org.gridmint.core.lifecycle.TaskState>();
                var expired = tx.expiredAttempts(now, BATCH);
                var lostBy = new java.util.LinkedHashSet<org.gridmint.core.ids.ProviderId>();
                fetched[0] = expired.size();
                for (AttemptRecord a : expired) {
                    // A lost attempt raced by a backup leaves its task running on the backup.
                    var race = org.gridmint.coordinator.jobs.LiveAttempts.of(tx, a);
                    TaskRecord t = race.task();
                    // An earlier attempt of a running task is one a backup races or that outlived its backups.
                    boolean raced = t.state() == org.gridmint.core.lifecycle.TaskState.RUNNING && a.number() < t.attempts();
                    if (a.number() != t.attempts() && !raced) continue;
                    JobRecord job = tx.job(a.task().job()).orElseThrow();
                    String msg = "no heartbeat from " + a.provider() + "; its lease expired at " + a.leaseExpiresAt();
                    var step = TaskRules.endAttempt(t, a, race.other(), AttemptReason.PROVIDER_LOST, msg, null, job.spec().retries(), now);
                    if (!tx.updateTask(t, step.task())) continue;
                    tx.updateAttempt(step.attempt());
                    lostBy.add(a.provider());
                    // A failed task decides the job; a requeue alone changes nothing for it.
                    touched.merge(t.id().job(), step.task().state(), (was, now2) -> was == org.gridmint.core.lifecycle.TaskState.FAILED ? was : now2);
                    ended++;
                    log.info("attempt {} of task {} on {} lost: lease expired at {}; task is now {}",
                            a.id(), t.id(), a.provider(), a.leaseExpiresAt(), step.task().state());
                }
                // One silence is one failure, however many of the provider's attempts it cost.
                lostBy.forEach(p -> org.gridmint.coordinator.market.Faults.ended(tx, p, AttemptReason.PROVIDER_LOST, now));
                touched.forEach((j, state) -> JobProgress.afterTaskChange(tx, j, state, now));
                return ended;
            });
            total += n;
            // Stop when a batch came back short, or ended nothing (what is left cannot be ended now).
            if (fetched[0] < BATCH || n == 0) break;
        }
        for (int i = 0; i < total; i++) metrics.ended(AttemptReason.PROVIDER_LOST);
        if (total > 0) work.signal();
        return total;
    }
}

package org.gridmint.coordinator.verify;

import java.time.Instant;
import org.gridmint.coordinator.store.JobRecord;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.coordinator.store.TaskResult;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.lifecycle.TaskState;
import org.gridmint.core.scheduling.TaskRecord;
import org.gridmint.core.scheduling.TaskRules;
import org.gridmint.core.verify.Partner;
import org.gridmint.core.verify.TaskVerification;

/**
 * The full check of a provider caught on a job: every task of the job whose accepted result came from that provider
 * alone (unverified) is reopened for a replica on a trusted provider, so that one caught lie casts doubt on all its
 * unchecked work there. Only while the job runs: a finished job's results have been handed over.
 */
final class FullCheck {
    private FullCheck() {}

    /** Reopens the caught provider's unverified accepted results on the job; {@code on} is the task it was caught on. */
    static int run(StoreTx tx, JobRecord job, ProviderId caught, String verdictId, TaskId on, Instant now) {
        JobRecord current = tx.job(job.id()).orElseThrow();
        if (current.state().isFinal()) return 0;
        int reopened = 0;
        for (TaskResult r : tx.results(job.id())) {
            if (!r.provider().equals(caught) || r.status() != TaskResult.Status.ACCEPTED || r.task().equals(on)) continue;
            TaskVerification plan = tx.verification(r.task()).orElse(null);
            if (plan == null || plan.replicated()) continue; // another result agreed with it already
            TaskRecord t = tx.task(r.task()).orElseThrow();
            if (t.state() != TaskState.SUCCEEDED || !tx.updateTask(t, TaskRules.reopen(t, now))) continue;
            // Its outputs are in doubt until the check decides: the next verdict writes the accepted ones again.
            tx.deleteOutputs(t.id());
            tx.saveVerification(t.id(), new TaskVerification(2, 2, Partner.TRUSTED, 0, "full check: provider " + caught + " lost verdict "
                    + verdictId + " on task " + on.index() + ", so its result here, accepted alone, is checked on a trusted provider"), now);
            reopened++;
        }
        return reopened;
    }
}

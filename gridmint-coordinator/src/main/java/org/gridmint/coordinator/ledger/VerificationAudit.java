package org.gridmint.coordinator.ledger;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.coordinator.store.TaskCharge;
import org.gridmint.coordinator.store.TaskResult;
import org.gridmint.coordinator.store.VerdictRecord;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.ledger.LedgerAudit;
import org.gridmint.core.ledger.PostingKind;
import org.gridmint.core.ledger.Staking;

/**
 * The audit's verification part: a verified task's client pays one result, its accepted one; no rejected result is paid
 * (by the client or, as a replica, by the network), except one that had been accepted alone and paid before a full
 * check rejected it; the network pays only results that agreed with an accepted one.
 */
final class VerificationAudit {
    private VerificationAudit() {}

    static void check(StoreTx tx, Set<JobId> funded, List<LedgerAudit.Break> out) {
        Set<String> acceptedAlone = new HashSet<>();
        for (VerdictRecord v : tx.allVerdicts())
            if (v.outcome() == VerdictRecord.Outcome.ACCEPTED && v.results().size() == 1) acceptedAlone.add(v.canonical().value());
        for (JobId job : funded) {
            List<TaskResult> results = tx.results(job);
            if (results.isEmpty()) continue;
            Set<TaskId> tasks = new HashSet<>();
            for (TaskResult r : results) tasks.add(r.task());
            for (TaskId task : tasks) {
                TaskCharge charge = tx.ledger().charge(task).orElse(null);
                if (charge == null) continue;
                TaskResult paid = results.stream().filter(r -> r.attempt().equals(charge.attempt())).findFirst().orElse(null);
                boolean ok = paid != null && (paid.status() == TaskResult.Status.ACCEPTED
                        || paid.status() == TaskResult.Status.REJECTED && acceptedAlone.contains(paid.attempt().value()));
                if (!ok) out.add(new LedgerAudit.Break(LedgerAudit.Problem.ESCROW, 0, "verified task " + task + " paid attempt " + charge.attempt()
                        + (paid == null ? ", which reported no result" : ", whose result is " + paid.status() + ", not the accepted one")));
            }
            for (TaskResult r : results) {
                boolean byNetwork = tx.ledger().entry(PostingKind.VERIFY, Staking.verifyReference(r.task(), r.attempt())).isPresent();
                if (byNetwork && (r.status() == TaskResult.Status.REJECTED || r.status() == TaskResult.Status.OPEN))
                    out.add(new LedgerAudit.Break(LedgerAudit.Problem.ESCROW, 0, "the network paid attempt " + r.attempt() + " of task " + r.task()
                            + " as a replica, but its result is " + r.status()));
            }
        }
    }
}

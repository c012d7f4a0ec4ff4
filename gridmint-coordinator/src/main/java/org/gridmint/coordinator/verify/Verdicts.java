package org.gridmint.coordinator.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.gridmint.coordinator.CoordinatorConfig;
import org.gridmint.coordinator.Metrics;
import org.gridmint.coordinator.ledger.JobAccounting;
import org.gridmint.coordinator.store.JobRecord;
import org.gridmint.coordinator.store.ProviderRecord;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.coordinator.store.TaskCharge;
import org.gridmint.coordinator.store.TaskResult;
import org.gridmint.coordinator.store.VerdictRecord;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.scheduling.AttemptRecord;
import org.gridmint.core.scheduling.TaskRules;
import org.gridmint.core.verify.Agreement;
import org.gridmint.core.verify.Decision;
import org.gridmint.core.verify.TaskVerification;
import org.gridmint.core.verify.Trust;

/**
 * Applies a verdict in the caller's transaction: the task's outputs, who is paid and by whom, trust, slashes, the
 * verdict's record, and the full check of a provider caught on the job.
 *
 * <p>Money: the client pays exactly one result per task, the canonical one ({@link JobAccounting#payTask}); every other
 * agreeing result is a replica paid at cost by the network; a rejected result is never paid, except one that had been
 * accepted alone and paid before a full check rejected it: its provider's slash then compensates the client.
 */
final class Verdicts {
    private final CoordinatorConfig config;
    private final Metrics metrics;

    Verdicts(CoordinatorConfig config, Metrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /** Accepts the canonical result of {@code live} ({@code current} is the attempt that just succeeded, as stored). */
    void accept(StoreTx tx, JobRecord job, AttemptRecord current, TaskVerification plan, List<TaskResult> live, Agreement[][] compared,
                Decision.Accept acc, Instant now) {
        String verdictId = org.gridmint.coordinator.Ids.verdict();
        TaskResult canonical = live.get(acc.canonical());
        int n = live.size();
        boolean verified = n >= 2;
        tx.insertOutputs(current.task(), canonical.outputs());
        // A task paid before (a full check votes again on a result that was accepted alone) is not paid by the client twice.
        AttemptId clientPaid = tx.ledger().charge(current.task()).map(TaskCharge::attempt).orElse(null);
        if (clientPaid == null) {
            JobAccounting.payTask(tx, job, attempt(tx, canonical, current), provider(tx, canonical), canonical.runtimeMillis(), config.fee(), now);
            clientPaid = canonical.attempt();
        }
        List<VerdictRecord.Entry> entries = new ArrayList<>(n);
        Set<ProviderId> caught = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
            TaskResult r = live.get(i);
            boolean agrees = acc.agreeing().contains(i);
            String evidence;
            if (i == acc.canonical()) evidence = verified ? "accepted: " + acc.agreeing().size() + " of " + n + " results agree" : "accepted alone: " + plan.why();
            else evidence = (agrees ? "agrees with the accepted result: " : "disagrees with the accepted result: ") + compared[i][acc.canonical()].evidence();
            long paidByNetwork = 0;
            Penalties.Slashed slashed = Penalties.Slashed.NONE;
            if (agrees && !r.attempt().equals(clientPaid))
                paidByNetwork = Penalties.payAtCost(tx, job, attempt(tx, r, current), provider(tx, r), r.runtimeMillis(), now).micros();
            if (!agrees) {
                AttemptRecord a = attempt(tx, r, current);
                if (r.attempt().equals(clientPaid)) evidence += "; it had been accepted alone and paid before this check: the slash compensates the client";
                tx.updateAttempt(TaskRules.reject(a, "rejected by verdict " + verdictId + ": " + evidence, now));
                slashed = Penalties.slash(tx, r.provider(), AccountId.of(job.owner()), verdictId, config, now);
                metrics.slashed();
                caught.add(r.provider());
            }
            tx.updateResultStatus(r.attempt(), i == acc.canonical() ? TaskResult.Status.ACCEPTED : agrees ? TaskResult.Status.AGREED : TaskResult.Status.REJECTED);
            // Only a result compared with another says anything about its provider: one accepted alone leaves trust as it was.
            if (verified) {
                Trust t = tx.trust(r.provider());
                tx.saveTrust(r.provider(), agrees ? t.afterAgreement() : t.afterDisagreement(), now);
            }
            entries.add(new VerdictRecord.Entry(r.attempt().value(), r.provider().value(), r.owner(), r.digest(), agrees, !agrees, evidence,
                    paidByNetwork, slashed.toClient().micros(), slashed.toTreasury().micros()));
        }
        String why = plan.why() + (verified ? "; " + acc.agreeing().size() + " of " + n + " results agree"
                + (acc.dissenting().isEmpty() ? "" : ", " + acc.dissenting().size() + " rejected") : "");
        tx.insertVerdict(new VerdictRecord(verdictId, current.task(), VerdictRecord.Outcome.ACCEPTED, Policies.describe(job.spec().verify()), why,
                canonical.attempt(), entries, now));
        metrics.verdict(VerdictRecord.Outcome.ACCEPTED.name());
        for (ProviderId p : caught) FullCheck.run(tx, job, p, verdictId, current.task(), now);
    }

    /** Records a verdict without a quorum: the task failed; nobody is paid for it, slashed or trusted more or less. */
    void noQuorum(StoreTx tx, JobRecord job, TaskVerification plan, List<TaskResult> live, Agreement[][] compared, String why, Instant now) {
        List<VerdictRecord.Entry> entries = new ArrayList<>(live.size());
        for (int i = 0; i < live.size(); i++) {
            TaskResult r = live.get(i);
            List<String> with = new ArrayList<>();
            List<String> against = new ArrayList<>();
            for (int j = 0; j < live.size(); j++) {
                if (j == i) continue;
                (compared[i][j].agrees() ? with : against).add("#" + (j + 1) + (compared[i][j].agrees() ? "" : " (" + compared[i][j].evidence() + ")"));
            }
            String evidence = "result #" + (i + 1) + (with.isEmpty() ? " agrees with no other" : " agrees with " + String.join(", ", with))
                    + (against.isEmpty() ? "" : "; disagrees with " + String.join("; ", against));
            entries.add(new VerdictRecord.Entry(r.attempt().value(), r.provider().value(), r.owner(), r.digest(), false, false, evidence, 0, 0, 0));
        }
        TaskResult first = live.getFirst();
        tx.insertVerdict(new VerdictRecord(org.gridmint.coordinator.Ids.verdict(), first.task(), VerdictRecord.Outcome.NO_QUORUM,
                Policies.describe(job.spec().verify()), plan.why() + "; " + why, null, entries, now));
        metrics.verdict(VerdictRecord.Outcome.NO_QUORUM.name());
    }

    private static AttemptRecord attempt(StoreTx tx, TaskResult r, AttemptRecord current) {
        return r.attempt().equals(current.id()) ? current : tx.attempt(r.attempt()).orElseThrow();
    }

    private static ProviderRecord provider(StoreTx tx, TaskResult r) {
        return tx.provider(r.provider()).orElseThrow();
    }
}

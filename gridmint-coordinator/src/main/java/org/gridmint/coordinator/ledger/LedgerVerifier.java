package org.gridmint.coordinator.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridmint.coordinator.store.ResumedFrom;
import org.gridmint.coordinator.store.Store;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.coordinator.store.TaskCharge;
import org.gridmint.core.ledger.Escrow;
import org.gridmint.core.lifecycle.AttemptState;
import org.gridmint.core.scheduling.AttemptRecord;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ledger.LedgerAudit;
import org.gridmint.core.lifecycle.TaskState;
import org.gridmint.core.money.Credits;
import org.gridmint.core.scheduling.TaskRecord;

/**
 * The whole audit behind {@code gridmint ledger verify}: {@link LedgerAudit} over the stored journal and
 * balances, the head row against the chain's end, and the journal against the jobs it pays for: every succeeded
 * task of a funded job paid exactly once for its winning attempt, as its charge says; each failed or lost attempt that
 * a later attempt resumed from paid at most once, only if its task succeeded, and for no more than its runtime up to the
 * checkpoint that was resumed; no task paid more than its share of the hold; nothing paid for a task that did not succeed;
 * and stake as {@link StakeChecks} says, and verified tasks as {@link VerificationAudit} says (the client pays one accepted result
 * per task; no rejected result is paid), and the gateway's INFERENCE postings as {@link InferenceAudit} says (they equal the
 * usage records and the meters), and the epochs' emissions and payouts as {@link EconomicsAudit} says.
 * Runs in one read transaction, so it sees one consistent state even beside a running coordinator.
 */
public final class LedgerVerifier {
    private LedgerVerifier() {}

    /** The audit's report and the breaks found beyond the journal itself. */
    public record Result(LedgerAudit.Report journal, List<LedgerAudit.Break> breaks) {
        public boolean ok() {
            return breaks.isEmpty();
        }
    }

    public static Result verify(Store store) {
        return store.inTransaction(LedgerVerifier::verify);
    }

    static Result verify(StoreTx tx) {
        LedgerAudit audit = new LedgerAudit();
        List<LedgerAudit.Break> extra = new ArrayList<>();
        Set<JobId> funded = new HashSet<>();
        Map<String, Long> paid = new HashMap<>();
        Map<String, Long> fees = new HashMap<>();
        StakeChecks stakes = new StakeChecks();
        InferenceAudit inference = new InferenceAudit();
        EconomicsAudit economics = new EconomicsAudit();
        tx.ledger().scan(1, e -> {
            audit.accept(e);
            stakes.accept(e);
            inference.accept(e.posting());
            economics.accept(e.posting());
            var p = e.posting();
            switch (p.kind()) {
                case HOLD -> funded.add(p.to().job());
                case PAY -> paid.put(p.reference(), p.amount().micros());
                case FEE -> fees.put(p.reference(), p.amount().micros());
                default -> { }
            }
        }, bad -> extra.add(new LedgerAudit.Break(LedgerAudit.Problem.CHAIN, bad.seq(), "the row is not a valid posting: " + bad.why())));
        Set<JobId> ended = new HashSet<>();
        for (JobId j : funded) tx.job(j).filter(job -> job.state().isFinal()).ifPresent(job -> ended.add(j));
        LedgerAudit.Report report = audit.finish(tx.ledger().balances(), ended);
        var head = tx.ledger().head();
        if (head.seq() != report.entries() || !head.hash().equals(report.headHash()))
            extra.add(new LedgerAudit.Break(LedgerAudit.Problem.CHAIN, 0, "the head row says entry " + head.seq() + " with hash " + head.hash()
                    + " but the journal ends at entry " + report.entries() + " with hash " + report.headHash()));
        checkCharges(tx, funded, paid, fees, extra);
        stakes.check(tx, extra);
        VerificationAudit.check(tx, funded, extra);
        inference.check(tx, extra);
        economics.check(tx, extra);
        List<LedgerAudit.Break> all = new ArrayList<>(report.breaks());
        all.addAll(extra);
        return new Result(report, List.copyOf(all));
    }

    private static void checkCharges(StoreTx tx, Set<JobId> funded, Map<String, Long> paid, Map<String, Long> fees, List<LedgerAudit.Break> out) {
        Set<String> charged = new HashSet<>();
        tx.ledger().scanCharges(c -> {
            String ref = c.task().toString();
            charged.add(ref);
            if (c.net().micros() != paid.getOrDefault(ref, 0L) || c.fee().micros() != fees.getOrDefault(ref, 0L))
                out.add(new LedgerAudit.Break(LedgerAudit.Problem.BALANCE, 0, "task " + ref + " was charged net " + c.net() + " and fee " + c.fee()
                        + " but the journal paid " + Credits.ofMicros(paid.getOrDefault(ref, 0L)) + " and " + Credits.ofMicros(fees.getOrDefault(ref, 0L))));
        });
        Map<String, Long> grossByTask = new HashMap<>();
        tx.ledger().scanCharges(c -> grossByTask.merge(c.task().toString(), c.gross().micros(), Long::sum));
        tx.ledger().scanResumedCharges(c -> {
            String ref = Escrow.resumedReference(c.task(), c.attempt());
            charged.add(ref);
            grossByTask.merge(c.task().toString(), c.gross().micros(), Long::sum);
            if (c.net().micros() != paid.getOrDefault(ref, 0L) || c.fee().micros() != fees.getOrDefault(ref, 0L))
                out.add(new LedgerAudit.Break(LedgerAudit.Problem.BALANCE, 0, "attempt " + c.attempt() + " of task " + c.task() + " was charged net "
                        + c.net() + " and fee " + c.fee() + " for its checkpointed work but the journal paid "
                        + Credits.ofMicros(paid.getOrDefault(ref, 0L)) + " and " + Credits.ofMicros(fees.getOrDefault(ref, 0L))));
            checkResumedCharge(tx, c, out);
        });
        for (JobId job : funded) {
            var spec = tx.job(job).map(j -> j.spec()).orElse(null);
            if (spec == null) continue;
            long cap = Escrow.taskCap(spec).micros();
            grossByTask.forEach((task, gross) -> {
                if (task.startsWith(job.value() + "/") && gross > cap)
                    out.add(new LedgerAudit.Break(LedgerAudit.Problem.ESCROW, 0, "task " + task + " cost " + Credits.ofMicros(gross)
                            + " in all, more than its share of the hold " + Credits.ofMicros(cap)));
            });
        }
        for (String ref : paid.keySet()) if (!charged.contains(ref)) out.add(missingCharge(ref));
        for (String ref : fees.keySet()) if (!charged.contains(ref) && !paid.containsKey(ref)) out.add(missingCharge(ref));
        for (JobId job : funded) {
            for (TaskRecord t : tx.tasks(job)) {
                String ref = t.id().toString();
                boolean succeeded = t.state() == TaskState.SUCCEEDED;
                if (succeeded && !charged.contains(ref))
                    out.add(new LedgerAudit.Break(LedgerAudit.Problem.ESCROW, 0, "task " + ref + " succeeded but was never paid"));
                if (!succeeded && charged.contains(ref))
                    out.add(new LedgerAudit.Break(LedgerAudit.Problem.ESCROW, 0, "task " + ref + " was paid but is " + t.state()));
            }
        }
    }

    /** A resumed-from attempt is paid only when its task succeeded, it failed or was lost, and a later attempt resumed from it. */
    private static void checkResumedCharge(StoreTx tx, TaskCharge c, List<LedgerAudit.Break> out) {
        String what = "attempt " + c.attempt() + " of task " + c.task() + " was paid for its checkpointed work but ";
        TaskRecord task = tx.task(c.task()).orElse(null);
        if (task == null || task.state() != TaskState.SUCCEEDED) {
            out.add(new LedgerAudit.Break(LedgerAudit.Problem.ESCROW, 0, what + "its task is " + (task == null ? "missing" : task.state())));
            return;
        }
        AttemptRecord a = tx.attempt(c.attempt()).orElse(null);
        if (a == null || (a.state() != AttemptState.FAILED && a.state() != AttemptState.LOST)) {
            out.add(new LedgerAudit.Break(LedgerAudit.Problem.ESCROW, 0, what + "it is " + (a == null ? "missing" : a.state())));
            return;
        }
        long resumedAt = -1;
        for (var e : tx.resumedFrom(c.task().job()).entrySet()) {
            if (!e.getValue().equals(c.attempt())) continue;
            Long at = tx.resumedFrom(e.getKey()).map(ResumedFrom::checkpointMillis).orElse(null);
            if (at != null) resumedAt = Math.max(resumedAt, at);
        }
        if (resumedAt < 0) out.add(new LedgerAudit.Break(LedgerAudit.Problem.ESCROW, 0, what + "no attempt resumed from it"));
        else if (c.runtimeMillis() > resumedAt)
            out.add(new LedgerAudit.Break(LedgerAudit.Problem.ESCROW, 0, what + "for " + c.runtimeMillis() + " ms, past its checkpoint at "
                    + resumedAt + " ms"));
    }

    private static LedgerAudit.Break missingCharge(String ref) {
        return new LedgerAudit.Break(LedgerAudit.Problem.BALANCE, 0, "the journal pays task " + ref + " but no charge records why");
    }
}

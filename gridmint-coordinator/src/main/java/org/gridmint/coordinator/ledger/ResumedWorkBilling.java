package org.gridmint.coordinator.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gridmint.coordinator.store.JobRecord;
import org.gridmint.coordinator.store.ProviderRecord;
import org.gridmint.coordinator.store.ResumedFrom;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.coordinator.store.TaskCharge;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ledger.Escrow;
import org.gridmint.core.ledger.FeeRate;
import org.gridmint.core.ledger.LedgerRules;
import org.gridmint.core.lifecycle.AttemptState;
import org.gridmint.core.money.Credits;
import org.gridmint.core.scheduling.AttemptRecord;

/**
 * Pays the checkpointed work that a succeeded task's winning attempt built on. It walks back the chain of checkpoints
 * the winner resumed from (the winner from B's, B from A's, ...) and pays each attempt on it that failed or was lost
 * for its own runtime up to the checkpoint that was resumed (never more than the coordinator saw it run), at the price
 * agreed when it was assigned, capped by the job's maxPrice, less the fee, within what the task's share of the hold has
 * left after the winner ({@link Escrow#chargeResumed}). An attempt still running when the task succeeded (a backup's original) and
 * a cancelled one are not paid; neither is anything of a task that never succeeds, since this runs only on success.
 *
 * <p>Runs inside the completion's transaction, right after the winner's payment, so both or neither are kept. Each
 * payment posts under its attempt's own reference ({@link Escrow#resumedReference}): a repeat posts nothing twice.
 */
final class ResumedWorkBilling {
    private ResumedWorkBilling() {}

    private record Part(AttemptRecord attempt, ProviderRecord provider, long usefulMillis) {
        /** The price agreed when the attempt was assigned, or the provider's for an attempt from before prices were recorded. */
        Credits price() {
            return JobAccounting.agreedPrice(attempt, provider);
        }
    }

    static void pay(StoreTx tx, JobRecord job, AttemptRecord winner, Escrow.Charge winnerCharge, FeeRate fee, Instant now) {
        List<Part> parts = chain(tx, winner);
        if (parts.isEmpty()) return;
        List<Escrow.Charge> charges = Escrow.chargeResumed(winnerCharge,
                parts.stream().map(p -> new Escrow.ResumedWork(p.usefulMillis(), p.price())).toList(), job.spec(), fee);
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            Escrow.Charge c = charges.get(i);
            if (c.gross().micros() == 0) continue;
            AttemptRecord a = part.attempt();
            boolean posted = false;
            for (LedgerRules.Decision d : tx.ledger().post(Escrow.payResumed(a.task(), a.id(), AccountId.of(part.provider().owner()), c), now)) {
                switch (d) {
                    case LedgerRules.Decision.Post p -> posted = true;
                    case LedgerRules.Decision.AlreadyPosted p -> { }
                    case LedgerRules.Decision.Insufficient s ->
                            throw new IllegalStateException("escrow of job " + job.id() + " is short by " + s.shortfall() + " paying resumed attempt " + a.id());
                    case LedgerRules.Decision.Clash x -> throw new IllegalStateException("attempt " + a.id() + " was paid differently before: " + x.entry());
                }
            }
            if (posted) tx.ledger().insertResumedCharge(new TaskCharge(a.task(), a.id(), part.provider().id(), part.provider().owner(),
                    c.runtimeMillis(), c.price(), c.gross(), c.fee(), c.net(), now));
        }
    }

    /** The attempts the winner's checkpoints came from that are to be paid, nearest the winner first. */
    private static List<Part> chain(StoreTx tx, AttemptRecord winner) {
        List<Part> out = new ArrayList<>();
        Set<AttemptId> seen = new HashSet<>(List.of(winner.id()));
        Optional<ResumedFrom> point = tx.resumedFrom(winner.id());
        while (point.isPresent()) {
            ResumedFrom r = point.get();
            // Checkpoints only ever point back in time; a bad row must still not hang a completion.
            if (!seen.add(r.from())) break;
            AttemptRecord a = tx.attempt(r.from()).orElse(null);
            if (a == null) break;
            if ((a.state() == AttemptState.FAILED || a.state() == AttemptState.LOST) && r.checkpointMillis() != null) {
                long useful = Math.min(r.checkpointMillis(), observedMillis(a));
                ProviderRecord provider = tx.provider(a.provider()).orElse(null);
                if (useful > 0 && provider != null) out.add(new Part(a, provider, useful));
            }
            point = tx.resumedFrom(a.id());
        }
        return out;
    }

    /** How long the coordinator saw an ended attempt run (from its start, or its assignment if it never started); 0 while it runs. */
    static long observedMillis(AttemptRecord a) {
        Instant start = a.startedAt() != null ? a.startedAt() : a.assignedAt();
        return a.endedAt() == null ? 0 : Math.max(0, Duration.between(start, a.endedAt()).toMillis());
    }
}

package org.gridmint.core.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.money.Credits;
import org.gridmint.core.spec.JobSpec;

/**
 * What a job's money does: at submission its maximum cost is held; each succeeded task pays its provider
 * runtime × ask (never above the job's price cap, never more than the task's share of the hold), less the fee;
 * when the job ends, the rest goes back. A failed or lost attempt is charged only for useful work: its runtime up
 * to the checkpoint that a later attempt resumed from, paid with the task's success ({@link #chargeResumed}).
 * Everything else (attempts that left no resumed checkpoint, cancelled ones, tasks that finally fail) costs nothing.
 */
public final class Escrow {
    private Escrow() {}

    /** The most one task may cost: its timeout at the job's price cap. */
    public static Credits taskCap(JobSpec spec) {
        return spec.maxPrice().forDurationMillis(spec.timeout().toMillis());
    }

    /** What a job holds at submission: tasks × timeout × price cap. */
    public static Credits maxCost(JobSpec spec) {
        return Credits.ofMicros(Math.multiplyExact(taskCap(spec).micros(), (long) spec.taskCount()));
    }

    public static Posting hold(JobId job, AccountId client, JobSpec spec) {
        return new Posting(PostingKind.HOLD, job.value(), LedgerAccount.party(client), LedgerAccount.escrow(job), maxCost(spec));
    }

    /**
     * What one succeeded task costs.
     *
     * @param price the price per hour charged: the provider's ask, capped at the job's maxPrice
     * @param gross runtime × price, rounded up to the micro-credit, at most the task's cap
     * @param fee the protocol's part of {@code gross}
     * @param net what the provider's owner receives: {@code gross - fee}
     */
    public record Charge(long runtimeMillis, Credits price, Credits gross, Credits fee, Credits net) {}

    public static Charge charge(long runtimeMillis, Credits ask, JobSpec spec, FeeRate fee) {
        if (runtimeMillis < 0) throw new IllegalArgumentException("runtime must be >= 0, was " + runtimeMillis);
        if (ask.isNegative()) throw new IllegalArgumentException("ask must be >= 0 credits per hour, was " + ask);
        Credits price = ask.compareTo(spec.maxPrice()) <= 0 ? ask : spec.maxPrice();
        Credits gross = price.forDurationMillis(runtimeMillis);
        Credits cap = taskCap(spec);
        if (gross.compareTo(cap) > 0) gross = cap;
        Credits f = fee.on(gross);
        return new Charge(runtimeMillis, price, gross, f, gross.minus(f));
    }

    /**
     * The checkpointed work of one failed attempt that a later attempt resumed from.
     *
     * @param usefulMillis its own runtime up to the checkpoint that was resumed (time it had itself inherited from an
     *     earlier checkpoint is not in it: that attempt's own part pays it)
     * @param ask its provider's price per hour
     */
    public record ResumedWork(long usefulMillis, Credits ask) {
        public ResumedWork {
            if (usefulMillis < 0) throw new IllegalArgumentException("useful time must be >= 0, was " + usefulMillis);
            if (ask == null || ask.isNegative()) throw new IllegalArgumentException("ask must be >= 0 credits per hour, was " + ask);
        }
    }

    /**
     * What the resumed-from attempts of a succeeded task cost, one charge per part in the order given (nearest the
     * winner first): each part's useful time at its provider's ask capped at maxPrice, less the fee; together with
     * the winner's gross never above the task's cap, so that a task never costs more than the hold set aside for it.
     * The winner is paid first, then the parts nearest to it, until the cap is spent.
     */
    public static List<Charge> chargeResumed(Charge winner, List<ResumedWork> parts, JobSpec spec, FeeRate fee) {
        Credits left = taskCap(spec).minus(winner.gross());
        List<Charge> out = new ArrayList<>(parts.size());
        for (ResumedWork w : parts) {
            Charge c = charge(w.usefulMillis(), w.ask(), spec, fee);
            if (c.gross().compareTo(left) > 0) {
                Credits gross = left.isNegative() ? Credits.ZERO : left;
                Credits f = fee.on(gross);
                c = new Charge(c.runtimeMillis(), c.price(), gross, f, gross.minus(f));
            }
            left = left.minus(c.gross());
            out.add(c);
        }
        return out;
    }

    /** The postings that pay a succeeded task: PAY to the provider's owner and FEE to the treasury, each when not zero. */
    public static List<Posting> pay(TaskId task, AccountId providerOwner, Charge charge) {
        return pay(task, task.toString(), providerOwner, charge);
    }

    /**
     * The reference of the PAY and FEE for the checkpointed work of {@code attempt}, which a later attempt of
     * {@code task} resumed from: its own, so that paying it again posts nothing twice and it never merges with the task's.
     */
    public static String resumedReference(TaskId task, AttemptId attempt) {
        return task + "@" + attempt.value();
    }

    /** The postings that pay a resumed-from attempt's checkpointed work (see {@link #chargeResumed}), each when not zero. */
    public static List<Posting> payResumed(TaskId task, AttemptId attempt, AccountId providerOwner, Charge charge) {
        return pay(task, resumedReference(task, attempt), providerOwner, charge);
    }

    private static List<Posting> pay(TaskId task, String reference, AccountId providerOwner, Charge charge) {
        List<Posting> out = new ArrayList<>(2);
        LedgerAccount escrow = LedgerAccount.escrow(task.job());
        if (charge.net().micros() > 0)
            out.add(new Posting(PostingKind.PAY, reference, escrow, LedgerAccount.party(providerOwner), charge.net()));
        if (charge.fee().micros() > 0)
            out.add(new Posting(PostingKind.FEE, reference, escrow, LedgerAccount.TREASURY, charge.fee()));
        return out;
    }

    /** The refund of what a finished job did not spend; empty when nothing is left. */
    public static Optional<Posting> refund(JobId job, AccountId client, Credits escrowBalance) {
        if (escrowBalance.micros() <= 0) return Optional.empty();
        return Optional.of(new Posting(PostingKind.REFUND, job.value(), LedgerAccount.escrow(job), LedgerAccount.party(client), escrowBalance));
    }
}

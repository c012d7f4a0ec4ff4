package org.gridmint.core.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.money.Credits;
import org.gridmint.core.spec.JobSpec;

/**
 * What a job's money does: at submission its maximum cost is held; each succeeded task pays its provider
 * runtime × ask (never above the job's price cap, never more than the task's share of the hold), less the fee;
 * when the job ends, the rest goes back. Failed, lost and cancelled attempts are never charged.
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

    /** The postings that pay a succeeded task: PAY to the provider's owner and FEE to the treasury, each when not zero. */
    public static List<Posting> pay(TaskId task, AccountId providerOwner, Charge charge) {
        List<Posting> out = new ArrayList<>(2);
        LedgerAccount escrow = LedgerAccount.escrow(task.job());
        if (charge.net().micros() > 0)
            out.add(new Posting(PostingKind.PAY, task.toString(), escrow, LedgerAccount.party(providerOwner), charge.net()));
        if (charge.fee().micros() > 0)
            out.add(new Posting(PostingKind.FEE, task.toString(), escrow, LedgerAccount.TREASURY, charge.fee()));
        return out;
    }

    /** The refund of what a finished job did not spend; empty when nothing is left. */
    public static Optional<Posting> refund(JobId job, AccountId client, Credits escrowBalance) {
        if (escrowBalance.micros() <= 0) return Optional.empty();
        return Optional.of(new Posting(PostingKind.REFUND, job.value(), LedgerAccount.escrow(job), LedgerAccount.party(client), escrowBalance));
    }
}

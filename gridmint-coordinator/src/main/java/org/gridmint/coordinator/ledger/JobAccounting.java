package org.gridmint.coordinator.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.coordinator.store.JobRecord;
import org.gridmint.coordinator.store.ProviderRecord;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.coordinator.store.TaskCharge;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ledger.Escrow;
import org.gridmint.core.ledger.FeeRate;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.LedgerRules;
import org.gridmint.core.ledger.Posting;
import org.gridmint.core.ledger.PostingKind;
import org.gridmint.core.money.Credits;
import org.gridmint.core.scheduling.AttemptRecord;

/**
 * The postings a job's life makes, each inside the transaction of the change that causes it: the hold with the
 * submission, a task's payment with its success, the refund with the job's end. A crash therefore keeps both
 * the change and its money or neither, and a repeated change finds its posting already there.
 */
public final class JobAccounting {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JobAccounting.class);

    private static final FeeRate NO_FEE = new FeeRate(0);

    private JobAccounting() {}

    /** Holds the job's maximum cost from its owner; 402 with the shortfall when the balance is too low. */
    public static void hold(StoreTx tx, JobRecord job, Instant now) {
        Posting hold = Escrow.hold(job.id(), AccountId.of(job.owner()), job.spec());
        switch (tx.ledger().post(hold, now)) {
            case LedgerRules.Decision.Post p -> { }
            case LedgerRules.Decision.AlreadyPosted p -> { }
            case LedgerRules.Decision.Insufficient i -> throw new CoordinatorException.PaymentRequired(hold.amount(), i.balance(), i.shortfall());
            case LedgerRules.Decision.Clash c -> throw new IllegalStateException("job " + job.id() + " already has a different hold: " + c.entry());
        }
    }

    /**
     * Pays a task that just succeeded: the attempt's runtime (what the agent reports, never more than the
     * coordinator saw between assignment and completion) at the price agreed when it was assigned (the provider's price for
     * an attempt from before prices were recorded), capped by the job; then the failed attempts whose checkpoints it
     * resumed from, for their work up to those checkpoints ({@link ResumedWorkBilling}). Returns what the winner was
     * charged. A task is paid once: if it already has a charge, nothing is posted again. A job submitted before the
     * ledger existed holds nothing and pays nothing.
     */
    public static Escrow.Charge payTask(StoreTx tx, JobRecord job, AttemptRecord attempt, ProviderRecord provider, long reportedRuntimeMillis,
                                        FeeRate fee, Instant now) {
        var earlier = tx.ledger().charge(attempt.task());
        if (earlier.isPresent()) {
            TaskCharge c = earlier.get();
            return new Escrow.Charge(c.runtimeMillis(), c.price(), c.gross(), c.fee(), c.net());
        }
        long runtime = runtime(attempt, reportedRuntimeMillis, now);
        Escrow.Charge charge = Escrow.charge(runtime, agreedPrice(attempt, provider), job.spec(), fee);
        List<Posting> postings = Escrow.pay(attempt.task(), AccountId.of(provider.owner()), charge);
        for (LedgerRules.Decision d : tx.ledger().post(postings, now)) {
            switch (d) {
                case LedgerRules.Decision.Post p -> { }
                case LedgerRules.Decision.AlreadyPosted p -> { }
                case LedgerRules.Decision.Insufficient i -> {
                    // Only on this path is the hold looked up: the hot path pays without the extra read.
                    if (tx.ledger().entry(PostingKind.HOLD, job.id().value()).isEmpty()) {
                        log.warn("job {} was submitted before the ledger existed: it holds nothing, so task {} is not paid", job.id(), attempt.task());
                        return charge;
                    }
                    // The hold covers every task at its cap, and a task is paid once: a shortfall is a bug, never the client's.
                    throw new IllegalStateException("escrow of job " + job.id() + " is short by " + i.shortfall() + " paying task " + attempt.task());
                }
                case LedgerRules.Decision.Clash c -> throw new IllegalStateException("task " + attempt.task() + " was paid differently before: " + c.entry());
            }
        }
        tx.ledger().insertCharge(new TaskCharge(attempt.task(), attempt.id(), provider.id(), provider.owner(), runtime, charge.price(),
                charge.gross(), charge.fee(), charge.net(), now));
        ResumedWorkBilling.pay(tx, job, attempt, charge, fee, now);
        return charge;
    }

    /**
     * What a replica beyond a task's accepted result costs: its runtime at its agreed price, capped by the job as the
     * client's payment is, with no fee. The network (the treasury) pays it rather than the client, so verification does
     * not make honest jobs dearer.
     */
    public static Credits replicaCost(JobRecord job, AttemptRecord attempt, ProviderRecord provider, long reportedRuntimeMillis, Instant now) {
        long runtime = runtime(attempt, reportedRuntimeMillis, now);
        return Escrow.charge(runtime, agreedPrice(attempt, provider), job.spec(), NO_FEE).gross();
    }

    /**
     * The runtime an attempt is paid for: what its agent reported, never more than the coordinator saw between its start
     * (or assignment) and its end (or {@code now} while it has none).
     */
    static long runtime(AttemptRecord attempt, long reportedRuntimeMillis, Instant now) {
        Instant started = attempt.startedAt() != null ? attempt.startedAt() : attempt.assignedAt();
        Instant ended = attempt.endedAt() != null ? attempt.endedAt() : now;
        long observed = Math.max(0, Duration.between(started, ended).toMillis());
        return Math.min(Math.max(0, reportedRuntimeMillis), observed);
    }

    /** Returns what a job that just ended did not spend to its owner. */
    public static void settle(StoreTx tx, JobRecord job, Instant now) {
        Credits left = tx.ledger().balance(LedgerAccount.escrow(job.id()));
        if (left.micros() <= 0) return;
        Posting refund = Escrow.refund(job.id(), AccountId.of(job.owner()), left).orElseThrow();
        var d = tx.ledger().post(refund, now);
        if (!(d instanceof LedgerRules.Decision.Post))
            throw new IllegalStateException("job " + job.id() + " ended with " + left + " in escrow but could not refund it: " + d);
    }

    /**
     * The hourly price the attempt was assigned at: an ask changed while it ran does not change its bill. An attempt from
     * before prices were recorded on attempts pays its provider's price.
     */
    static org.gridmint.core.money.Credits agreedPrice(AttemptRecord attempt, ProviderRecord provider) {
        return attempt.ask() != null ? attempt.ask() : provider.price();
    }
}

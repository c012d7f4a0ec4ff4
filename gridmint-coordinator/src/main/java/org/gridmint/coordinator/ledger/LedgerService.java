package org.gridmint.coordinator.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.gridmint.api.DepositRequest;
import org.gridmint.api.DepositView;
import org.gridmint.api.Earnings;
import org.gridmint.api.JobBill;
import org.gridmint.api.PostingView;
import org.gridmint.api.WalletHistory;
import org.gridmint.api.WalletView;
import org.gridmint.coordinator.CoordinatorConfig;
import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.coordinator.store.JobRecord;
import org.gridmint.coordinator.store.Store;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.coordinator.store.TaskCharge;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.Ids;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ledger.JournalEntry;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.LedgerRules;
import org.gridmint.core.ledger.Posting;
import org.gridmint.core.ledger.PostingKind;
import org.gridmint.core.lifecycle.AttemptState;
import org.gridmint.core.money.Credits;
import org.gridmint.core.scheduling.AttemptRecord;
import org.gridmint.core.scheduling.TaskRecord;

/**
 * Money as accounts see it: wallets and their history, the dev faucet and the operator's mint (the deposit port
 * until chain deposits arrive behind it), job bills and provider earnings. Every read is of the caller's own.
 */
public final class LedgerService {
    /** The most one faucet or mint request may deposit. */
    public static final Credits MAX_DEPOSIT = Credits.parse("100000");
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
    private static final int MAX_PAGE = 1000;
    private static final String FAUCET_OFF = "urn:gridmint:problem:dev-mode-off";

    private final Store store;
    private final InstantSource clock;
    private final CoordinatorConfig config;

    public LedgerService(Store store, InstantSource clock, CoordinatorConfig config) {
        this.store = store;
        this.clock = clock;
        this.config = config;
    }

    public WalletView wallet(AccountId account) {
        return store.inTransaction(tx -> {
            Credits balance = tx.ledger().balance(LedgerAccount.party(account));
            Credits inEscrow = Credits.ZERO;
            for (JobRecord j : tx.unfinishedJobs()) {
                if (j.owner().equals(account.value())) inEscrow = inEscrow.plus(tx.ledger().balance(LedgerAccount.escrow(j.id())));
            }
            Credits earned = Credits.ZERO;
            for (var t : tx.ledger().totalsTo(account.value())) earned = earned.plus(t.net());
            return new WalletView(account.value(), balance.toBigDecimal(), inEscrow.toBigDecimal(), earned.toBigDecimal());
        });
    }

    /** The account's postings, newest first, older than {@code before} (a seq; null for the newest). */
    public WalletHistory history(AccountId account, Long before, int limit) {
        if (limit < 1 || limit > MAX_PAGE) throw new CoordinatorException.Invalid("limit", "must be between 1 and " + MAX_PAGE + ", was " + limit);
        if (before != null && before < 1) throw new CoordinatorException.Invalid("before", "must be a journal seq >= 1, was " + before);
        LedgerAccount me = LedgerAccount.party(account);
        List<JournalEntry> entries = store.inTransaction(tx -> tx.ledger().entriesOf(me, before == null ? Long.MAX_VALUE : before, limit + 1));
        boolean more = entries.size() > limit;
        List<PostingView> views = entries.stream().limit(limit).map(e -> view(e, me)).toList();
        return new WalletHistory(account.value(), views, more ? views.getLast().seq() : null);
    }

    /** Deposits from the dev faucet into the caller's own account; only when the coordinator runs with --dev-faucet. */
    public DepositView faucet(AccountId caller, DepositRequest r) {
        if (!config.devFaucet())
            throw new CoordinatorException.Forbidden(FAUCET_OFF, "the dev faucet is off: it exists only on a coordinator started with --dev-faucet");
        if (r.account() != null && !r.account().equals(caller.value()))
            throw new CoordinatorException.Invalid("account", "the faucet pays only the caller's own account " + caller + "; leave it out");
        return deposit(caller, r, "faucet:" + caller.value() + ":");
    }

    /** Mints credits into any account: the operator only, and only in dev mode (--dev-faucet). */
    public DepositView mint(DepositRequest r) {
        if (!config.devFaucet())
            throw new CoordinatorException.Forbidden(FAUCET_OFF, "minting is off: it exists only on a coordinator started with --dev-faucet (dev mode)");
        if (r.account() == null) throw new CoordinatorException.Invalid("account", "is required: the account (acct-…) to mint into");
        if (!Ids.isValid(AccountId.PREFIX, r.account()))
            throw new CoordinatorException.Invalid("account", "is not an account id (acct-…): '" + r.account() + "'");
        return deposit(AccountId.of(r.account()), r, "mint:");
    }

    private DepositView deposit(AccountId to, DepositRequest r, String prefix) {
        Credits amount = amount(r.amount());
        if (r.reference() != null && !REFERENCE.matcher(r.reference()).matches())
            throw new CoordinatorException.Invalid("reference", "must be 1-100 of A-Z a-z 0-9 _ . : -, was '" + r.reference() + "'");
        String reference = r.reference() != null ? r.reference() : UUID.randomUUID().toString();
        Posting p = new Posting(PostingKind.DEPOSIT, prefix + reference, LedgerAccount.ISSUER, LedgerAccount.party(to), amount);
        Instant now = clock.instant();
        return store.inTransaction(tx -> {
            var d = tx.ledger().post(p, now);
            Credits balance = tx.ledger().balance(LedgerAccount.party(to));
            return switch (d) {
                case LedgerRules.Decision.Post x -> new DepositView(to.value(), amount.toBigDecimal(), reference,
                        tx.ledger().head().seq(), false, balance.toBigDecimal());
                case LedgerRules.Decision.AlreadyPosted a -> new DepositView(to.value(), amount.toBigDecimal(), reference, a.entry().seq(), true,
                        balance.toBigDecimal());
                case LedgerRules.Decision.Clash c -> throw new CoordinatorException.Conflict("reference '" + reference
                        + "' was used for a deposit of " + c.entry().posting().amount() + " credits; use a new reference", "DEPOSITED");
                case LedgerRules.Decision.Insufficient i -> throw new IllegalStateException("the issuer cannot run short: " + i);
            };
        });
    }

    private static Credits amount(BigDecimal amount) {
        if (amount == null) throw new CoordinatorException.Invalid("amount", "is required: credits, e.g. 100 or 2.5");
        Credits c;
        try {
            c = Credits.of(amount);
        } catch (IllegalArgumentException e) {
            throw new CoordinatorException.Invalid("amount", e.getMessage());
        }
        if (c.micros() <= 0 || c.compareTo(MAX_DEPOSIT) > 0)
            throw new CoordinatorException.Invalid("amount", "must be more than 0 and at most " + MAX_DEPOSIT + " credits, was " + amount.toPlainString());
        return c;
    }

    /** A job's bill; 404 for a job that is not the caller's. */
    public JobBill bill(AccountId owner, String jobId) {
        if (!Ids.isValid(JobId.PREFIX, jobId)) throw new CoordinatorException.NotFound("job", jobId);
        JobId id = new JobId(jobId);
        return store.inTransaction(tx -> {
            JobRecord job = tx.job(id).filter(j -> j.owner().equals(owner.value())).orElseThrow(() -> new CoordinatorException.NotFound("job", id));
            return bill(tx, job);
        });
    }

    private JobBill bill(StoreTx tx, JobRecord job) {
        Map<Integer, TaskCharge> charges = new HashMap<>();
        for (TaskCharge c : tx.ledger().charges(job.id())) charges.put(c.task().index(), c);
        Map<AttemptId, TaskCharge> partial = new HashMap<>();
        for (TaskCharge c : tx.ledger().resumedCharges(job.id())) partial.put(c.attempt(), c);
        Map<AttemptId, AttemptId> resumedBy = new HashMap<>(); // the attempt to the last one that resumed from its checkpoint
        Map<AttemptId, AttemptId> resumedFrom = partial.isEmpty() ? Map.of() : tx.resumedFrom(job.id());
        resumedFrom.forEach((attempt, from) -> resumedBy.put(from, attempt));
        Map<AttemptId, Integer> numbers = new HashMap<>();
        Map<Integer, List<AttemptRecord>> attempts = new HashMap<>();
        for (AttemptRecord a : tx.attempts(job.id())) {
            attempts.computeIfAbsent(a.task().index(), k -> new ArrayList<>()).add(a);
            numbers.put(a.id(), a.number());
        }
        BillVerification verified = BillVerification.of(tx, job);
        long useful = 0;
        long unbilled = 0;
        List<JobBill.TaskBill> tasks = new ArrayList<>();
        for (TaskRecord t : tx.tasks(job.id())) {
            TaskCharge charge = charges.get(t.id().index());
            List<JobBill.AttemptBill> lines = new ArrayList<>();
            for (AttemptRecord a : attempts.getOrDefault(t.id().index(), List.of())) {
                boolean won = charge != null && charge.attempt().equals(a.id());
                TaskCharge c = won ? charge : partial.get(a.id());
                boolean billed = c != null;
                long runtime = won ? charge.runtimeMillis() : ResumedWorkBilling.observedMillis(a);
                long billedMillis = billed ? Math.min(c.runtimeMillis(), runtime) : 0;
                useful += billedMillis;
                if (a.state().isFinal()) unbilled += runtime - billedMillis;
                String why = won || !billed ? why(a, billed) : String.format(java.util.Locale.ROOT,
                        "billed up to its checkpoint (%.1f s of %.1f s), resumed by attempt #%d; the rest not billed", billedMillis / 1000.0,
                        runtime / 1000.0, numbers.getOrDefault(resumedBy.get(a.id()), 0));
                var v = verified.line(a, t, billed);
                lines.add(new JobBill.AttemptBill(a.id().value(), a.number(), a.provider().value(), a.state().name(),
                        a.reason() == null ? null : a.reason().name(), runtime, billedMillis, billed, v == null ? why : v.why(),
                        billed ? c.price().toBigDecimal() : null, billed ? c.gross().toBigDecimal() : null,
                        billed ? c.fee().toBigDecimal() : null, billed ? c.net().toBigDecimal() : null,
                        v == null ? null : v.verification(), v == null ? null : v.verdictId(), v == null ? null : v.paidByNetwork()));
            }
            tasks.add(new JobBill.TaskBill(t.id().index(), t.state().name(), lines));
        }
        long[] totals = new long[5]; // held, paid, fees, refunded
        LedgerAccount escrow = LedgerAccount.escrow(job.id());
        for (JournalEntry e : tx.ledger().entriesOf(escrow, Long.MAX_VALUE, Integer.MAX_VALUE)) {
            int slot = switch (e.posting().kind()) {
                case HOLD -> 0;
                case PAY -> 1;
                case FEE -> 2;
                case REFUND -> 3;
                // An escrow takes part in none of these; counted apart so that a bill never misfiles one.
                case DEPOSIT, STAKE, UNSTAKE, SLASH, VERIFY, SUBSIDY, INFERENCE, WITHDRAW -> 4;
            };
            totals[slot] += e.posting().amount().micros();
        }
        Credits charged = Credits.ofMicros(totals[1] + totals[2]);
        BigDecimal perHour = useful == 0 ? null
                : charged.toBigDecimal().multiply(BigDecimal.valueOf(3_600_000)).divide(BigDecimal.valueOf(useful), 6, RoundingMode.HALF_UP).stripTrailingZeros();
        return new JobBill(job.id().value(), job.state().name(), job.spec().maxPrice().toBigDecimal(), config.fee().toString(), tasks,
                micros(totals[0]), micros(totals[1]), micros(totals[2]), micros(totals[3]), tx.ledger().balance(escrow).toBigDecimal(),
                charged.toBigDecimal(), useful, unbilled, perHour, verified.costByNetwork(), verified.slashCompensation());
    }

    private static String why(AttemptRecord a, boolean billed) {
        if (billed) return "billed: it succeeded";
        if (a.state() == AttemptState.SUCCEEDED) return "not billed: it succeeded but charged nothing";
        if (!a.state().isFinal()) return "not billed yet: " + a.state().name().toLowerCase(java.util.Locale.ROOT) + "; billed only if it succeeds";
        String reason = a.reason() == null ? a.state().name() : a.reason() + " (" + a.reason().description() + ")";
        return "not billed: " + reason + "; failed, lost and cancelled attempts cost the client nothing unless a later attempt resumed from"
                + " their checkpoint";
    }

    /** What the account's providers earned. */
    public Earnings earnings(AccountId account, int limit) {
        if (limit < 1 || limit > MAX_PAGE) throw new CoordinatorException.Invalid("limit", "must be between 1 and " + MAX_PAGE + ", was " + limit);
        return store.inTransaction(tx -> {
            long tasks = 0;
            long runtime = 0;
            Credits gross = Credits.ZERO;
            Credits fees = Credits.ZERO;
            Credits net = Credits.ZERO;
            List<Earnings.ProviderTotal> providers = new ArrayList<>();
            for (var t : tx.ledger().totalsTo(account.value())) {
                tasks += t.tasks();
                runtime += t.runtimeMillis();
                gross = gross.plus(t.gross());
                fees = fees.plus(t.fee());
                net = net.plus(t.net());
                providers.add(new Earnings.ProviderTotal(t.provider().value(), t.tasks(), t.runtimeMillis(), t.gross().toBigDecimal(),
                        t.fee().toBigDecimal(), t.net().toBigDecimal()));
            }
            List<Earnings.Payment> recent = tx.ledger().chargesTo(account.value(), limit).stream()
                    .map(c -> new Earnings.Payment(c.task().job().value(), c.task().index(), c.attempt().value(), c.provider().value(),
                            c.runtimeMillis(), c.price().toBigDecimal(), c.net().toBigDecimal(), c.fee().toBigDecimal(), c.at()))
                    .toList();
            return new Earnings(account.value(), net.toBigDecimal(), gross.toBigDecimal(), fees.toBigDecimal(), tasks, runtime, providers, recent);
        });
    }

    private static PostingView view(JournalEntry e, LedgerAccount me) {
        Posting p = e.posting();
        BigDecimal amount = p.amount().toBigDecimal();
        return new PostingView(e.seq(), e.at(), p.kind().name(), p.reference(), p.from().id(), p.to().id(), amount,
                p.to().equals(me) ? amount : amount.negate(), e.hash());
    }

    private static BigDecimal micros(long m) {
        return Credits.ofMicros(m).toBigDecimal();
    }
}

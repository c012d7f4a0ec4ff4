package org.gridmint.coordinator.economics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gridmint.coordinator.settlement.SettlementLeaf;
import org.gridmint.coordinator.settlement.SettlementPort;
import org.gridmint.coordinator.store.EconomicsTx;
import org.gridmint.coordinator.store.EconomicsTx.EpochRecord;
import org.gridmint.coordinator.store.JobRecord;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.coordinator.store.TaskCharge;
import org.gridmint.coordinator.store.TaskResult;
import org.gridmint.coordinator.store.VerdictRecord;
import org.gridmint.core.economics.Epochs;
import org.gridmint.core.economics.MerkleTree;
import org.gridmint.core.economics.RewardSplit;
import org.gridmint.core.economics.Tokens;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.LedgerRules;
import org.gridmint.core.ledger.Posting;
import org.gridmint.core.ledger.PostingKind;
import org.gridmint.core.money.Credits;
import org.gridmint.core.scheduling.AttemptRecord;

/**
 * Closes one epoch inside the caller's transaction: the verified work of the verdicts decided before its end that no close
 * examined yet (a verdict committed after its own epoch closed counts in the next), the emission split over that work,
 * and (on-chain only) the sweeps, withdrawals and leaves of its settlement batch, then its row. Nothing here reaches the
 * chain: posting the root is the loop's, after the commit.
 *
 * <p>Failure modes: anything that throws rolls the whole close back (rewards, sweeps, withdrawals' batching, leaves and the
 * row together), so an epoch is either closed whole or not at all, and the next run tries again. An attempt is rewarded
 * at most once: rewarded_work's key is the attempt.
 */
final class EpochClose {
    /** A verdict rewards its results only when at least this many agreed: a result accepted alone was checked by nobody. */
    static final int MIN_AGREEING = 2;

    private EpochClose() {}

    /** Closes epoch {@code n}; empty when it was closed already (by this or another coordinator). */
    static java.util.Optional<EpochRecord> close(StoreTx tx, long n, Epochs epochs, EconomicsConfig config, SettlementPort port, Instant now) {
        // The ledger head's lock serializes closes across coordinators sharing a PostgreSQL store, and with every posting.
        tx.lockStakes();
        EconomicsTx e = tx.economics();
        if (e.epoch(n).isPresent()) return java.util.Optional.empty();
        Instant start = epochs.start(n);
        Instant end = epochs.end(n);
        List<VerdictRecord> verdicts = e.unexaminedVerdicts(epochs.start(0), end);
        List<EconomicsTx.RewardedWork> rewarded = verifiedWork(tx, n, verdicts);
        e.markExamined(verdicts.stream().map(VerdictRecord::id).toList(), n);
        Map<String, Long> work = new TreeMap<>();
        for (var w : rewarded) work.merge(w.account(), w.gpuMs(), Long::sum);
        Tokens emission = config.schedule().emission(n);
        RewardSplit.Split split = RewardSplit.split(emission, config.treasuryShareBasisPoints(), work);
        e.insertRewardedWork(rewarded);
        List<EconomicsTx.EpochReward> rewards = new ArrayList<>();
        work.forEach((account, gpuMs) -> rewards.add(new EconomicsTx.EpochReward(n, account, gpuMs, split.rewards().getOrDefault(account, Tokens.ZERO))));
        if (split.treasury().micros() > 0) rewards.add(new EconomicsTx.EpochReward(n, LedgerAccount.TREASURY.id(), 0, split.treasury()));
        e.insertEpochRewards(rewards);
        for (var r : rewards) if (r.tokens().micros() > 0) e.addUnsettled(r.account(), r.tokens());
        long verifiedGpuMs = work.values().stream().mapToLong(Long::longValue).sum();

        List<EconomicsTx.Leaf> leaves = port.onChain() ? batch(tx, n, start, end, port, now) : List.of();
        Credits credits = Credits.ZERO;
        Tokens tokens = Tokens.ZERO;
        for (var l : leaves) {
            credits = credits.plus(l.credits());
            tokens = tokens.plus(l.tokens());
        }
        String root = null;
        if (!leaves.isEmpty()) {
            e.insertLeaves(leaves);
            root = hex(new MerkleTree(leaves.stream().map(l -> unhex(l.leaf())).toList(), port.hasher()).root());
        }
        EpochRecord row = new EpochRecord(n, start, end, emission, split.minted(), split.treasury(), verifiedGpuMs, credits, tokens, leaves.size(), root,
                port.onChain() ? org.gridmint.api.ChainInfo.EVM : org.gridmint.api.ChainInfo.EMBEDDED, leaves.isEmpty() ? EconomicsTx.SETTLED : EconomicsTx.CLOSED,
                null, now, null);
        e.insertEpoch(row);
        return java.util.Optional.of(row);
    }

    /** The verified work of the verdicts decided in [from, end) that no close examined yet: what the epoch's close would reward. */
    static List<EconomicsTx.RewardedWork> verifiedWork(StoreTx tx, long n, Instant from, Instant end) {
        return verifiedWork(tx, n, tx.economics().unexaminedVerdicts(from, end));
    }

    /**
     * Every result that agreed in one of {@code verdicts} (ACCEPTED) with at least {@link #MIN_AGREEING} agreeing results,
     * not rewarded before, with its work: the attempt's billed runtime x max(1, the job's GPUs). A close passes the
     * verdicts since genesis that no close examined, so that one that missed its own epoch's close is not lost.
     */
    private static List<EconomicsTx.RewardedWork> verifiedWork(StoreTx tx, long n, List<VerdictRecord> verdicts) {
        List<EconomicsTx.RewardedWork> out = new ArrayList<>();
        Map<String, JobRecord> jobs = new HashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (VerdictRecord v : verdicts) {
            List<VerdictRecord.Entry> agreeing = v.results().stream().filter(r -> r.agrees() && !r.rejected()).toList();
            if (agreeing.size() < MIN_AGREEING) continue;
            JobRecord job = jobs.computeIfAbsent(v.task().job().value(), id -> tx.job(v.task().job()).orElseThrow());
            int gpus = Math.max(1, job.spec().resources().gpus());
            Map<String, TaskResult> results = new HashMap<>();
            for (TaskResult r : tx.results(v.task())) results.put(r.attempt().value(), r);
            TaskCharge charge = tx.ledger().charge(v.task()).orElse(null);
            for (VerdictRecord.Entry entry : agreeing) {
                TaskResult result = results.get(entry.attempt());
                // A result that a later verdict (a full check) rejected earns nothing, even from an earlier agreement.
                if (result == null || result.status() == TaskResult.Status.REJECTED) continue;
                if (!seen.add(entry.attempt()) || tx.economics().rewarded(entry.attempt())) continue;
                long runtime = billedRuntime(tx, v.task(), entry.attempt(), result, charge);
                long gpuMs = Math.multiplyExact(runtime, gpus);
                if (gpuMs <= 0) continue;
                out.add(new EconomicsTx.RewardedWork(entry.attempt(), n, v.id(), entry.provider(), entry.owner(), gpuMs));
            }
        }
        return out;
    }

    /** What the attempt was paid for: the client's charge's runtime for the paid result, else its replica's (reported, capped by what was seen). */
    private static long billedRuntime(StoreTx tx, TaskId task, String attempt, TaskResult result, TaskCharge charge) {
        if (charge != null && charge.attempt().value().equals(attempt)) return charge.runtimeMillis();
        AttemptRecord a = tx.attempt(AttemptId.of(attempt)).orElse(null);
        if (a == null) return 0;
        Instant started = a.startedAt() != null ? a.startedAt() : a.assignedAt();
        Instant ended = a.endedAt() != null ? a.endedAt() : result.reportedAt();
        long observed = Math.max(0, Duration.between(started, ended).toMillis());
        return Math.min(Math.max(0, result.runtimeMillis()), observed);
    }

    /**
     * The on-chain batch: each account with a payout address is swept of what it earned in the epoch (capped by its
     * balance), withdrawals asked for before the epoch's end join it (at the address each was asked for), and each
     * address's leaf nets its accounts' credits and unsettled GRID (the treasury's to the port's treasury address, when
     * it has one). Leaves sorted by address; what each leaf paid each account is written beside it, so that an account
     * finds its leaves after its address changes.
     */
    private static List<EconomicsTx.Leaf> batch(StoreTx tx, long n, Instant start, Instant end, SettlementPort port, Instant now) {
        EconomicsTx e = tx.economics();
        Payees payees = new Payees();
        List<Posting> sweeps = new ArrayList<>();
        for (var a : e.payoutAddresses()) {
            LedgerAccount party = LedgerAccount.party(AccountId.of(a.account()));
            long income = e.incomeIn(a.account(), start, end).micros();
            long sweep = Math.min(income, tx.ledger().balance(party).micros());
            if (sweep > 0) {
                sweeps.add(new Posting(PostingKind.WITHDRAW, sweepReference(n, a.account()), party, LedgerAccount.CHAIN, Credits.ofMicros(sweep)));
                payees.add(a.address(), a.account(), sweep, 0);
            }
            Tokens grid = e.tokenBalance(a.account()).unsettled();
            if (grid.micros() > 0) {
                e.settleTokens(a.account(), grid);
                payees.add(a.address(), a.account(), 0, grid.micros());
            }
        }
        for (LedgerRules.Decision d : tx.ledger().post(sweeps, now))
            if (!(d instanceof LedgerRules.Decision.Post)) throw new IllegalStateException("epoch " + n + " could not sweep: " + d);
        List<EconomicsTx.Withdrawal> withdrawals = e.unbatchedWithdrawals(end);
        for (var w : withdrawals) payees.add(w.address(), w.account(), w.amount().micros(), 0);
        e.batchWithdrawals(withdrawals.stream().map(EconomicsTx.Withdrawal::id).toList(), n);
        var treasuryAddress = port.treasuryAddress();
        Tokens treasury = e.tokenBalance(LedgerAccount.TREASURY.id()).unsettled();
        if (treasuryAddress.isPresent() && treasury.micros() > 0) {
            e.settleTokens(LedgerAccount.TREASURY.id(), treasury);
            payees.add(treasuryAddress.get().toLowerCase(java.util.Locale.ROOT), LedgerAccount.TREASURY.id(), 0, treasury.micros());
        }
        List<EconomicsTx.Leaf> leaves = new ArrayList<>();
        List<EconomicsTx.LeafAccount> rows = new ArrayList<>();
        for (var byAddress : payees.byAddress.entrySet()) {
            long credits = 0;
            long tokens = 0;
            for (var account : byAddress.getValue().entrySet()) {
                long[] v = account.getValue();
                credits += v[0];
                tokens += v[1];
                rows.add(new EconomicsTx.LeafAccount(n, byAddress.getKey(), account.getKey(), Credits.ofMicros(v[0]), Tokens.ofMicros(v[1])));
            }
            var leaf = new SettlementLeaf(n, byAddress.getKey(), Credits.ofMicros(credits), Tokens.ofMicros(tokens));
            leaves.add(new EconomicsTx.Leaf(n, leaves.size(), leaf.address(), leaf.credits(), leaf.tokens(), hex(port.leafHash(leaf))));
        }
        e.insertLeafAccounts(rows);
        return leaves;
    }

    /** What each address is paid, per account: address -> account -> {credits, tokens}, both sorted. Only amounts > 0 are added. */
    private static final class Payees {
        final Map<String, Map<String, long[]>> byAddress = new TreeMap<>();

        void add(String address, String account, long credits, long tokens) {
            long[] v = byAddress.computeIfAbsent(address, k -> new TreeMap<>()).computeIfAbsent(account, k -> new long[2]);
            v[0] += credits;
            v[1] += tokens;
        }
    }

    /** The WITHDRAW reference of an epoch's sweep of one account. */
    static String sweepReference(long epoch, String account) {
        return "epoch-" + epoch + "/" + account;
    }

    static String hex(byte[] b) {
        return "0x" + HexFormat.of().formatHex(b);
    }

    static byte[] unhex(String s) {
        return HexFormat.of().parseHex(s.startsWith("0x") ? s.substring(2) : s);
    }
}

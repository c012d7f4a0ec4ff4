package org.gridmint.coordinator.ledger;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.gridmint.coordinator.economics.NetworkFacts;
import org.gridmint.coordinator.store.EconomicsTx;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.coordinator.store.VerdictRecord;
import org.gridmint.core.economics.EmissionSchedule;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.LedgerAudit;
import org.gridmint.core.ledger.Posting;
import org.gridmint.core.ledger.PostingKind;
import org.gridmint.core.money.Credits;

/**
 * The economics' part of {@code ledger verify}: each epoch minted its treasury share plus its rewards, never more than the
 * schedule's emission; every rewarded attempt agreed in an ACCEPTED verdict with at least two agreeing results, decided
 * after genesis and before that epoch's end, and was rewarded once; GRID balances are the sums of the rewards; every WITHDRAW posting is an epoch's sweep or a withdrawal of
 * the same amount; each epoch's payout totals equal its leaves and its WITHDRAW postings; and each leaf, its hash and
 * the epoch's root are what its accounts were paid ({@link SettlementLeafAudit}).
 */
final class EconomicsAudit {
    private static final String SWEEP = "epoch-";
    private static final String WITHDRAWAL = "withdraw:";

    private final Map<String, Posting> withdraws = new HashMap<>();

    /** Feed every journal entry's posting; only WITHDRAW ones are kept. */
    void accept(Posting p) {
        if (p.kind() == PostingKind.WITHDRAW) withdraws.put(p.reference(), p);
    }

    void check(StoreTx tx, List<LedgerAudit.Break> out) {
        EconomicsTx e = tx.economics();
        EmissionSchedule schedule = NetworkFacts.schedule(tx).orElse(null);
        Map<Long, EconomicsTx.EpochRecord> epochs = new TreeMap<>();
        e.scanEpochs(x -> epochs.put(x.epoch(), x));
        Map<Long, Map<String, long[]>> rewards = new HashMap<>(); // epoch -> account -> {gpuMs, tokens}
        Map<String, Long> tokensByAccount = new HashMap<>();
        e.scanEpochRewards(r -> {
            rewards.computeIfAbsent(r.epoch(), k -> new HashMap<>()).put(r.account(), new long[] {r.gpuMs(), r.tokens().micros()});
            tokensByAccount.merge(r.account(), r.tokens().micros(), Long::sum);
        });
        for (var x : epochs.values()) {
            long minted = 0;
            long treasury = 0;
            for (var r : rewards.getOrDefault(x.epoch(), Map.of()).entrySet()) {
                minted += r.getValue()[1];
                if (r.getKey().equals(LedgerAccount.TREASURY.id())) treasury = r.getValue()[1];
            }
            if (x.minted().micros() != minted || x.treasuryTokens().micros() != treasury)
                out.add(brk(LedgerAudit.Problem.CONSERVATION, "epoch " + x.epoch() + " says it minted " + x.minted() + " GRID (" + x.treasuryTokens()
                        + " to the treasury) but its rewards add up to " + tokens(minted) + " (" + tokens(treasury) + " to the treasury)"));
            if (x.minted().compareTo(x.emission()) > 0 || (schedule != null && !x.emission().equals(schedule.emission(x.epoch()))))
                out.add(brk(LedgerAudit.Problem.CONSERVATION, "epoch " + x.epoch() + " minted " + x.minted() + " GRID of an emission of " + x.emission()
                        + (schedule == null ? "" : "; the schedule allows " + schedule.emission(x.epoch()))));
        }
        checkWork(tx, epochs, rewards, out);
        Set<String> balanced = new HashSet<>();
        for (var b : e.tokenBalances()) {
            balanced.add(b.account());
            long rewarded = tokensByAccount.getOrDefault(b.account(), 0L);
            if (b.unsettled().micros() + b.settled().micros() != rewarded)
                out.add(brk(LedgerAudit.Problem.BALANCE, b.account() + " holds " + b.unsettled() + " GRID unsettled and " + b.settled()
                        + " settled but was rewarded " + tokens(rewarded)));
        }
        tokensByAccount.forEach((account, t) -> {
            if (t > 0 && !balanced.contains(account))
                out.add(brk(LedgerAudit.Problem.BALANCE, account + " was rewarded " + tokens(t) + " GRID but has no GRID balance"));
        });
        checkPayouts(e, epochs, out);
    }

    /**
     * Every rewarded attempt: an agreeing, unrejected entry of an ACCEPTED verdict with >= 2 agreeing results, decided
     * before its epoch's end (a late-committed verdict counts in a later epoch) and not before genesis, rewarded once.
     */
    private static void checkWork(StoreTx tx, Map<Long, EconomicsTx.EpochRecord> epochs, Map<Long, Map<String, long[]>> rewards,
                                  List<LedgerAudit.Break> out) {
        Map<String, VerdictRecord> verdicts = new HashMap<>();
        Map<Long, Map<String, Long>> work = new HashMap<>();
        Map<String, Long> rewardedIn = new HashMap<>(); // attempt -> the epoch that rewarded it
        Instant genesis = epochs.isEmpty() ? null : epochs.values().iterator().next().startsAt();
        tx.economics().scanRewardedWork(w -> {
            work.computeIfAbsent(w.epoch(), k -> new HashMap<>()).merge(w.account(), w.gpuMs(), Long::sum);
            if (verdicts.isEmpty()) for (VerdictRecord v : tx.allVerdicts()) verdicts.put(v.id(), v);
            String what = "attempt " + w.attemptId() + " was rewarded in epoch " + w.epoch() + " by verdict " + w.verdictId() + " but ";
            VerdictRecord v = verdicts.get(w.verdictId());
            EconomicsTx.EpochRecord epoch = epochs.get(w.epoch());
            if (v == null || v.outcome() != VerdictRecord.Outcome.ACCEPTED) {
                out.add(brk(LedgerAudit.Problem.CONSERVATION, what + (v == null ? "no such verdict exists" : "the verdict accepted nothing")));
                return;
            }
            long agreeing = v.results().stream().filter(r -> r.agrees() && !r.rejected()).count();
            boolean agreed = v.results().stream().anyMatch(r -> r.attempt().equals(w.attemptId()) && r.agrees() && !r.rejected()
                    && r.owner().equals(w.account()));
            if (agreeing < 2 || !agreed)
                out.add(brk(LedgerAudit.Problem.CONSERVATION, what + (agreeing < 2 ? "only " + agreeing + " result(s) agreed in it: nobody checked it"
                        : "it is not an agreeing result of " + w.account() + " there")));
            if (epoch == null || !within(v.decidedAt(), genesis, epoch.endsAt()))
                out.add(brk(LedgerAudit.Problem.CONSERVATION, what + "the verdict was decided at " + v.decidedAt() + ", "
                        + (epoch == null ? "and that epoch was never closed" : "not between genesis " + genesis + " and the epoch's end " + epoch.endsAt())));
            Long earlier = rewardedIn.putIfAbsent(w.attemptId(), w.epoch());
            if (earlier != null)
                out.add(brk(LedgerAudit.Problem.CONSERVATION, what + "it was rewarded in epoch " + earlier + " already"));
        });
        for (var x : epochs.values()) {
            Map<String, Long> byAccount = work.getOrDefault(x.epoch(), Map.of());
            long total = byAccount.values().stream().mapToLong(Long::longValue).sum();
            if (total != x.verifiedGpuMs())
                out.add(brk(LedgerAudit.Problem.CONSERVATION, "epoch " + x.epoch() + " says " + x.verifiedGpuMs() + " GPU-ms were verified but its"
                        + " rewarded attempts add up to " + total));
            Map<String, long[]> r = rewards.getOrDefault(x.epoch(), Map.of());
            Set<String> accounts = new HashSet<>(byAccount.keySet());
            r.forEach((account, v) -> {
                if (!account.equals(LedgerAccount.TREASURY.id())) accounts.add(account);
            });
            for (String account : accounts) {
                long[] v = r.getOrDefault(account, new long[2]);
                if (v[0] != byAccount.getOrDefault(account, 0L))
                    out.add(brk(LedgerAudit.Problem.CONSERVATION, "epoch " + x.epoch() + " rewarded " + account + " for " + v[0]
                            + " GPU-ms but its rewarded attempts add up to " + byAccount.getOrDefault(account, 0L)));
            }
        }
    }

    /** WITHDRAW postings against sweeps and withdrawals; each epoch's payouts against its leaves and its postings. */
    private void checkPayouts(EconomicsTx e, Map<Long, EconomicsTx.EpochRecord> epochs, List<LedgerAudit.Break> out) {
        Map<Long, Long> postedByEpoch = new HashMap<>();
        Map<Long, Map<String, Long>> byAccount = new HashMap<>(); // epoch -> account -> credits swept and withdrawn in it
        Set<String> explained = new HashSet<>();
        e.scanWithdrawals(w -> {
            String ref = WITHDRAWAL + w.id();
            Posting p = withdraws.get(ref);
            explained.add(ref);
            if (p == null || !p.amount().equals(w.amount()) || !p.from().id().equals(w.account()))
                out.add(brk(LedgerAudit.Problem.BALANCE, "withdrawal " + w.id() + " of " + w.amount() + " credits by " + w.account() + " but the journal "
                        + (p == null ? "has no WITHDRAW " + ref : "moved " + p.amount() + " from " + p.from())));
            if (w.epoch() == null) return;
            postedByEpoch.merge(w.epoch(), w.amount().micros(), Long::sum);
            byAccount.computeIfAbsent(w.epoch(), k -> new HashMap<>()).merge(w.account(), w.amount().micros(), Long::sum);
        });
        withdraws.forEach((ref, p) -> {
            if (explained.contains(ref)) return;
            Long epoch = sweepEpoch(ref);
            if (epoch == null || !epochs.containsKey(epoch) || !ref.equals(SWEEP + epoch + "/" + p.from().id())) {
                out.add(brk(LedgerAudit.Problem.BALANCE, "the journal has a WITHDRAW " + ref + " of " + p.amount()
                        + " credits that no closed epoch's sweep nor withdrawal explains"));
                return;
            }
            postedByEpoch.merge(epoch, p.amount().micros(), Long::sum);
            byAccount.computeIfAbsent(epoch, k -> new HashMap<>()).merge(p.from().id(), p.amount().micros(), Long::sum);
        });
        Map<Long, long[]> leaves = new HashMap<>(); // epoch -> {count, credits, tokens}
        e.scanLeaves(l -> {
            long[] v = leaves.computeIfAbsent(l.epoch(), k -> new long[3]);
            v[0]++;
            v[1] += l.credits().micros();
            v[2] += l.tokens().micros();
        });
        long settled = e.tokenBalances().stream().mapToLong(b -> b.settled().micros()).sum();
        long paidOut = 0;
        for (var x : epochs.values()) {
            long[] l = leaves.getOrDefault(x.epoch(), new long[3]);
            long posted = postedByEpoch.getOrDefault(x.epoch(), 0L);
            paidOut += x.payoutTokens().micros();
            if (x.payoutCredits().micros() != l[1] || l[1] != posted || x.payoutTokens().micros() != l[2] || x.leaves() != l[0])
                out.add(brk(LedgerAudit.Problem.BALANCE, "epoch " + x.epoch() + " pays " + x.payoutCredits() + " credits and " + x.payoutTokens()
                        + " GRID in " + x.leaves() + " leaves, but its leaves (" + l[0] + ") add up to " + Credits.ofMicros(l[1]) + " credits and "
                        + tokens(l[2]) + " GRID, and its WITHDRAW postings to " + Credits.ofMicros(posted) + " credits"));
        }
        if (settled != paidOut)
            out.add(brk(LedgerAudit.Problem.BALANCE, "accounts hold " + tokens(settled) + " GRID as settled but epochs paid out " + tokens(paidOut)));
        SettlementLeafAudit.check(e, epochs, byAccount, out);
    }

    private static Long sweepEpoch(String ref) {
        if (!ref.startsWith(SWEEP)) return null;
        int slash = ref.indexOf('/');
        try {
            return slash < 0 ? null : Long.parseLong(ref.substring(SWEEP.length(), slash));
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return !at.isBefore(from) && at.isBefore(to);
    }

    private static String tokens(long micros) {
        return org.gridmint.core.economics.Tokens.ofMicros(Math.max(0, micros)).toString();
    }

    private static LedgerAudit.Break brk(LedgerAudit.Problem p, String detail) {
        return new LedgerAudit.Break(p, 0, detail);
    }
}

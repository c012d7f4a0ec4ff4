package org.gridmint.coordinator.settlement;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridmint.chain.DepositEvent;
import org.gridmint.chain.EpochPosting;
import org.gridmint.chain.SettlementContracts;
import org.gridmint.chain.Units;
import org.gridmint.coordinator.store.ChainTx;
import org.gridmint.coordinator.store.EconomicsTx;
import org.gridmint.coordinator.store.Store;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.LedgerAudit;
import org.gridmint.core.ledger.PostingKind;

/**
 * The chain's part of {@code gridmint ledger verify}, for a store that settles on an EVM chain: every POSTED epoch's root
 * and totals are the contract's; a CLOSED (not yet posted) epoch is absent on-chain or the same; every DEPOSIT from the
 * chain has its chain_deposits row of the same amount and its Deposited log on-chain (same block, transaction, account and
 * amount); every Deposited log up to the deposit cursor has its chain_deposits row (chain to store: none was skipped);
 * credited deposits less withdrawals are what the ledger's chain account owes (minus its balance); and the
 * contract holds at least the credits it owes to unclaimed payouts.
 *
 * <p>The store is read in one transaction first, the chain afterwards, so no database lock is held across network calls.
 */
public final class EvmChainAudit {
    private EvmChainAudit() {}

    private record Snapshot(List<EconomicsTx.EpochRecord> epochs, List<ChainTx.DepositRecord> rows, Map<String, long[]> depositPostings, long withdrawn,
                            long chainBalance, Long cursor) {}

    /**
     * What the chain audit found.
     *
     * @param breaks every way the store and the chain disagree; empty when everything holds
     * @param facts one line per check that passed, saying what was checked (e.g. how many posted epochs match), for the
     *     operator to read; a check that found a break has no line here
     */
    public record Result(List<LedgerAudit.Break> breaks, List<String> facts) {
        public Result {
            breaks = List.copyOf(breaks);
            facts = List.copyOf(facts);
        }
    }

    /** Audits {@code store} against the contracts; an empty list when everything holds. */
    public static List<LedgerAudit.Break> check(Store store, SettlementContracts contracts) {
        return audit(store, contracts).breaks();
    }

    /** Audits {@code store} against the contracts, reading Deposited logs from block 0 (deployment block unknown). */
    public static Result audit(Store store, SettlementContracts contracts) {
        return audit(store, contracts, 0);
    }

    /**
     * Audits {@code store} against the contracts: the breaks, and a line for each check that passed.
     *
     * @param depositsAfter the last block before the contracts existed (the chain file's {@code depositsAfter}, the deposit
     *     watcher's start): Deposited logs are read after it, as the watcher does, not from block 0; 0 when unknown
     */
    public static Result audit(Store store, SettlementContracts contracts, long depositsAfter) {
        if (depositsAfter < 0) throw new IllegalArgumentException("depositsAfter must be >= 0, was " + depositsAfter);
        Snapshot s = store.inTransaction(tx -> {
            Map<String, long[]> deposits = new HashMap<>(); // reference -> {amount, seq}
            long[] withdrawn = {0};
            tx.ledger().scan(1, e -> {
                var p = e.posting();
                if (p.kind() == PostingKind.DEPOSIT && p.from().equals(LedgerAccount.CHAIN)) deposits.put(p.reference(), new long[] {p.amount().micros(), e.seq()});
                if (p.kind() == PostingKind.WITHDRAW) withdrawn[0] += p.amount().micros();
            }, bad -> { });
            List<ChainTx.DepositRecord> rows = new ArrayList<>();
            tx.chain().scanDeposits(rows::add);
            List<EconomicsTx.EpochRecord> epochs = new ArrayList<>();
            tx.economics().scanEpochs(epochs::add);
            return new Snapshot(epochs, rows, deposits, withdrawn[0], tx.ledger().balance(LedgerAccount.CHAIN).micros(), tx.chain().cursor().orElse(null));
        });
        List<LedgerAudit.Break> out = new ArrayList<>();
        List<String> facts = new ArrayList<>();
        String contract = contracts.addresses().settlement();
        checkEpochs(s.epochs(), contracts, out);
        if (out.isEmpty()) {
            long posted = s.epochs().stream().filter(e -> EconomicsTx.POSTED.equals(e.state())).count();
            long closed = s.epochs().stream().filter(e -> EconomicsTx.CLOSED.equals(e.state())).count();
            facts.add("on-chain: " + count(posted, "posted epoch") + (posted == 1 ? " matches" : " match") + " the settlement contract " + contract
                    + " (root, credits and GRID)" + (closed == 0 ? "" : "; " + count(closed, "closed epoch") + " not yet posted "
                    + (closed == 1 ? "is" : "are") + " absent on-chain or the same"));
        }
        int before = out.size();
        checkDeposits(s, contracts, out);
        if (out.size() == before)
            facts.add("on-chain: " + count(s.depositPostings().size(), "deposit") + " credited by the journal found on-chain (Deposited logs of the same "
                    + "block, transaction, account and amount); credited deposits less withdrawals match the chain account");
        before = out.size();
        int logs = checkLogsRecorded(s, contracts, depositsAfter, out);
        if (out.size() == before && s.cursor() != null)
            facts.add("on-chain: every Deposited log through block " + s.cursor() + " (the deposit cursor) has its chain_deposits row, credited or "
                    + "unroutable (" + count(logs, "log") + ")");
        BigInteger held = contracts.stableBalance(contract);
        BigInteger owed = contracts.outstanding();
        if (held.compareTo(owed) < 0)
            out.add(chainBreak("the settlement contract holds " + base(held) + " stable credits but owes " + base(owed) + " to unclaimed payouts"));
        else
            facts.add("on-chain: the contract holds " + base(held) + " stable credits for " + base(owed) + " outstanding to unclaimed payouts");
        return new Result(out, facts);
    }

    private static String count(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /** Deposits recorded UNROUTABLE (their account named no account): not breaks, but money the contract holds for nobody here. */
    public static List<ChainTx.DepositRecord> unroutable(Store store) {
        List<ChainTx.DepositRecord> out = new ArrayList<>();
        store.inTransaction(tx -> {
            tx.chain().scanDeposits(d -> {
                if (d.state() == ChainTx.DepositState.UNROUTABLE) out.add(d);
            });
            return null;
        });
        return out;
    }

    private static void checkEpochs(List<EconomicsTx.EpochRecord> epochs, SettlementContracts contracts, List<LedgerAudit.Break> out) {
        for (EconomicsTx.EpochRecord e : epochs) {
            boolean posted = EconomicsTx.POSTED.equals(e.state());
            if (!posted && !EconomicsTx.CLOSED.equals(e.state())) continue;
            Optional<EpochPosting> on = contracts.epoch(e.epoch());
            if (on.isEmpty()) {
                if (posted) out.add(chainBreak("epoch " + e.epoch() + " is POSTED (tx " + e.txHash() + ") but the contract holds no root for it"));
                continue;
            }
            EpochPosting p = on.get();
            String root = EvmSettlement.hex(p.root());
            BigInteger credits = Units.toBaseUnits(e.payoutCredits().micros());
            BigInteger tokens = Units.toBaseUnits(e.payoutTokens().micros());
            if (!root.equalsIgnoreCase(String.valueOf(e.root())) || !p.credits().equals(credits) || !p.tokens().equals(tokens))
                out.add(chainBreak("epoch " + e.epoch() + " (" + e.state() + ") has root " + e.root() + ", " + e.payoutCredits() + " credits and "
                        + micros(e.payoutTokens().micros()) + " GRID in the store but the contract holds root " + root + ", " + base(p.credits()) + " credits and "
                        + base(p.tokens()) + " GRID"));
        }
    }

    private static void checkDeposits(Snapshot s, SettlementContracts contracts, List<LedgerAudit.Break> out) {
        Map<String, ChainTx.DepositRecord> byRef = new HashMap<>();
        long credited = 0;
        for (ChainTx.DepositRecord r : s.rows()) {
            byRef.put(r.reference(), r);
            long[] posting = s.depositPostings().get(r.reference());
            if (r.state() == ChainTx.DepositState.CREDITED) {
                credited += r.amount();
                if (posting == null) out.add(chainBreak("on-chain deposit " + r.reference() + " is recorded CREDITED but the journal has no DEPOSIT for it"));
            } else if (posting != null) {
                out.add(new LedgerAudit.Break(LedgerAudit.Problem.BALANCE, posting[1], "on-chain deposit " + r.reference()
                        + " is recorded UNROUTABLE but the journal credits it"));
            }
        }
        Map<Long, List<DepositEvent>> logsByBlock = new HashMap<>();
        s.depositPostings().forEach((ref, posting) -> {
            ChainTx.DepositRecord r = byRef.get(ref);
            if (r == null) {
                out.add(new LedgerAudit.Break(LedgerAudit.Problem.BALANCE, posting[1], "DEPOSIT " + ref + " from the chain has no chain_deposits row"));
                return;
            }
            if (r.amount() != posting[0])
                out.add(new LedgerAudit.Break(LedgerAudit.Problem.BALANCE, posting[1], "DEPOSIT " + ref + " credits " + micros(posting[0])
                        + " but its chain_deposits row says " + micros(r.amount())));
            List<DepositEvent> logs = logsByBlock.computeIfAbsent(r.blockNumber(), b -> contracts.deposits(b, b));
            boolean found = logs.stream().anyMatch(l -> l.txHash().equalsIgnoreCase(r.txHash()) && l.logIndex() == r.logIndex()
                    && l.amount().equals(Units.toBaseUnits(r.amount())) && l.account().equals(r.account()));
            if (!found)
                out.add(new LedgerAudit.Break(LedgerAudit.Problem.BALANCE, posting[1], "DEPOSIT " + ref + " of " + micros(r.amount()) + " to "
                        + r.account() + " has no matching Deposited log on-chain in block " + r.blockNumber()));
        });
        if (credited - s.withdrawn() != -s.chainBalance())
            out.add(chainBreak("credited on-chain deposits " + micros(credited) + " less withdrawals " + micros(s.withdrawn()) + " should be minus "
                    + "the chain account's balance, which is " + micros(s.chainBalance())));
    }

    /**
     * Chain to store: every Deposited log up to the deposit cursor (what the watcher says it handled) has its row, or the
     * deposit was skipped and its depositor never credited. Read in {@link EvmSettlement#LOG_RANGE}-block steps from the block
     * after {@code depositsAfter} (no log precedes the contract).
     *
     * @return how many logs were read
     */
    private static int checkLogsRecorded(Snapshot s, SettlementContracts contracts, long depositsAfter, List<LedgerAudit.Break> out) {
        if (s.cursor() == null) return 0;
        java.util.Set<String> recorded = new java.util.HashSet<>();
        for (ChainTx.DepositRecord r : s.rows()) recorded.add(r.txHash().toLowerCase(java.util.Locale.ROOT) + ":" + r.logIndex());
        int logs = 0;
        for (long from = depositsAfter + 1; from <= s.cursor(); from += EvmSettlement.LOG_RANGE) {
            for (DepositEvent l : contracts.deposits(from, Math.min(s.cursor(), from + EvmSettlement.LOG_RANGE - 1))) {
                logs++;
                if (!recorded.contains(l.txHash().toLowerCase(java.util.Locale.ROOT) + ":" + l.logIndex()))
                    out.add(chainBreak("deposit on-chain never credited: Deposited log chain:" + l.txHash() + ":" + l.logIndex() + " of " + base(l.amount())
                            + " credits for '" + l.account() + "' in block " + l.blockNumber() + " is at or below the deposit cursor (block "
                            + s.cursor() + ") but has no chain_deposits row"));
            }
        }
        return logs;
    }

    private static LedgerAudit.Break chainBreak(String detail) {
        return new LedgerAudit.Break(LedgerAudit.Problem.BALANCE, 0, "on-chain: " + detail);
    }

    private static String micros(long micros) {
        return org.gridmint.core.money.Credits.ofMicros(micros).toString();
    }

    private static String base(BigInteger base) {
        return new java.math.BigDecimal(base).movePointLeft(18).stripTrailingZeros().toPlainString();
    }
}

package org.gridmint.coordinator.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gridmint.coordinator.settlement.LeafHashing;
import org.gridmint.coordinator.settlement.SettlementLeaf;
import org.gridmint.coordinator.store.EconomicsTx;
import org.gridmint.core.economics.MerkleTree;
import org.gridmint.core.economics.Tokens;
import org.gridmint.core.ledger.LedgerAudit;
import org.gridmint.core.money.Credits;

/**
 * The settlement batches' part of {@code ledger verify}, beyond their totals: every leaf is recomputed with its epoch's
 * hashing (the {@code settlement} column) and compared with its stored hash; leaves are numbered 0..n-1 in address order,
 * as the close builds them; the root is the tree of the recomputed leaves; and each leaf is the sum of the accounts it
 * paid (settlement_leaf_accounts), which in turn are each account's sweep and withdrawals of that epoch and its settled GRID.
 * A leaf whose address, amounts or place was changed is found even when every total still adds up.
 */
final class SettlementLeafAudit {
    private SettlementLeafAudit() {}

    /**
     * @param sweptOrWithdrawn epoch -> account -> credits the journal moved to the chain for it in that epoch (its sweep and
     *     its withdrawals batched there)
     */
    static void check(EconomicsTx e, Map<Long, EconomicsTx.EpochRecord> epochs, Map<Long, Map<String, Long>> sweptOrWithdrawn,
                      List<LedgerAudit.Break> out) {
        Map<Long, List<EconomicsTx.Leaf>> leaves = new TreeMap<>();
        e.scanLeaves(l -> leaves.computeIfAbsent(l.epoch(), k -> new ArrayList<>()).add(l));
        Map<String, long[]> byLeaf = new HashMap<>(); // epoch/address -> {credits, tokens}
        Map<Long, Map<String, Long>> creditsByAccount = new HashMap<>();
        Map<String, Long> tokensByAccount = new HashMap<>();
        e.scanLeafAccounts(r -> {
            long[] v = byLeaf.computeIfAbsent(r.epoch() + "/" + r.address(), k -> new long[2]);
            v[0] += r.credits().micros();
            v[1] += r.tokens().micros();
            creditsByAccount.computeIfAbsent(r.epoch(), k -> new HashMap<>()).merge(r.account(), r.credits().micros(), Long::sum);
            tokensByAccount.merge(r.account(), r.tokens().micros(), Long::sum);
        });
        for (var x : epochs.values()) checkEpoch(x, leaves.getOrDefault(x.epoch(), List.of()), byLeaf, out);
        leaves.keySet().forEach(n -> {
            if (!epochs.containsKey(n)) out.add(brk("epoch " + n + " has settlement leaves but was never closed"));
        });
        byLeaf.keySet().forEach(k -> out.add(brk("settlement_leaf_accounts pays accounts at " + k + " (epoch/address) but that epoch has no such leaf")));
        for (var x : epochs.values()) {
            Map<String, Long> rows = creditsByAccount.getOrDefault(x.epoch(), Map.of());
            Map<String, Long> journal = sweptOrWithdrawn.getOrDefault(x.epoch(), Map.of());
            java.util.Set<String> accounts = new java.util.TreeSet<>(rows.keySet());
            accounts.addAll(journal.keySet());
            for (String account : accounts)
                if (!rows.getOrDefault(account, 0L).equals(journal.getOrDefault(account, 0L)))
                    out.add(brk("epoch " + x.epoch() + "'s leaves pay " + account + " " + Credits.ofMicros(rows.getOrDefault(account, 0L))
                            + " credits but the journal swept and withdrew " + Credits.ofMicros(journal.getOrDefault(account, 0L)) + " of it there"));
        }
        for (var b : e.tokenBalances())
            if (b.settled().micros() != tokensByAccount.getOrDefault(b.account(), 0L))
                out.add(brk(b.account() + " holds " + b.settled() + " GRID as settled but the leaves paid it "
                        + grid(tokensByAccount.getOrDefault(b.account(), 0L))));
    }

    /** One epoch's leaves against their hashes, their order, their root and their accounts' rows (consumed from {@code byLeaf}). */
    private static void checkEpoch(EconomicsTx.EpochRecord x, List<EconomicsTx.Leaf> leaves, Map<String, long[]> byLeaf, List<LedgerAudit.Break> out) {
        String n = "epoch " + x.epoch();
        if (leaves.isEmpty()) {
            if (x.root() != null) out.add(brk(n + " has root " + x.root() + " but no leaves"));
            return;
        }
        var hashing = LeafHashing.of(x.settlement());
        if (hashing.isEmpty()) {
            out.add(brk(n + " was settled by '" + x.settlement() + "', whose leaves this coordinator cannot recompute"));
            return;
        }
        List<byte[]> hashes = new ArrayList<>();
        String previous = null;
        for (int i = 0; i < leaves.size(); i++) {
            var l = leaves.get(i);
            String what = n + "'s leaf " + l.index() + " (" + l.address() + ", " + l.credits() + " credits, " + l.tokens() + " GRID)";
            if (l.index() != i || (previous != null && l.address().compareTo(previous) <= 0))
                out.add(brk(what + " is out of place: an epoch's leaves are numbered 0.." + (leaves.size() - 1) + " in address order"));
            previous = l.address();
            long[] rows = byLeaf.remove(x.epoch() + "/" + l.address());
            if (rows == null) rows = new long[2];
            if (rows[0] != l.credits().micros() || rows[1] != l.tokens().micros())
                out.add(brk(what + " disagrees with what it paid: its accounts' rows add up to " + Credits.ofMicros(rows[0]) + " credits and "
                        + grid(rows[1]) + " GRID"));
            byte[] hash;
            try {
                hash = hashing.get().leafHash(new SettlementLeaf(x.epoch(), l.address(), l.credits(), l.tokens()));
            } catch (IllegalArgumentException ex) {
                out.add(brk(what + " is not a valid leaf: " + ex.getMessage()));
                return;
            }
            hashes.add(hash);
            if (!hex(hash).equalsIgnoreCase(l.leaf()))
                out.add(brk(what + " does not hash to its stored hash " + l.leaf() + " but to " + hex(hash)));
        }
        String root = hex(new MerkleTree(hashes, hashing.get().hasher()).root());
        if (!root.equalsIgnoreCase(String.valueOf(x.root())))
            out.add(brk(n + " has root " + x.root() + " but its leaves, recomputed in order, make root " + root));
    }

    private static String grid(long micros) {
        return micros >= 0 ? Tokens.ofMicros(micros).toString() : micros + " µGRID";
    }

    private static String hex(byte[] b) {
        return "0x" + HexFormat.of().formatHex(b);
    }

    private static LedgerAudit.Break brk(String detail) {
        return new LedgerAudit.Break(LedgerAudit.Problem.BALANCE, 0, detail);
    }
}

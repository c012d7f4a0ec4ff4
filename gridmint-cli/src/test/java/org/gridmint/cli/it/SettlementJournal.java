package org.gridmint.cli.it;

import java.nio.file.Path;
import org.gridmint.coordinator.store.JdbcStore;
import org.gridmint.coordinator.store.Store;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.Posting;
import org.gridmint.core.ledger.PostingKind;

/**
 * What a coordinator's own store says about settlement, read from its SQLite file (safe beside the running process): the
 * journal's WITHDRAW and chain DEPOSIT postings and the GRID rewards. The on-chain balances are checked against these.
 */
final class SettlementJournal {
    private SettlementJournal() {}

    /**
     * @param withdrawn µcredits of every WITHDRAW from the account to the chain (epoch sweeps and withdrawals)
     * @param grid µGRID of every epoch reward of the account
     * @param unsettledGrid µGRID of those not yet in a settlement batch
     */
    record Totals(long withdrawn, long grid, long unsettledGrid) {}

    static Totals of(Path dataDir, String account) {
        LedgerAccount party = LedgerAccount.party(AccountId.of(account));
        try (Store store = JdbcStore.sqlite(dataDir)) {
            return store.inTransaction(tx -> {
                long[] withdrawn = {0};
                tx.ledger().scan(1, e -> {
                    Posting p = e.posting();
                    if (p.kind() == PostingKind.WITHDRAW && p.from().equals(party) && p.to().equals(LedgerAccount.CHAIN)) withdrawn[0] += p.amount().micros();
                }, bad -> {
                    throw new AssertionError("a journal row that is not a valid posting: " + bad);
                });
                long[] grid = {0};
                tx.economics().scanEpochRewards(r -> {
                    if (r.account().equals(account)) grid[0] += r.tokens().micros();
                });
                return new Totals(withdrawn[0], grid[0], tx.economics().tokenBalance(account).unsettled().micros());
            });
        }
    }

    /** How many DEPOSIT postings credited {@code account} from the chain with a reference starting {@code chain:<txPrefix>}. */
    static long chainDeposits(Path dataDir, String account, String txPrefix) {
        LedgerAccount party = LedgerAccount.party(AccountId.of(account));
        try (Store store = JdbcStore.sqlite(dataDir)) {
            return store.inTransaction(tx -> {
                long[] n = {0};
                tx.ledger().scan(1, e -> {
                    Posting p = e.posting();
                    if (p.kind() == PostingKind.DEPOSIT && p.from().equals(LedgerAccount.CHAIN) && p.to().equals(party)
                            && p.reference().startsWith("chain:" + txPrefix)) n[0]++;
                }, bad -> {
                    throw new AssertionError("a journal row that is not a valid posting: " + bad);
                });
                return n[0];
            });
        }
    }
}

package org.gridmint.coordinator.settlement;

import java.time.Instant;
import org.gridmint.coordinator.store.ChainTx;
import org.gridmint.coordinator.store.Store;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ids.Ids;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.LedgerRules;
import org.gridmint.core.ledger.Posting;
import org.gridmint.core.ledger.PostingKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Credits on-chain deposits to their ledger accounts: reads the settlement's confirmed deposits after the persisted cursor
 * and, in one store transaction per read, records each (chain_deposits), posts its DEPOSIT chain → account and advances the
 * cursor.
 *
 * <p>Failure modes: a crash between the chain read and the commit loses nothing (the cursor did not move; the next run
 * reads the same range again), and a range read twice credits nothing twice (the row's key and the posting's (kind,
 * reference) are both idempotent). Only blocks at least {@link ChainConfig#confirmations} deep are read, so a reorg
 * shallower than that never removes a deposit that was credited. A deposit that names no account ({@code acct-…}) is
 * recorded UNROUTABLE and logged; the contract keeps its funds. A chain error leaves everything as it was.
 *
 * <p>Concurrency: one runOnce at a time per coordinator (the scheduler runs it on one thread); coordinators sharing a
 * PostgreSQL store race on the cursor's compare-and-set, and the loser's transaction rolls back.
 */
public final class DepositWatcher {
    private static final Logger log = LoggerFactory.getLogger(DepositWatcher.class);
    /** Reads per run at most: a coordinator far behind catches up over several runs, committing as it goes. */
    private static final int MAX_READS_PER_RUN = 50;

    private final Store store;
    private final SettlementPort port;
    private final long startAfter;

    /**
     * @param startAfter the block to read after when no cursor is stored yet (the block before the contract's deployment, or
     *     0 when unknown)
     */
    public DepositWatcher(Store store, SettlementPort port, long startAfter) {
        if (startAfter < 0) throw new IllegalArgumentException("startAfter must be >= 0, was " + startAfter);
        this.store = store;
        this.port = port;
        this.startAfter = startAfter;
    }

    /** What one run did. */
    public record Run(int credited, int unroutable, long throughBlock) {}

    /** Reads and credits every deposit confirmed since the cursor (in bounded steps); returns what it did. */
    public Run runOnce(Instant now) {
        int credited = 0;
        int unroutable = 0;
        Long cursor = store.inTransaction(tx -> tx.chain().cursor().orElse(null));
        long after = cursor == null ? startAfter : cursor;
        for (int i = 0; i < MAX_READS_PER_RUN; i++) {
            SettlementPort.Deposits read = port.confirmedDeposits(after);
            if (read.throughBlock() <= after) break;
            Long expected = cursor;
            Run step = store.inTransaction(tx -> apply(tx.chain(), tx.ledger(), expected, read, now));
            credited += step.credited();
            unroutable += step.unroutable();
            cursor = read.throughBlock();
            after = cursor;
        }
        return new Run(credited, unroutable, after);
    }

    private Run apply(ChainTx chain, org.gridmint.coordinator.store.LedgerTx ledger, Long expected, SettlementPort.Deposits read, Instant now) {
        int credited = 0;
        int unroutable = 0;
        for (ChainDeposit d : read.deposits()) {
            if (chain.deposit(d.txHash(), d.logIndex()).isPresent()) continue;
            boolean routable = Ids.isValid(AccountId.PREFIX, d.account()) && d.amount().micros() > 0;
            var state = routable ? ChainTx.DepositState.CREDITED : ChainTx.DepositState.UNROUTABLE;
            chain.insertDeposit(new ChainTx.DepositRecord(d.txHash(), d.logIndex(), d.blockNumber(), d.blockHash(), printable(d.account()),
                    d.from(), d.amount().micros(), state, now));
            if (!routable) {
                unroutable++;
                log.warn("on-chain deposit {} of {} credits from {} names no account ('{}'): recorded as UNROUTABLE, not credited; the contract "
                        + "holds the funds", d.reference(), d.amount(), d.from(), printable(d.account()));
                continue;
            }
            Posting p = new Posting(PostingKind.DEPOSIT, d.reference(), LedgerAccount.CHAIN, LedgerAccount.party(AccountId.of(d.account())), d.amount());
            switch (ledger.post(p, now)) {
                case LedgerRules.Decision.Post x -> credited++;
                case LedgerRules.Decision.AlreadyPosted x -> { }
                case LedgerRules.Decision.Clash c -> throw new IllegalStateException("on-chain deposit " + d.reference() + " of " + d.amount()
                        + " clashes with journal entry " + c.entry().seq() + " of " + c.entry().posting().amount() + ": refusing to credit it");
                case LedgerRules.Decision.Insufficient x -> throw new IllegalStateException("the chain account may go negative; the ledger refused " + p);
            }
            log.info("credited on-chain deposit {}: {} credits to {} (block {})", d.reference(), d.amount(), d.account(), d.blockNumber());
        }
        if (!chain.advanceCursor(expected, read.throughBlock(), now))
            throw new IllegalStateException("the deposit cursor moved under this run (another coordinator on the same store?); rolled back");
        return new Run(credited, unroutable, read.throughBlock());
    }

    /** The account as written, control characters escaped: a log line stays one line, and PostgreSQL's text refuses NUL. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) b.append(String.format("\\u%04x", c));
            else b.appendCodePoint(c);
        });
        return b.toString();
    }
}

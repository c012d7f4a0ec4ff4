package org.gridmint.coordinator.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ledger.JournalEntry;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.LedgerRules;
import org.gridmint.core.ledger.Posting;
import org.gridmint.core.ledger.PostingKind;
import org.gridmint.core.money.Credits;

/**
 * The ledger's operations inside one store transaction ({@link StoreTx#ledger()}): postings are decided by
 * {@link LedgerRules} and written with the state change that caused them, so a crash keeps both or neither.
 */
public interface LedgerTx {

    /**
     * Decides each posting in order and writes those decided {@link LedgerRules.Decision.Post}; returns every
     * decision. The caller throws on a refusal so that the whole transaction rolls back.
     */
    List<LedgerRules.Decision> post(List<Posting> postings, Instant at);

    default LedgerRules.Decision post(Posting posting, Instant at) {
        return post(List.of(posting), at).getFirst();
    }

    Credits balance(LedgerAccount account);

    Optional<JournalEntry> entry(PostingKind kind, String reference);

    /** Entries that move money from or to {@code account}, newest first, with seq below {@code beforeSeq}; at most {@code limit}. */
    List<JournalEntry> entriesOf(LedgerAccount account, long beforeSeq, int limit);

    /** Every entry from seq {@code fromSeq} on, in order, to {@code each}; rows that are not valid postings come as {@link BadRow}s. */
    void scan(long fromSeq, Consumer<JournalEntry> each, Consumer<BadRow> bad);

    /** A journal row that does not even make a posting (an unknown kind, a negative amount…): tampering or a bug. */
    record BadRow(long seq, String why) {}

    /** Every stored balance. */
    Map<LedgerAccount, Credits> balances();

    /** The last entry's seq and hash as the head row keeps them (0 and the genesis hash when empty). */
    JournalHead head();

    record JournalHead(long seq, String hash) {}

    // --- what tasks were charged

    void insertCharge(TaskCharge charge);

    Optional<TaskCharge> charge(org.gridmint.core.ids.TaskId task);

    /** A job's charges by task index. */
    List<TaskCharge> charges(JobId job);

    /** Charges paid to {@code owner}'s providers (resumed-from ones included), newest first, at most {@code limit}. */
    List<TaskCharge> chargesTo(String owner, int limit);

    /** Totals of the charges paid to {@code owner}'s providers (resumed-from ones included), one row per provider. */
    List<ProviderTotals> totalsTo(String owner);

    record ProviderTotals(org.gridmint.core.ids.ProviderId provider, long tasks, long runtimeMillis, Credits gross, Credits fee, Credits net) {}

    /** Every charge, for the audit. */
    void scanCharges(Consumer<TaskCharge> each);

    // --- what resumed-from attempts were paid for their checkpointed work (one charge per attempt at most)

    /** Records a resumed-from attempt's charge; {@code charge.attempt()} is the attempt paid, not the winner. */
    void insertResumedCharge(TaskCharge charge);

    /** A job's resumed-from charges, by task index then time. */
    List<TaskCharge> resumedCharges(JobId job);

    /** Every resumed-from charge, for the audit. */
    void scanResumedCharges(Consumer<TaskCharge> each);
}

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

/** {@link LedgerTx} over {@link LedgerSql}, usable only while its {@link JdbcTx} is open. */
final class JdbcLedgerTx implements LedgerTx {
    private final LedgerSql sql;
    private final Runnable requireOpen;

    JdbcLedgerTx(LedgerSql sql, Runnable requireOpen) {
        this.sql = sql;
        this.requireOpen = requireOpen;
    }

    @Override
    public List<LedgerRules.Decision> post(List<Posting> postings, Instant at) {
        requireOpen.run();
        return sql.post(postings, at);
    }

    @Override
    public Credits balance(LedgerAccount account) {
        requireOpen.run();
        return sql.balance(account);
    }

    @Override
    public Optional<JournalEntry> entry(PostingKind kind, String reference) {
        requireOpen.run();
        return sql.entry(kind, reference);
    }

    @Override
    public List<JournalEntry> entriesOf(LedgerAccount account, long beforeSeq, int limit) {
        requireOpen.run();
        return sql.entriesOf(account, beforeSeq, limit);
    }

    @Override
    public void scan(long fromSeq, Consumer<JournalEntry> each, Consumer<BadRow> bad) {
        requireOpen.run();
        sql.scan(fromSeq, each, bad);
    }

    @Override
    public Map<LedgerAccount, Credits> balances() {
        requireOpen.run();
        return sql.balances();
    }

    @Override
    public JournalHead head() {
        requireOpen.run();
        return sql.head();
    }

    @Override
    public void insertCharge(TaskCharge charge) {
        requireOpen.run();
        sql.insertCharge(charge);
    }

    @Override
    public Optional<TaskCharge> charge(org.gridmint.core.ids.TaskId task) {
        requireOpen.run();
        return sql.charge(task);
    }

    @Override
    public List<TaskCharge> charges(JobId job) {
        requireOpen.run();
        return sql.charges(job);
    }

    @Override
    public List<TaskCharge> chargesTo(String owner, int limit) {
        requireOpen.run();
        return sql.chargesTo(owner, limit);
    }

    @Override
    public List<ProviderTotals> totalsTo(String owner) {
        requireOpen.run();
        return sql.totalsTo(owner);
    }

    @Override
    public void scanCharges(Consumer<TaskCharge> each) {
        requireOpen.run();
        sql.scanCharges(each);
    }

    @Override
    public void insertResumedCharge(TaskCharge charge) {
        requireOpen.run();
        sql.insertResumedCharge(charge);
    }

    @Override
    public List<TaskCharge> resumedCharges(JobId job) {
        requireOpen.run();
        return sql.resumedCharges(job);
    }

    @Override
    public void scanResumedCharges(Consumer<TaskCharge> each) {
        requireOpen.run();
        sql.scanResumedCharges(each);
    }
}

package org.gridmint.coordinator.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.ledger.JournalEntry;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.LedgerRules;
import org.gridmint.core.ledger.Posting;
import org.gridmint.core.ledger.PostingKind;
import org.gridmint.core.money.Credits;

/** The ledger tables: journal, balances, head and task charges. */
final class LedgerSql {
    private static final String ENTRY_COLUMNS = "seq, kind, reference, from_account, to_account, amount, at, prev_hash, hash";

    private final Sql sql;

    LedgerSql(Sql sql) {
        this.sql = sql;
    }

    List<LedgerRules.Decision> post(List<Posting> postings, Instant at) {
        // Locks the head row before reading anything: on PostgreSQL this serializes every posting transaction,
        // so the balances read below are current and two transactions cannot both extend the chain from one entry.
        sql.update("UPDATE ledger_head SET seq = seq WHERE id = 1");
        LedgerTx.JournalHead head = head();
        long seq = head.seq();
        String hash = head.hash();
        List<LedgerRules.Decision> out = new ArrayList<>(postings.size());
        for (Posting p : postings) {
            var decision = LedgerRules.decide(p, entry(p.kind(), p.reference()).orElse(null), balance(p.from()));
            out.add(decision);
            if (!(decision instanceof LedgerRules.Decision.Post)) continue;
            JournalEntry e = JournalEntry.after(seq, hash, p, at);
            sql.update("INSERT INTO ledger_journal (" + ENTRY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    e.seq(), p.kind(), p.reference(), p.from().id(), p.to().id(), p.amount(), at, e.prevHash(), e.hash());
            add(p.from(), -p.amount().micros());
            add(p.to(), p.amount().micros());
            seq = e.seq();
            hash = e.hash();
        }
        if (seq != head.seq()) sql.update("UPDATE ledger_head SET seq = ?, hash = ? WHERE id = 1", seq, hash);
        return out;
    }

    private void add(LedgerAccount account, long delta) {
        if (sql.update("UPDATE ledger_balances SET balance = balance + ? WHERE account = ?", delta, account.id()) == 0)
            sql.update("INSERT INTO ledger_balances (account, balance) VALUES (?, ?)", account.id(), delta);
    }

    Credits balance(LedgerAccount account) {
        return sql.one("SELECT balance FROM ledger_balances WHERE account = ?", rs -> Credits.ofMicros(rs.getLong(1)), account.id())
                .orElse(Credits.ZERO);
    }

    Optional<JournalEntry> entry(PostingKind kind, String reference) {
        return sql.one("SELECT " + ENTRY_COLUMNS + " FROM ledger_journal WHERE kind = ? AND reference = ?", LedgerSql::entry, kind, reference);
    }

    List<JournalEntry> entriesOf(LedgerAccount account, long beforeSeq, int limit) {
        Sql.requireLimit(limit);
        // Two index range scans merged: an OR over two columns would read the whole journal on SQLite.
        List<JournalEntry> out = new ArrayList<>();
        out.addAll(sql.list("SELECT " + ENTRY_COLUMNS + " FROM ledger_journal WHERE from_account = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
                LedgerSql::entry, account.id(), beforeSeq, limit));
        out.addAll(sql.list("SELECT " + ENTRY_COLUMNS + " FROM ledger_journal WHERE to_account = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
                LedgerSql::entry, account.id(), beforeSeq, limit));
        out.sort((a, b) -> Long.compare(b.seq(), a.seq()));
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    void scan(long fromSeq, Consumer<JournalEntry> each, Consumer<LedgerTx.BadRow> bad) {
        sql.each("SELECT " + ENTRY_COLUMNS + " FROM ledger_journal WHERE seq >= ? ORDER BY seq", rs -> {
            JournalEntry e;
            try {
                e = entry(rs);
            } catch (IllegalArgumentException ex) {
                bad.accept(new LedgerTx.BadRow(rs.getLong("seq"), ex.getMessage()));
                return;
            }
            each.accept(e);
        }, fromSeq);
    }

    Map<LedgerAccount, Credits> balances() {
        Map<LedgerAccount, Credits> out = new TreeMap<>();
        sql.each("SELECT account, balance FROM ledger_balances", rs -> out.put(new LedgerAccount(rs.getString(1)), Credits.ofMicros(rs.getLong(2))));
        return out;
    }

    LedgerTx.JournalHead head() {
        return sql.one("SELECT seq, hash FROM ledger_head WHERE id = 1", rs -> new LedgerTx.JournalHead(rs.getLong(1), rs.getString(2)))
                .orElseThrow(() -> new StoreException("the ledger_head row is missing: the schema was changed by hand", null));
    }

    private static final String CHARGE_COLUMNS = "job_id, idx, attempt_id, provider_id, provider_owner, runtime_ms, price_micros, gross, fee, net, at";

    void insertCharge(TaskCharge c) {
        sql.update("INSERT INTO task_charges (job_id, idx, attempt_id, provider_id, provider_owner, runtime_ms, price_micros, gross, fee, net, at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                c.task().job(), c.task().index(), c.attempt(), c.provider(), c.providerOwner(), c.runtimeMillis(), c.price(), c.gross(), c.fee(),
                c.net(), c.at());
    }

    Optional<TaskCharge> charge(TaskId task) {
        return sql.one("SELECT * FROM task_charges WHERE job_id = ? AND idx = ?", LedgerSql::charge, task.job(), task.index());
    }

    List<TaskCharge> charges(JobId job) {
        return sql.list("SELECT * FROM task_charges WHERE job_id = ? ORDER BY idx", LedgerSql::charge, job);
    }

    List<TaskCharge> chargesTo(String owner, int limit) {
        Sql.requireLimit(limit);
        return sql.list("SELECT * FROM (SELECT " + CHARGE_COLUMNS + " FROM task_charges WHERE provider_owner = ? UNION ALL SELECT " + CHARGE_COLUMNS
                + " FROM resumed_charges WHERE provider_owner = ?) c ORDER BY at DESC, job_id, idx, attempt_id LIMIT ?", LedgerSql::charge, owner, owner, limit);
    }

    List<LedgerTx.ProviderTotals> totalsTo(String owner) {
        return sql.list("SELECT provider_id, COUNT(*), SUM(runtime_ms), SUM(gross), SUM(fee), SUM(net) FROM (SELECT " + CHARGE_COLUMNS
                        + " FROM task_charges WHERE provider_owner = ? UNION ALL SELECT " + CHARGE_COLUMNS + " FROM resumed_charges WHERE provider_owner = ?) c"
                        + " GROUP BY provider_id ORDER BY provider_id",
                rs -> new LedgerTx.ProviderTotals(new ProviderId(rs.getString(1)), rs.getLong(2), rs.getLong(3), Credits.ofMicros(rs.getLong(4)),
                        Credits.ofMicros(rs.getLong(5)), Credits.ofMicros(rs.getLong(6))), owner, owner);
    }

    void insertResumedCharge(TaskCharge c) {
        sql.update("INSERT INTO resumed_charges (" + CHARGE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                c.task().job(), c.task().index(), c.attempt(), c.provider(), c.providerOwner(), c.runtimeMillis(), c.price(), c.gross(), c.fee(),
                c.net(), c.at());
    }

    List<TaskCharge> resumedCharges(JobId job) {
        return sql.list("SELECT * FROM resumed_charges WHERE job_id = ? ORDER BY idx, at, attempt_id", LedgerSql::charge, job);
    }

    void scanResumedCharges(Consumer<TaskCharge> each) {
        sql.each("SELECT * FROM resumed_charges ORDER BY job_id, idx, attempt_id", rs -> each.accept(charge(rs)));
    }

    void scanCharges(Consumer<TaskCharge> each) {
        sql.each("SELECT * FROM task_charges ORDER BY job_id, idx", rs -> each.accept(charge(rs)));
    }

    private static JournalEntry entry(ResultSet rs) throws SQLException {
        PostingKind kind;
        try {
            kind = PostingKind.valueOf(rs.getString("kind"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown posting kind '" + rs.getString("kind") + "'");
        }
        Posting p = new Posting(kind, rs.getString("reference"), new LedgerAccount(rs.getString("from_account")),
                new LedgerAccount(rs.getString("to_account")), Credits.ofMicros(rs.getLong("amount")));
        return new JournalEntry(rs.getLong("seq"), p, Instant.ofEpochMilli(rs.getLong("at")), rs.getString("prev_hash"), rs.getString("hash"));
    }

    private static TaskCharge charge(ResultSet rs) throws SQLException {
        return new TaskCharge(new TaskId(new JobId(rs.getString("job_id")), rs.getInt("idx")), new AttemptId(rs.getString("attempt_id")),
                new ProviderId(rs.getString("provider_id")), rs.getString("provider_owner"), rs.getLong("runtime_ms"),
                Credits.ofMicros(rs.getLong("price_micros")), Credits.ofMicros(rs.getLong("gross")), Credits.ofMicros(rs.getLong("fee")),
                Credits.ofMicros(rs.getLong("net")), Instant.ofEpochMilli(rs.getLong("at")));
    }
}

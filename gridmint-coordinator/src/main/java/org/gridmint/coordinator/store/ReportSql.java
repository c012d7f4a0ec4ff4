package org.gridmint.coordinator.store;

import java.util.List;
import org.gridmint.core.ledger.PostingKind;

/**
 * The network report's queries. Rows are bucketed into epochs in SQL with {@code (t - genesis) / length}: integer division
 * on BIGINTs in both SQLite and PostgreSQL, exact for every row of the window since t >= genesis there.
 */
final class ReportSql implements ReportTx {
    private final Sql sql;
    private final Runnable requireOpen;

    ReportSql(Sql sql, Runnable requireOpen) {
        this.sql = sql;
        this.requireOpen = requireOpen;
    }

    @Override
    public List<JournalSum> journalSums(Grid g) {
        requireOpen.run();
        return sql.list("SELECT (at - ?) / ?, kind, CASE WHEN to_account = 'treasury' THEN 1 ELSE 0 END, SUM(amount) FROM ledger_journal"
                        + " WHERE at >= ? AND at < ? GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
                rs -> new JournalSum(rs.getLong(1), kind(rs.getString(2)), rs.getInt(3) == 1, rs.getLong(4)),
                g.genesisMillis(), g.lengthMillis(), g.from(), g.to());
    }

    @Override
    public List<EpochProvider> activeProviders(Grid g) {
        requireOpen.run();
        return sql.list("SELECT DISTINCT (ended_at - ?) / ?, provider_id FROM attempts WHERE ended_at >= ? AND ended_at < ? ORDER BY 1, 2",
                rs -> new EpochProvider(rs.getLong(1), rs.getString(2)), g.genesisMillis(), g.lengthMillis(), g.from(), g.to());
    }

    @Override
    public List<ChargedRuntime> chargedRuntime(Grid g) {
        requireOpen.run();
        return sql.list("SELECT (at - ?) / ?, job_id, SUM(runtime_ms) FROM (SELECT job_id, runtime_ms, at FROM task_charges WHERE at >= ? AND at < ?"
                        + " UNION ALL SELECT job_id, runtime_ms, at FROM resumed_charges WHERE at >= ? AND at < ?) c GROUP BY 1, 2 ORDER BY 1, 2",
                rs -> new ChargedRuntime(rs.getLong(1), rs.getString(2), rs.getLong(3)), g.genesisMillis(), g.lengthMillis(), g.from(), g.to(),
                g.from(), g.to());
    }

    @Override
    public List<EpochWork> rewardedWork(long first, long last) {
        requireOpen.run();
        return sql.list("SELECT epoch, SUM(gpu_ms) FROM rewarded_work WHERE epoch >= ? AND epoch <= ? GROUP BY epoch ORDER BY epoch",
                rs -> new EpochWork(rs.getLong(1), rs.getLong(2)), first, last);
    }

    @Override
    public List<ClosedEpoch> closedEpochs(long first, long last) {
        requireOpen.run();
        return sql.list("SELECT epoch, minted, payout_credits, payout_tokens, root, tx_hash, state, operator_funding FROM epochs"
                + " WHERE epoch >= ? AND epoch <= ? ORDER BY epoch",
                rs -> new ClosedEpoch(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getLong(8)),
                first, last);
    }

    private static PostingKind kind(String name) {
        try {
            return PostingKind.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new StoreException("the journal holds an unknown posting kind '" + name + "': run `gridmint ledger verify`", e);
        }
    }
}

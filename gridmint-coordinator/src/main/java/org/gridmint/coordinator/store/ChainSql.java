package org.gridmint.coordinator.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The chain_deposits and chain_cursor tables (V14). */
final class ChainSql implements ChainTx {
    private static final String COLUMNS = "tx_hash, log_index, block_number, block_hash, account, from_address, amount, state, seen_at";

    private final Sql sql;
    private final Runnable requireOpen;

    ChainSql(Sql sql, Runnable requireOpen) {
        this.sql = sql;
        this.requireOpen = requireOpen;
    }

    @Override
    public Optional<Long> cursor() {
        requireOpen.run();
        return sql.one("SELECT block FROM chain_cursor WHERE id = 1", rs -> rs.getLong(1));
    }

    @Override
    public boolean advanceCursor(Long expected, long block, Instant at) {
        requireOpen.run();
        if (expected == null) {
            // Two first reads race on the primary key: the loser's insert fails and its transaction rolls back.
            if (cursor().isPresent()) return false;
            return sql.update("INSERT INTO chain_cursor (id, block, updated_at) VALUES (1, ?, ?)", block, at) == 1;
        }
        return sql.update("UPDATE chain_cursor SET block = ?, updated_at = ? WHERE id = 1 AND block = ?", block, at, expected) == 1;
    }

    @Override
    public void insertDeposit(DepositRecord d) {
        requireOpen.run();
        sql.update("INSERT INTO chain_deposits (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", d.txHash(), d.logIndex(), d.blockNumber(),
                d.blockHash(), d.account(), d.from(), d.amount(), d.state(), d.seenAt());
    }

    @Override
    public Optional<DepositRecord> deposit(String txHash, long logIndex) {
        requireOpen.run();
        return sql.one("SELECT " + COLUMNS + " FROM chain_deposits WHERE tx_hash = ? AND log_index = ?", ChainSql::row, txHash, logIndex);
    }

    @Override
    public List<DepositRecord> deposits(int limit) {
        requireOpen.run();
        Sql.requireLimit(limit);
        return sql.list("SELECT " + COLUMNS + " FROM chain_deposits ORDER BY block_number, log_index LIMIT ?", ChainSql::row, limit);
    }

    @Override
    public void scanDeposits(Consumer<DepositRecord> each) {
        requireOpen.run();
        sql.each("SELECT " + COLUMNS + " FROM chain_deposits ORDER BY block_number, log_index", rs -> each.accept(row(rs)));
    }

    private static DepositRecord row(ResultSet rs) throws SQLException {
        return new DepositRecord(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7),
                DepositState.valueOf(rs.getString(8)), Instant.ofEpochMilli(rs.getLong(9)));
    }
}

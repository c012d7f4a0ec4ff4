package org.gridmint.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on SQLite, in a fresh data directory per test, plus what only SQLite has. */
class SqliteStoreTest extends StoreContractTest {
    @TempDir
    Path dataDir;

    @Override
    protected Store open() {
        return JdbcStore.sqlite(dataDir);
    }

    @Test
    void dialect_isSqlite() {
        assertThat(store().dialect()).isEqualTo("sqlite");
    }

    @Test
    void sqlite_opensInWalModeWithForeignKeysAndBusyTimeout() {
        JdbcStore s = (JdbcStore) store();

        assertThat(s.withSql((Sql sql) -> sql.one("PRAGMA journal_mode", rs -> rs.getString(1)))).contains("wal");
        assertThat(s.withSql((Sql sql) -> sql.one("PRAGMA synchronous", rs -> rs.getInt(1)))).contains(1); // NORMAL
        assertThat(s.withSql((Sql sql) -> sql.one("PRAGMA foreign_keys", rs -> rs.getInt(1)))).contains(1);
        assertThat(s.withSql((Sql sql) -> sql.one("PRAGMA busy_timeout", rs -> rs.getInt(1)))).contains(SqliteConnections.BUSY_TIMEOUT_MS);
        assertThat(dataDir.resolve(JdbcStore.SQLITE_FILE)).exists();
    }

    @Test
    void open_withSqliteUrl_usesThatFile() {
        Path file = dataDir.resolve("other.db");
        try (Store s = JdbcStore.open("jdbc:sqlite:" + file, null, null)) {
            s.inTransaction(tx -> {
                tx.upsertProvider(StoreFixtures.provider("prov-a"));
                return null;
            });
        }
        try (Store s = JdbcStore.open("jdbc:sqlite:" + file, null, null)) {
            assertThat(s.dialect()).isEqualTo("sqlite");
            assertThat(s.inTransaction(StoreTx::providers)).hasSize(1);
        }
    }

    @Test
    void open_withInMemorySqlite_isRefused() {
        assertThatThrownBy(() -> JdbcStore.open("jdbc:sqlite::memory:", null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void open_withUnknownUrl_namesIt() {
        assertThatThrownBy(() -> JdbcStore.open("jdbc:mysql://db/x", null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:mysql://db/x");
    }

    @Test
    void inTransaction_onSqlite_doesNotRetryConflicts() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> tx(tx -> {
            calls.incrementAndGet();
            throw new StoreException("conflict", new SQLException("could not serialize access", "40001"));
        })).isInstanceOf(StoreException.class);

        assertThat(calls).hasValue(1);
    }
}

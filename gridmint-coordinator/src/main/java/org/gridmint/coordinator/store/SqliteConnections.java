package org.gridmint.coordinator.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * One SQLite connection, lent to one transaction at a time.
 *
 * <p>Concurrency: SQLite allows one writer per database, and a transaction that starts as a reader and then
 * writes can fail with SQLITE_BUSY no matter how long it waits. Every transaction therefore holds a fair
 * lock for its whole length and begins with {@code BEGIN IMMEDIATE}, which also takes the file's write lock
 * up front (waiting up to the busy timeout) in case another process has the file open.
 *
 * <p>Failure modes: WAL with {@code synchronous=NORMAL} loses nothing committed when the process dies
 * (kill -9); only a power loss may lose the last transactions. A connection left in an unknown state is
 * closed and reopened by the next transaction.
 */
final class SqliteConnections implements ConnectionSource {
    static final int BUSY_TIMEOUT_MS = 10_000;

    private final SQLiteDataSource dataSource;
    private final ReentrantLock lock = new ReentrantLock(true);
    private Connection connection;
    private boolean closed;

    SqliteConnections(String url) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        this.dataSource = new SQLiteDataSource(config);
        this.dataSource.setUrl(url);
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public Connection acquire() throws SQLException {
        lock.lock();
        try {
            // A transaction that passed the store's closed check while close() ran must not reopen the file.
            if (closed) throw new IllegalStateException("the sqlite store is closed");
            if (connection == null) connection = dataSource.getConnection();
            // Autocommit stays on between transactions so that no lock is held while idle; BEGIN turns it off.
            execute(connection, "BEGIN IMMEDIATE");
            return connection;
        } catch (SQLException | RuntimeException e) {
            lock.unlock();
            throw e;
        }
    }

    @Override
    public void commit(Connection c) throws SQLException {
        execute(c, "COMMIT");
    }

    @Override
    public void rollback(Connection c) throws SQLException {
        execute(c, "ROLLBACK");
    }

    @Override
    public void release(Connection c, boolean broken) {
        try {
            if (broken) closeConnection();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            closeConnection();
        } finally {
            lock.unlock();
        }
    }

    private void closeConnection() {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing is best effort: committed data is already in the WAL.
        }
        connection = null;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

package org.gridmint.coordinator.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A HikariCP pool for PostgreSQL, where transactions do run side by side.
 *
 * <p>Concurrency: READ COMMITTED; what two transactions must not both do is guarded by compare-and-set
 * updates (a row lock makes the second wait, then re-check its WHERE against the committed row), and a
 * deadlock is retried by {@link JdbcStore}.
 */
final class PooledConnections implements ConnectionSource {
    static final int POOL_SIZE = 16;

    private final HikariDataSource pool;

    PooledConnections(String url, String user, String password) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        if (user != null) c.setUsername(user);
        if (password != null) c.setPassword(password);
        c.setPoolName("gridmint-store");
        c.setMaximumPoolSize(POOL_SIZE);
        c.setMinimumIdle(2);
        c.setAutoCommit(false);
        c.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        // Turns a batch of single-row INSERTs into multi-row ones: a 100,000-task job in a few round trips.
        c.addDataSourceProperty("reWriteBatchedInserts", "true");
        this.pool = new HikariDataSource(c);
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public Connection acquire() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void commit(Connection c) throws SQLException {
        c.commit();
    }

    @Override
    public void rollback(Connection c) throws SQLException {
        c.rollback();
    }

    @Override
    public void release(Connection c, boolean broken) {
        if (broken) {
            pool.evictConnection(c);
            return;
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // Returning a connection to the pool does not fail in practice; nothing is lost if it does.
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}

package org.gridmint.coordinator.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Where {@link JdbcStore} gets the connection for one transaction, and how a transaction begins and ends on
 * it. {@link #acquire} may block until another transaction has released its connection.
 */
interface ConnectionSource extends AutoCloseable {

    /** Schema migrations connect through this. */
    DataSource dataSource();

    /** A connection with a transaction begun on it, owned by the caller until {@link #release}. */
    Connection acquire() throws SQLException;

    void commit(Connection c) throws SQLException;

    void rollback(Connection c) throws SQLException;

    /** Gives the connection back; {@code broken} when it may be in an unknown state and must not be reused. */
    void release(Connection c, boolean broken);

    @Override
    void close();
}

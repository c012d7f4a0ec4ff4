package org.gridmint.coordinator.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Store} over JDBC: SQLite in a data directory (the embedded default) or PostgreSQL (shared by
 * several coordinators). The schema is migrated by Flyway when the store opens.
 *
 * <p>Concurrency: SQLite runs one transaction at a time (see {@link SqliteConnections}); PostgreSQL runs
 * them side by side at READ COMMITTED and retries a transaction that lost a deadlock or serialization
 * conflict, up to {@value #MAX_TRIES} times in all. Calling {@code inTransaction} from inside a transaction
 * of the same store is an error: it would deadlock on SQLite and break atomicity on PostgreSQL.
 *
 * <p>Failure modes: the work's own exceptions come out unchanged after the rollback; a failed statement or
 * commit comes out as {@link StoreException}. Either way nothing of the transaction remains.
 */
public final class JdbcStore implements Store {
    static final int MAX_TRIES = 5;
    public static final String SQLITE_FILE = "gridmint.db";
    private static final long SPEC_CACHE_TASKS = 250_000;
    private static final Logger log = LoggerFactory.getLogger(JdbcStore.class);

    private final Dialect dialect;
    private final ConnectionSource connections;
    private final SpecCache specs = new SpecCache(SPEC_CACHE_TASKS);
    private final ThreadLocal<Boolean> inside = new ThreadLocal<>();
    private final int migrationsApplied;
    private volatile boolean closed;

    private JdbcStore(Dialect dialect, ConnectionSource connections) {
        this.dialect = dialect;
        this.connections = connections;
        try {
            this.migrationsApplied = Flyway.configure()
                    .dataSource(connections.dataSource())
                    .locations("classpath:db/migration")
                    .load()
                    .migrate()
                    .migrationsExecuted;
        } catch (FlywayException e) {
            connections.close();
            throw new StoreException("cannot migrate the " + dialect.label() + " schema: " + e.getMessage(), e);
        }
    }

    /** SQLite in {@code dataDir}/gridmint.db, created with the directory if missing. */
    public static JdbcStore sqlite(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data dir " + dataDir, e);
        }
        Path file = dataDir.resolve(SQLITE_FILE).toAbsolutePath();
        JdbcStore store = new JdbcStore(Dialect.SQLITE, new SqliteConnections("jdbc:sqlite:" + file));
        log.info("store: sqlite at {} ({} migrations applied)", file, store.migrationsApplied);
        return store;
    }

    /** A store at {@code jdbc:postgresql://…} or {@code jdbc:sqlite:<file>}; user and password may be null. */
    public static JdbcStore open(String jdbcUrl, String user, String password) {
        Dialect d = Dialect.of(jdbcUrl);
        JdbcStore store;
        if (d == Dialect.SQLITE) {
            // Flyway and the store use separate connections: an in-memory database would be a different one each.
            if (jdbcUrl.contains(":memory:") || jdbcUrl.contains("mode=memory"))
                throw new IllegalArgumentException("in-memory SQLite is not supported ('" + jdbcUrl + "'): use a file, e.g. JdbcStore.sqlite(tempDir)");
            store = new JdbcStore(d, new SqliteConnections(jdbcUrl));
        } else {
            ConnectionSource pool;
            try {
                pool = new PooledConnections(jdbcUrl, user, password);
            } catch (RuntimeException e) {
                throw new StoreException("cannot connect to " + redact(jdbcUrl) + ": " + e.getMessage(), e);
            }
            store = new JdbcStore(d, pool);
        }
        log.info("store: {} at {} ({} migrations applied)", d.label(), redact(jdbcUrl), store.migrationsApplied);
        return store;
    }

    @Override
    public <T> T inTransaction(Function<StoreTx, T> work) {
        Objects.requireNonNull(work, "work");
        return run((sql, tx) -> work.apply(tx));
    }

    @Override
    public String dialect() {
        return dialect.label();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        connections.close();
    }

    /** How many migrations this open applied (0 when the schema was already current). */
    int migrationsApplied() {
        return migrationsApplied;
    }

    /** Raw SQL in a transaction of its own, for tests that look beneath the port. */
    <T> T withSql(Function<Sql, T> work) {
        return run((sql, tx) -> work.apply(sql));
    }

    private <T> T run(BiFunction<Sql, JdbcTx, T> work) {
        if (closed) throw new IllegalStateException("the " + dialect.label() + " store is closed");
        if (inside.get() != null)
            throw new IllegalStateException("inTransaction called inside a transaction of the same store: do the work in the outer transaction");
        inside.set(Boolean.TRUE);
        try {
            for (int tries = 1; ; tries++) {
                try {
                    return once(work);
                } catch (RuntimeException e) {
                    if (tries >= MAX_TRIES || !dialect.isRetryable(e)) throw e;
                    log.debug("store: transaction lost a race (try {} of {}), retrying: {}", tries, MAX_TRIES, e.getMessage());
                    pause(tries);
                }
            }
        } finally {
            inside.remove();
        }
    }

    private <T> T once(BiFunction<Sql, JdbcTx, T> work) {
        Connection c;
        try {
            c = connections.acquire();
        } catch (SQLException e) {
            throw new StoreException("cannot begin a " + dialect.label() + " transaction: " + e.getMessage(), e);
        }
        Sql sql = new Sql(c);
        JdbcTx tx = new JdbcTx(sql, specs);
        boolean committed = false;
        boolean broken = false;
        try {
            T result = work.apply(sql, tx);
            connections.commit(c);
            committed = true;
            return result;
        } catch (SQLException e) {
            broken = !rollback(c, e);
            throw new StoreException("commit failed: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            broken = !rollback(c, e);
            throw e;
        } finally {
            tx.end(committed);
            connections.release(c, broken);
        }
    }

    /** Rolls back; a failure to do so is attached to the original failure, and the connection is not reused. */
    private boolean rollback(Connection c, Throwable cause) {
        try {
            connections.rollback(c);
            return true;
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
            return false;
        }
    }

    private static void pause(int tries) {
        // Jitter, so that the two sides of a deadlock do not collide again in lockstep.
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L << tries));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while retrying a transaction", e);
        }
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}

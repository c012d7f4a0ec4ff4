package org.gridmint.coordinator.store;

import java.util.function.Function;

/**
 * The coordinator's durable state. All reads and writes happen inside {@link #inTransaction}, which
 * commits when the work returns and rolls back when it throws, so a crash at any moment leaves either all of
 * a step or none of it.
 *
 * <p>Concurrency: transactions are serializable with respect to each other (SQLite: one writer at a time;
 * PostgreSQL: compare-and-set updates, see {@link StoreTx#updateTask}). A transaction that loses a race on
 * PostgreSQL is retried by the store, so {@code work} must be free of side effects outside the store.
 */
public interface Store extends AutoCloseable {

    <T> T inTransaction(Function<StoreTx, T> work);

    /** "sqlite" or "postgresql", for logs and metrics. */
    String dialect();

    @Override
    void close();
}

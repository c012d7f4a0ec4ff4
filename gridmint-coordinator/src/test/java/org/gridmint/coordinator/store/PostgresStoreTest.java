package org.gridmint.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.coordinator.store.StoreFixtures.assigned;
import static org.gridmint.coordinator.store.StoreFixtures.at;
import static org.gridmint.coordinator.store.StoreFixtures.job;
import static org.gridmint.coordinator.store.StoreFixtures.provider;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.scheduling.TaskRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contract on PostgreSQL (embedded, on a loopback port), in a fresh schema per test, plus what only
 * PostgreSQL has: transactions that really run side by side, and the retry of the loser of a deadlock.
 */
class PostgresStoreTest extends StoreContractTest {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private String schema;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) postgres.close();
    }

    @Override
    protected Store open() {
        if (schema == null) {
            schema = "test_" + SCHEMAS.incrementAndGet();
            admin("CREATE SCHEMA " + schema);
        }
        return JdbcStore.open(postgres.getJdbcUrl("postgres", "postgres") + "&currentSchema=" + schema, "postgres", null);
    }

    @Test
    void dialect_isPostgresql() {
        assertThat(store().dialect()).isEqualTo("postgresql");
    }

    @Test
    void inTransaction_whenSerializationFails_runsTheWorkAgain() {
        AtomicInteger calls = new AtomicInteger();

        String result = store().inTransaction(tx -> {
            tx.upsertProvider(provider("prov-a"));
            if (calls.incrementAndGet() == 1) throw conflict("40001");
            return "second try";
        });

        assertThat(result).isEqualTo("second try");
        assertThat(calls).hasValue(2);
        assertThat(store().inTransaction(StoreTx::providers)).hasSize(1);
    }

    @Test
    void inTransaction_whenConflictPersists_givesUpAfterMaxTries() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> store().inTransaction(tx -> {
            calls.incrementAndGet();
            throw conflict("40P01");
        })).isInstanceOf(StoreException.class);

        assertThat(calls).hasValue(JdbcStore.MAX_TRIES);
    }

    @Test
    void inTransaction_whenFailureIsNotAConflict_doesNotRetry() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> store().inTransaction(tx -> {
            calls.incrementAndGet();
            throw conflict("23505");
        })).isInstanceOf(StoreException.class);

        assertThat(calls).hasValue(1);
    }

    @Test
    void inTransaction_whenDeadlocked_retriesTheLoserAndBothCommit() throws Exception {
        store().inTransaction(tx -> {
            tx.upsertProvider(provider("prov-a"));
            tx.upsertProvider(provider("prov-b"));
            return null;
        });
        // Each side locks one row, waits until the other has locked its row, then asks for the other's row.
        CountDownLatch bothLocked = new CountDownLatch(2);
        AtomicInteger runs = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Object>> sides = List.of(
                    pool.submit(() -> lockInOrder("prov-a", "prov-b", bothLocked, runs)),
                    pool.submit(() -> lockInOrder("prov-b", "prov-a", bothLocked, runs)));
            for (var side : sides) side.get(2, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }

        // Two first runs and at least one retry of the loser; under heavy load PostgreSQL may pick a victim more than once.
        assertThat(runs.get()).isGreaterThanOrEqualTo(3);
        assertThat(store().inTransaction(StoreTx::providers)).extracting(ProviderRecord::lastSeenAt).containsOnly(at(7));
    }

    private Object lockInOrder(String first, String second, CountDownLatch bothLocked, AtomicInteger runs) {
        return store().inTransaction(tx -> {
            runs.incrementAndGet();
            tx.touchProvider(ProviderId.of(first), at(7));
            bothLocked.countDown();
            await(bothLocked);
            tx.touchProvider(ProviderId.of(second), at(7));
            return null;
        });
    }

    @Test
    void updateTask_whenRacingTransactionCommitsFirst_waitsForItThenReturnsFalse() throws Exception {
        JobRecord job = insert(job("job-a"));
        TaskRecord seen = taskOf(job, 0);
        CountDownLatch winnerUpdated = new CountDownLatch(1);
        CountDownLatch winnerMayCommit = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> winner = pool.submit(() -> store().inTransaction(tx -> {
                boolean won = tx.updateTask(seen, assigned(seen, at(1)));
                winnerUpdated.countDown();
                await(winnerMayCommit);
                return won;
            }));
            await(winnerUpdated);
            Future<Boolean> loser = pool.submit(() -> store().inTransaction(tx -> tx.updateTask(seen, assigned(seen, at(2)))));
            awaitABackendWaitingOnALock();
            winnerMayCommit.countDown();

            assertThat(winner.get(1, TimeUnit.MINUTES)).isTrue();
            assertThat(loser.get(1, TimeUnit.MINUTES)).isFalse();
        } finally {
            winnerMayCommit.countDown();
            pool.shutdownNow();
        }
        assertThat(taskOf(job, 0)).isEqualTo(assigned(seen, at(1)));
    }

    /** Polls until PostgreSQL reports the loser blocked on the winner's row lock: a state, not a timing guess. */
    private static void awaitABackendWaitingOnALock() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            while (true) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")) {
                    rs.next();
                    if (rs.getInt(1) > 0) return;
                }
                if (System.nanoTime() > deadline) throw new AssertionError("the racing update never waited for the row lock");
                Thread.sleep(5);
            }
        }
    }

    private static StoreException conflict(String sqlState) {
        return new StoreException("simulated", new SQLException("simulated failure " + sqlState, sqlState));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(1, TimeUnit.MINUTES)) throw new AssertionError("latch never opened");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void admin(String sql) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }
}

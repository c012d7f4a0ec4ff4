package org.gridmint.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.coordinator.store.StoreFixtures.assigned;
import static org.gridmint.coordinator.store.StoreFixtures.at;
import static org.gridmint.coordinator.store.StoreFixtures.attempt;
import static org.gridmint.coordinator.store.StoreFixtures.job;
import static org.gridmint.coordinator.store.StoreFixtures.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.lifecycle.TaskState;
import org.gridmint.core.scheduling.TaskRecord;
import org.junit.jupiter.api.Test;

/** The store contract for transactions: atomicity, isolation of racing claims, durability and migrations. */
interface TransactionContract extends StoreHarness {

    @Test
    default void inTransaction_returnsWhatTheWorkReturns() {
        assertThat(tx((StoreTx tx) -> "done")).isEqualTo("done");
    }

    @Test
    default void inTransaction_whenWorkThrows_rethrowsItAndKeepsNoWrite() {
        RuntimeException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> run(tx -> {
            tx.insertJob(job("job-a"), StoreFixtures.tasks(job("job-a")));
            tx.upsertProvider(provider("prov-a"));
            throw boom;
        })).isSameAs(boom);

        assertThat(tx((StoreTx tx) -> tx.job(JobId.of("job-a")))).isEmpty();
        assertThat(tx((StoreTx tx) -> tx.tasks(JobId.of("job-a")))).isEmpty();
        assertThat(tx(StoreTx::providers)).isEmpty();
    }

    @Test
    default void inTransaction_whenStatementFails_throwsStoreExceptionAndKeepsNoWrite() {
        insert(job("job-a"));

        assertThatThrownBy(() -> run(tx -> {
            tx.upsertProvider(provider("prov-a"));
            tx.insertJob(job("job-a"), StoreFixtures.tasks(job("job-a")));
        })).isInstanceOf(StoreException.class);

        assertThat(tx(StoreTx::providers)).isEmpty();
    }

    @Test
    default void inTransaction_calledInsideAnother_throwsAndOuterStillCommits() {
        AtomicReference<Throwable> nested = new AtomicReference<>();

        run(tx -> {
            tx.upsertProvider(provider("prov-a"));
            try {
                store().inTransaction(inner -> null);
            } catch (IllegalStateException e) {
                nested.set(e);
            }
        });

        assertThat(nested.get()).hasMessageContaining("inside a transaction");
        assertThat(tx(StoreTx::providers)).hasSize(1);
    }

    @Test
    default void storeTx_usedAfterItsTransaction_throws() {
        StoreTx leaked = tx(tx -> tx);

        assertThatThrownBy(leaked::providers).isInstanceOf(IllegalStateException.class);
    }

    @Test
    default void job_readInTheTransactionThatInsertedIt_seesTheWrite() {
        JobRecord job = job("job-a");

        JobRecord read = tx(tx -> {
            tx.insertJob(job, StoreFixtures.tasks(job));
            return tx.job(job.id()).orElseThrow();
        });

        assertThat(read).isEqualTo(job);
    }

    @Test
    default void job_afterRolledBackInsertOfSameId_readsTheCommittedDraft() {
        JobRecord rolledBack = job("job-a", "alice", StoreFixtures.T0, StoreFixtures.draft(2));
        assertThatThrownBy(() -> run(tx -> {
            tx.insertJob(rolledBack, StoreFixtures.tasks(rolledBack));
            tx.job(rolledBack.id());
            throw new IllegalStateException("abandon");
        })).hasMessage("abandon");

        JobRecord committed = insert(job("job-a", "alice", StoreFixtures.T0, StoreFixtures.draft(5)));

        assertThat(tx((StoreTx tx) -> tx.job(committed.id())).orElseThrow().spec().taskCount()).isEqualTo(5);
    }

    @Test
    default void committedTransaction_survivesReopen() {
        JobRecord job = insert(job("job-a", "alice", StoreFixtures.T0, StoreFixtures.fullDraft()));
        run(tx -> tx.upsertProvider(provider("prov-a")));

        reopen();

        assertThat(tx((StoreTx tx) -> tx.job(job.id()))).contains(job);
        assertThat(tx((StoreTx tx) -> tx.tasks(job.id()))).hasSize(2);
        assertThat(tx(StoreTx::providers)).containsExactly(provider("prov-a"));
    }

    @Test
    default void reopen_doesNotApplyMigrationsAgain() {
        List<String> versions = StoreFixtures.migrationVersions();
        assertThat(((JdbcStore) store()).migrationsApplied()).isEqualTo(versions.size());

        assertThat(((JdbcStore) reopen()).migrationsApplied()).isZero();
        assertThat(((JdbcStore) store()).withSql((Sql sql) -> sql.list("SELECT version FROM flyway_schema_history WHERE success = "
                + ("sqlite".equals(store().dialect()) ? "1" : "true") + " ORDER BY installed_rank", rs -> rs.getString(1))))
                .containsExactlyElementsOf(versions);
    }

    @Test
    default void closedStore_refusesTransactions() {
        store().close();
        store().close();

        assertThatThrownBy(() -> tx(tx -> null)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    default void concurrentClaims_fromEightThreads_assignEveryTaskExactlyOnce() throws Exception {
        int threads = 8;
        JobRecord job = insert(job("job-race", "alice", StoreFixtures.T0, StoreFixtures.draft(60)));
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<TaskId>>> claims = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String provider = "prov-" + i;
                claims.add(pool.submit(() -> {
                    start.await();
                    List<TaskId> mine = new ArrayList<>();
                    for (Claim c; (c = tx(tx -> claimOne(tx, provider, threads))) != Claim.Miss.NOTHING_PENDING; ) {
                        if (c instanceof Claim.Won w) mine.add(w.task());
                    }
                    return mine;
                }));
            }
            List<TaskId> all = new ArrayList<>();
            for (var f : claims) all.addAll(f.get(2, TimeUnit.MINUTES));

            assertThat(all).hasSize(60).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
        assertThat(tx((StoreTx tx) -> tx.taskCounts(job.id())).get(TaskState.ASSIGNED)).isEqualTo(60);
        assertThat(tx((StoreTx tx) -> tx.tasks(job.id()))).allSatisfy(t -> assertThat(t.attempts()).isEqualTo(1));
        assertThat(tx((StoreTx tx) -> tx.attempts(job.id()))).hasSize(60);
    }

    /** The outcome of one claim transaction in the race above. */
    sealed interface Claim {
        record Won(TaskId task) implements Claim {}

        enum Miss implements Claim { NOTHING_PENDING, LOST_RACE }
    }

    private static Claim claimOne(StoreTx tx, String provider, int candidates) {
        List<TaskRecord> pending = tx.pendingTasks(candidates);
        if (pending.isEmpty()) return Claim.Miss.NOTHING_PENDING;
        for (TaskRecord t : pending) {
            if (tx.updateTask(t, assigned(t, at(1)))) {
                tx.insertAttempt(attempt("att-" + t.id().index(), t.id(), 1, provider, at(60)));
                return new Claim.Won(t.id());
            }
        }
        return Claim.Miss.LOST_RACE;
    }
}

package org.gridmint.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.coordinator.store.StoreFixtures.at;
import static org.gridmint.coordinator.store.StoreFixtures.attempt;
import static org.gridmint.coordinator.store.StoreFixtures.blob;
import static org.gridmint.coordinator.store.StoreFixtures.ended;
import static org.gridmint.coordinator.store.StoreFixtures.job;
import static org.gridmint.coordinator.store.StoreFixtures.task;

import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.lifecycle.AttemptReason;
import org.gridmint.core.lifecycle.AttemptState;
import org.gridmint.core.scheduling.AttemptRecord;
import org.junit.jupiter.api.Test;

/** The store contract for attempts and their logs. */
interface AttemptStoreContract extends StoreHarness {

    private void save(AttemptRecord... attempts) {
        run(tx -> {
            for (AttemptRecord a : attempts) tx.insertAttempt(a);
        });
    }

    @Test
    default void attempt_afterInsert_readsBackEqualRecordWithNulls() {
        insert(job("job-a"));
        AttemptRecord a = attempt("att-1", task("job-a", 0), 1, "prov-x", at(30));

        save(a);

        assertThat(tx((StoreTx tx) -> tx.attempt(a.id()))).contains(a);
    }

    @Test
    default void attempt_whenUnknown_isEmpty() {
        assertThat(tx((StoreTx tx) -> tx.attempt(AttemptId.of("att-none")))).isEmpty();
    }

    @Test
    default void updateAttempt_replacesEveryChangingField() {
        insert(job("job-a"));
        AttemptRecord a = attempt("att-1", task("job-a", 0), 1, "prov-x", at(30));
        save(a);
        AttemptRecord failed = ended(a, AttemptState.FAILED);

        run(tx -> tx.updateAttempt(failed));

        AttemptRecord read = tx(tx -> tx.attempt(a.id())).orElseThrow();
        assertThat(read).isEqualTo(failed);
        assertThat(read.reason()).isEqualTo(AttemptReason.EXIT_NONZERO);
        assertThat(read.exitCode()).isEqualTo(3);
    }

    @Test
    default void updateAttempt_whenUnknown_throws() {
        insert(job("job-a"));

        assertThatThrownBy(() -> run(tx -> tx.updateAttempt(attempt("att-ghost", task("job-a", 0), 1, "prov-x", at(30)))))
                .isInstanceOf(StoreException.class).hasMessageContaining("att-ghost");
    }

    @Test
    default void insertAttempt_forUnknownTask_throws() {
        assertThatThrownBy(() -> save(attempt("att-1", task("job-none", 0), 1, "prov-x", at(30)))).isInstanceOf(StoreException.class);
    }

    @Test
    default void insertAttempt_withTaskAndNumberTaken_throws() {
        insert(job("job-a"));
        save(attempt("att-1", task("job-a", 0), 1, "prov-x", at(30)));

        assertThatThrownBy(() -> save(attempt("att-2", task("job-a", 0), 1, "prov-y", at(30)))).isInstanceOf(StoreException.class);
        assertThat(tx((StoreTx tx) -> tx.attempt(AttemptId.of("att-2")))).isEmpty();
    }

    @Test
    default void attempts_ofJob_areByTaskIndexThenNumber() {
        insert(job("job-a"));
        insert(job("job-b"));
        save(attempt("att-c", task("job-a", 1), 1, "prov-x", at(10)),
                attempt("att-a", task("job-a", 0), 2, "prov-x", at(10)),
                attempt("att-b", task("job-a", 0), 1, "prov-y", at(10)),
                attempt("att-other", task("job-b", 0), 1, "prov-y", at(10)));

        assertThat(tx((StoreTx tx) -> tx.attempts(JobId.of("job-a")))).extracting(a -> a.id().value()).containsExactly("att-b", "att-a", "att-c");
    }

    @Test
    default void expiredAttempts_areActiveOnesWithLeaseAtOrBeforeNowOldestLeaseFirst() {
        insert(job("job-a", "alice", StoreFixtures.T0, StoreFixtures.draft(5)));
        AttemptRecord running = new AttemptRecord(AttemptId.of("att-run"), task("job-a", 0), 1, ProviderId.of("prov-x"), AttemptState.RUNNING,
                null, null, null, at(0), at(1), null, at(20), "50%");
        save(running,
                attempt("att-edge", task("job-a", 1), 1, "prov-x", at(30)),
                attempt("att-future", task("job-a", 2), 1, "prov-x", at(31)),
                attempt("att-old", task("job-a", 3), 1, "prov-x", at(10)),
                attempt("att-ended", task("job-a", 4), 1, "prov-x", at(5)));
        run(tx -> tx.updateAttempt(ended(tx.attempt(AttemptId.of("att-ended")).orElseThrow(), AttemptState.LOST)));

        assertThat(tx((StoreTx tx) -> tx.expiredAttempts(at(30), 10))).extracting(a -> a.id().value()).containsExactly("att-old", "att-run", "att-edge");
        assertThat(tx((StoreTx tx) -> tx.expiredAttempts(at(30), 2))).extracting(a -> a.id().value()).containsExactly("att-old", "att-run");
        assertThat(tx((StoreTx tx) -> tx.expiredAttempts(at(9), 10))).isEmpty();
    }

    @Test
    default void activeAttempts_ofJob_areOnlyAssignedOrRunningByTask() {
        insert(job("job-a"));
        insert(job("job-b"));
        AttemptRecord done = attempt("att-done", task("job-a", 0), 1, "prov-x", at(10));
        save(done,
                attempt("att-2", task("job-a", 2), 1, "prov-x", at(10)),
                attempt("att-1", task("job-a", 1), 1, "prov-y", at(10)),
                attempt("att-b", task("job-b", 0), 1, "prov-x", at(10)));
        run(tx -> tx.updateAttempt(ended(done, AttemptState.SUCCEEDED)));

        assertThat(tx((StoreTx tx) -> tx.activeAttempts(JobId.of("job-a")))).extracting(a -> a.id().value()).containsExactly("att-1", "att-2");
    }

    @Test
    default void activeAttemptsOf_provider_areOnlyItsAssignedOrRunningOnes() {
        insert(job("job-a", "alice", StoreFixtures.T0, StoreFixtures.draft(4)));
        AttemptRecord lost = attempt("att-lost", task("job-a", 0), 1, "prov-x", at(10));
        save(lost,
                attempt("att-late", task("job-a", 1), 1, "prov-x", at(40)),
                attempt("att-early", task("job-a", 2), 1, "prov-x", at(20)),
                attempt("att-y", task("job-a", 3), 1, "prov-y", at(10)));
        run(tx -> tx.updateAttempt(ended(lost, AttemptState.LOST)));

        assertThat(tx((StoreTx tx) -> tx.activeAttemptsOf(ProviderId.of("prov-x")))).extracting(a -> a.id().value()).containsExactly("att-early", "att-late");
        assertThat(tx((StoreTx tx) -> tx.activeAttemptsOf(ProviderId.of("prov-z")))).isEmpty();
    }

    @Test
    default void logs_afterSave_readBackBothStreams() {
        insert(job("job-a"));
        AttemptRecord a = attempt("att-1", task("job-a", 0), 1, "prov-x", at(30));
        save(a);
        AttemptLogs logs = new AttemptLogs(a.id(), blob("stdout"), blob("stderr"));

        run(tx -> tx.saveLogs(logs));

        assertThat(tx((StoreTx tx) -> tx.logs(a.id()))).contains(logs);
    }

    @Test
    default void saveLogs_again_replacesAndKeepsMissingStreamNull() {
        insert(job("job-a"));
        AttemptRecord a = attempt("att-1", task("job-a", 0), 1, "prov-x", at(30));
        save(a);
        run(tx -> tx.saveLogs(new AttemptLogs(a.id(), blob("stdout"), blob("stderr"))));
        AttemptLogs onlyOut = new AttemptLogs(a.id(), blob("stdout-2"), null);

        run(tx -> tx.saveLogs(onlyOut));

        assertThat(tx((StoreTx tx) -> tx.logs(a.id()))).contains(onlyOut);
    }

    @Test
    default void logs_whenNoneSaved_isEmpty() {
        assertThat(tx((StoreTx tx) -> tx.logs(AttemptId.of("att-none")))).isEmpty();
    }

    @Test
    default void saveLogs_forUnknownAttempt_throws() {
        assertThatThrownBy(() -> run(tx -> tx.saveLogs(new AttemptLogs(AttemptId.of("att-none"), blob("o"), null))))
                .isInstanceOf(StoreException.class);
    }
}

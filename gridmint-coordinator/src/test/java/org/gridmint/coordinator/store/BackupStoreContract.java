package org.gridmint.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.coordinator.store.StoreFixtures.at;
import static org.gridmint.coordinator.store.StoreFixtures.attempt;
import static org.gridmint.coordinator.store.StoreFixtures.ended;
import static org.gridmint.coordinator.store.StoreFixtures.job;
import static org.gridmint.coordinator.store.StoreFixtures.task;

import java.util.Map;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.lifecycle.AttemptState;
import org.gridmint.core.scheduling.AttemptRecord;
import org.junit.jupiter.api.Test;

/** The store contract for backup attempts: the attempt each races, one task's live attempts, a job's runtimes. */
interface BackupStoreContract extends StoreHarness {

    @Test
    default void markBackup_isListedPerJob_andLeavesTheAttemptAsItWas() {
        insert(job("job-a"));
        AttemptRecord first = attempt("att-1", task("job-a", 0), 1, "prov-x", at(30));
        AttemptRecord backup = attempt("att-2", task("job-a", 0), 2, "prov-y", at(60));
        run(tx -> {
            tx.insertAttempt(first);
            tx.insertAttempt(backup);
        });

        run(tx -> tx.markBackup(backup.id(), first.id()));

        assertThat(tx((StoreTx tx) -> tx.backupOf(JobId.of("job-a")))).containsExactly(Map.entry(backup.id(), first.id()));
        assertThat(tx((StoreTx tx) -> tx.backupOf(JobId.of("job-none")))).isEmpty();
        assertThat(tx((StoreTx tx) -> tx.attempt(backup.id()))).contains(backup);
    }

    @Test
    default void markBackup_whenAttemptUnknown_throws() {
        assertThatThrownBy(() -> run(tx -> tx.markBackup(AttemptId.of("att-none"), AttemptId.of("att-1"))))
                .isInstanceOf(StoreException.class).hasMessageContaining("att-none");
    }

    @Test
    default void activeAttemptsOfATask_areItsLiveOnes_byNumber() {
        insert(job("job-a"));
        AttemptRecord lost = ended(attempt("att-1", task("job-a", 0), 1, "prov-x", at(30)), AttemptState.LOST);
        AttemptRecord second = attempt("att-2", task("job-a", 0), 2, "prov-y", at(60));
        AttemptRecord backup = attempt("att-3", task("job-a", 0), 3, "prov-z", at(70));
        AttemptRecord otherTask = attempt("att-4", task("job-a", 1), 1, "prov-y", at(60));
        run(tx -> {
            tx.insertAttempt(lost);
            tx.insertAttempt(second);
            tx.insertAttempt(backup);
            tx.insertAttempt(otherTask);
        });

        assertThat(tx((StoreTx tx) -> tx.activeAttempts(task("job-a", 0)))).containsExactly(second, backup);
    }

    @Test
    default void succeededRuntimes_measureEachSucceededAttemptFromItsStart() {
        insert(job("job-a"));
        AttemptRecord a = attempt("att-1", task("job-a", 0), 1, "prov-x", at(30));
        AttemptRecord done = ended(a, AttemptState.SUCCEEDED);
        AttemptRecord failed = ended(attempt("att-2", task("job-a", 1), 1, "prov-x", at(30)), AttemptState.FAILED);
        run(tx -> {
            tx.insertAttempt(done);
            tx.insertAttempt(failed);
        });

        long expected = java.time.Duration.between(done.startedAt() != null ? done.startedAt() : done.assignedAt(), done.endedAt()).toMillis();
        assertThat(tx((StoreTx tx) -> tx.succeededRuntimes(JobId.of("job-a")))).containsExactly(expected);
    }
}

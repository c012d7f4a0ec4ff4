package org.gridmint.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.coordinator.store.StoreFixtures.at;
import static org.gridmint.coordinator.store.StoreFixtures.attempt;
import static org.gridmint.coordinator.store.StoreFixtures.blob;
import static org.gridmint.coordinator.store.StoreFixtures.job;
import static org.gridmint.coordinator.store.StoreFixtures.task;

import org.gridmint.api.BlobRef;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.scheduling.AttemptRecord;
import org.junit.jupiter.api.Test;

/** The store contract for task checkpoints and the resumed-from link of attempts. */
interface CheckpointStoreContract extends StoreHarness {

    /** Blobs come back under the one name checkpoints have, whatever name the provider uploaded them with. */
    private static CheckpointRecord checkpoint(String job, int index, String attempt, String content, long runtimeMillis, long atSeconds) {
        BlobRef b = blob(content);
        return new CheckpointRecord(task(job, index), AttemptId.of(attempt), new BlobRef(CheckpointSql.BLOB_NAME, b.sha256(), b.size()),
                runtimeMillis, at(atSeconds));
    }

    @Test
    default void checkpoint_afterSave_readsBackEqual_andUnknownIsEmpty() {
        insert(job("job-a"));
        CheckpointRecord c = checkpoint("job-a", 1, "att-1", "state-1", 1_500, 40);

        run(tx -> tx.saveCheckpoint(c));

        assertThat(tx((StoreTx tx) -> tx.checkpoint(c.task()))).contains(c);
        assertThat(tx((StoreTx tx) -> tx.checkpoint(task("job-a", 0)))).isEmpty();
    }

    @Test
    default void saveCheckpoint_replacesTheTasksLatest_andListsOnePerTaskByIndex() {
        insert(job("job-a"));
        insert(job("job-b"));
        CheckpointRecord b = checkpoint("job-b", 0, "att-9", "other", 5, 10);
        CheckpointRecord t1 = checkpoint("job-a", 1, "att-1", "state-1", 1_000, 40);
        CheckpointRecord t0 = checkpoint("job-a", 0, "att-2", "state-0", 2_000, 41);
        CheckpointRecord t1Later = checkpoint("job-a", 1, "att-3", "state-2", 300, 50);

        run(tx -> {
            tx.saveCheckpoint(b);
            tx.saveCheckpoint(t1);
            tx.saveCheckpoint(t0);
        });
        run(tx -> tx.saveCheckpoint(t1Later));

        var all = tx((StoreTx tx) -> tx.checkpoints(JobId.of("job-a")));
        assertThat(all.keySet()).containsExactly(0, 1);
        assertThat(all.get(0)).isEqualTo(t0);
        assertThat(all.get(1)).isEqualTo(t1Later);
        assertThat(tx((StoreTx tx) -> tx.checkpoints(JobId.of("job-none")))).isEmpty();
    }

    @Test
    default void blobReferenced_findsCheckpoints_andForgetsReplacedOnes() {
        insert(job("job-a"));
        run(tx -> tx.saveCheckpoint(checkpoint("job-a", 0, "att-1", "old-state", 1, 40)));
        assertThat(tx((StoreTx tx) -> tx.blobReferenced(blob("old-state").sha256()))).isTrue();

        run(tx -> tx.saveCheckpoint(checkpoint("job-a", 0, "att-1", "new-state", 2, 41)));

        assertThat(tx((StoreTx tx) -> tx.blobReferenced(blob("old-state").sha256()))).isFalse();
        assertThat(tx((StoreTx tx) -> tx.blobReferenced(blob("new-state").sha256()))).isTrue();
    }

    @Test
    default void markResumed_isListedPerJob_byTaskThenNumber_andOnlyForResumedAttempts() {
        insert(job("job-a"));
        AttemptRecord first = attempt("att-1", task("job-a", 0), 1, "prov-x", at(30));
        AttemptRecord second = attempt("att-2", task("job-a", 0), 2, "prov-y", at(60));
        AttemptRecord other = attempt("att-3", task("job-a", 1), 1, "prov-y", at(60));
        run(tx -> {
            tx.insertAttempt(first);
            tx.insertAttempt(second);
            tx.insertAttempt(other);
        });

        run(tx -> tx.markResumed(second.id(), first.id()));

        assertThat(tx((StoreTx tx) -> tx.resumedFrom(JobId.of("job-a")))).containsExactly(java.util.Map.entry(second.id(), first.id()));
        assertThat(tx((StoreTx tx) -> tx.attempt(second.id()))).as("the attempt itself reads back unchanged").contains(second);
    }

    @Test
    default void markResumed_keepsTheResumedCheckpointsRuntime_afterLaterCheckpointsReplaceIt() {
        insert(job("job-a"));
        AttemptRecord first = attempt("att-1", task("job-a", 0), 1, "prov-x", at(30));
        AttemptRecord second = attempt("att-2", task("job-a", 0), 2, "prov-y", at(60));
        run(tx -> {
            tx.insertAttempt(first);
            tx.saveCheckpoint(checkpoint("job-a", 0, "att-1", "n=7", 7_000, 40));
            tx.insertAttempt(second);
            tx.markResumed(second.id(), first.id());
            tx.saveCheckpoint(checkpoint("job-a", 0, "att-2", "n=9", 500, 70));
        });

        assertThat(tx((StoreTx tx) -> tx.resumedFrom(second.id()))).contains(new ResumedFrom(first.id(), 7_000L));
        assertThat(tx((StoreTx tx) -> tx.resumedFrom(first.id()))).as("it started afresh").isEmpty();
    }

    @Test
    default void markResumed_whenAttemptUnknown_throws() {
        assertThatThrownBy(() -> run(tx -> tx.markResumed(AttemptId.of("att-none"), AttemptId.of("att-1"))))
                .isInstanceOf(StoreException.class).hasMessageContaining("att-none");
    }
}

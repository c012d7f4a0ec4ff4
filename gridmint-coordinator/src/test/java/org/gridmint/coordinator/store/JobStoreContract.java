package org.gridmint.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.coordinator.store.StoreFixtures.T0;
import static org.gridmint.coordinator.store.StoreFixtures.assigned;
import static org.gridmint.coordinator.store.StoreFixtures.at;
import static org.gridmint.coordinator.store.StoreFixtures.blob;
import static org.gridmint.coordinator.store.StoreFixtures.job;
import static org.gridmint.coordinator.store.StoreFixtures.task;
import static org.gridmint.coordinator.store.StoreFixtures.withState;

import java.util.List;
import java.util.Map;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.lifecycle.AttemptReason;
import org.gridmint.core.lifecycle.JobState;
import org.gridmint.core.lifecycle.TaskState;
import org.gridmint.core.scheduling.TaskRecord;
import org.junit.jupiter.api.Test;

/** The store contract for jobs, tasks and task outputs. */
interface JobStoreContract extends StoreHarness {

    @Test
    default void job_afterInsert_readsBackEqualRecordWithDraftAndSpec() {
        JobRecord job = insert(job("job-full", "alice", T0, StoreFixtures.fullDraft()));

        JobRecord read = tx(tx -> tx.job(job.id())).orElseThrow();

        assertThat(read).isEqualTo(job);
        assertThat(read.draft().maxPrice()).isEqualByComparingTo("0.25");
        assertThat(read.spec().commandFor(1)).containsExactly("python", "infer.py", "--shard", "1");
    }

    @Test
    default void job_whenUnknown_isEmpty() {
        assertThat(tx((StoreTx tx) -> tx.job(JobId.of("job-nope")))).isEmpty();
    }

    @Test
    default void insertJob_createsPendingTasksInIndexOrder() {
        JobRecord job = insert(job("job-a"));

        assertThat(tx((StoreTx tx) -> tx.tasks(job.id()))).isEqualTo(StoreFixtures.tasks(job));
    }

    @Test
    default void insertJob_whenIdTaken_throwsAndKeepsTheFirstJob() {
        JobRecord first = insert(job("job-a", "alice", T0));
        JobRecord second = job("job-a", "bob", at(5));

        assertThatThrownBy(() -> run(tx -> tx.insertJob(second, StoreFixtures.tasks(second)))).isInstanceOf(StoreException.class);
        assertThat(tx((StoreTx tx) -> tx.job(first.id()))).contains(first);
    }

    @Test
    default void insertJob_whenTaskIdsDoNotMatchJob_throwsIllegalArgument() {
        JobRecord job = job("job-a");
        List<TaskRecord> wrong = StoreFixtures.tasks(job("job-b"));

        assertThatThrownBy(() -> run(tx -> tx.insertJob(job, wrong))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("job-b/0");
        assertThat(tx((StoreTx tx) -> tx.job(job.id()))).isEmpty();
    }

    @Test
    default void insertJob_whenSpecIsNotWhatTheDraftValidatesTo_throwsIllegalArgument() {
        JobRecord job = job("job-a");
        JobRecord otherSpec = new JobRecord(job.id(), job.owner(), job.draft(), job("job-x", "alice", T0, StoreFixtures.fullDraft()).spec(),
                job.files(), job.state(), job.createdAt(), job.updatedAt(), null, null);

        assertThatThrownBy(() -> run(tx -> tx.insertJob(otherSpec, StoreFixtures.tasks(job)))).isInstanceOf(IllegalArgumentException.class);
        assertThat(tx((StoreTx tx) -> tx.job(job.id()))).isEmpty();
    }

    @Test
    default void insertJob_whenTaskCountDiffersFromSpec_throwsIllegalArgument() {
        JobRecord job = job("job-a");

        assertThatThrownBy(() -> run(tx -> tx.insertJob(job, StoreFixtures.tasks(job).subList(0, 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 tasks");
    }

    @Test
    default void insertJob_withMaximumTaskCount_storesEveryTask() {
        JobRecord job = insert(job("job-big", "alice", T0, StoreFixtures.draft(100_000)));

        assertThat(tx((StoreTx tx) -> tx.taskCounts(job.id())).get(TaskState.PENDING)).isEqualTo(100_000);
        assertThat(tx((StoreTx tx) -> tx.task(task("job-big", 99_999)))).isPresent();
        assertThat(pending(3)).extracting(TaskRecord::id).containsExactly(task("job-big", 0), task("job-big", 1), task("job-big", 2));
    }

    @Test
    default void jobs_ofOwner_areNewestFirstAndLimited() {
        insert(job("job-a1", "alice", at(1)));
        insert(job("job-b1", "bob", at(2)));
        insert(job("job-a2", "alice", at(3)));
        insert(job("job-a3", "alice", at(4)));

        assertThat(tx((StoreTx tx) -> tx.jobs("alice", 2))).extracting(j -> j.id().value()).containsExactly("job-a3", "job-a2");
        assertThat(tx((StoreTx tx) -> tx.jobs("bob", 10))).extracting(j -> j.id().value()).containsExactly("job-b1");
        assertThat(tx((StoreTx tx) -> tx.jobs("carol", 10))).isEmpty();
    }

    @Test
    default void jobs_withoutOwner_listsEveryOwnerNewestFirstThenByIdDescending() {
        insert(job("job-a", "alice", at(1)));
        insert(job("job-b", "bob", at(2)));
        insert(job("job-c", "carol", at(2)));

        assertThat(tx((StoreTx tx) -> tx.jobs(null, 10))).extracting(j -> j.id().value()).containsExactly("job-c", "job-b", "job-a");
    }

    @Test
    default void unfinishedJobs_arePendingAndRunningOnesOldestFirst() {
        JobRecord running = insert(job("job-run", "alice", at(2)));
        insert(job("job-pend", "alice", at(3)));
        JobRecord done = insert(job("job-done", "alice", at(1)));
        JobRecord cancelled = insert(job("job-cxl", "alice", at(0)));
        run(tx -> {
            tx.updateJob(withState(running, JobState.RUNNING));
            tx.updateJob(withState(withState(done, JobState.RUNNING), JobState.SUCCEEDED));
            tx.updateJob(withState(cancelled, JobState.CANCELLED));
        });

        assertThat(tx(StoreTx::unfinishedJobs)).extracting(j -> j.id().value()).containsExactly("job-run", "job-pend");
    }

    @Test
    default void updateJob_replacesStateTimestampsReasonAndFiles() {
        JobRecord job = insert(job("job-a"));
        JobRecord failed = StoreFixtures.withFiles(withState(job, JobState.FAILED), List.of(blob("in.txt"), blob("extra.bin")));

        run(tx -> tx.updateJob(failed));

        JobRecord read = tx(tx -> tx.job(job.id())).orElseThrow();
        assertThat(read).isEqualTo(failed);
        assertThat(read.finishedAt()).isEqualTo(failed.updatedAt());
        assertThat(read.failureReason()).isEqualTo("task 0 failed");
    }

    @Test
    default void updateJob_whenUnknown_throws() {
        assertThatThrownBy(() -> run(tx -> tx.updateJob(job("job-ghost")))).isInstanceOf(StoreException.class).hasMessageContaining("job-ghost");
    }

    @Test
    default void task_whenUnknown_isEmpty() {
        insert(job("job-a"));

        assertThat(tx((StoreTx tx) -> tx.task(task("job-a", 3)))).isEmpty();
        assertThat(tx((StoreTx tx) -> tx.tasks(JobId.of("job-none")))).isEmpty();
    }

    @Test
    default void updateTask_whenExpectedMatches_replacesEveryField() {
        JobRecord job = insert(job("job-a"));
        TaskRecord before = taskOf(job, 1);
        TaskRecord next = new TaskRecord(before.id(), TaskState.PENDING, 2, 1, ProviderId.of("prov-flaky"), AttemptReason.PROVIDER_LOST, at(60));

        assertThat(tx((StoreTx tx) -> tx.updateTask(before, next))).isTrue();

        assertThat(taskOf(job, 1)).isEqualTo(next);
        assertThat(taskOf(job, 0)).isEqualTo(StoreFixtures.tasks(job).get(0));
    }

    @Test
    default void updateTask_whenStateChangedMeanwhile_returnsFalseAndChangesNothing() {
        JobRecord job = insert(job("job-a"));
        TaskRecord seen = taskOf(job, 0);
        TaskRecord cancelled = withState(seen, TaskState.CANCELLED);
        run(tx -> tx.updateTask(seen, cancelled));

        assertThat(tx((StoreTx tx) -> tx.updateTask(seen, assigned(seen, at(5))))).isFalse();
        assertThat(taskOf(job, 0)).isEqualTo(cancelled);
    }

    @Test
    default void updateTask_whenAttemptsChangedMeanwhile_returnsFalse() {
        JobRecord job = insert(job("job-a"));
        TaskRecord seen = taskOf(job, 0);
        // Another claim assigned it and it was requeued: the state matches again, the attempt count does not.
        TaskRecord requeued = withState(assigned(seen, at(1)), TaskState.PENDING);
        run(tx -> tx.updateTask(seen, requeued));

        assertThat(tx((StoreTx tx) -> tx.updateTask(seen, assigned(seen, at(5))))).isFalse();
        assertThat(taskOf(job, 0)).isEqualTo(requeued);
    }

    @Test
    default void updateTask_withTwoDifferentTasks_throwsIllegalArgument() {
        JobRecord job = insert(job("job-a"));

        TaskRecord first = taskOf(job, 0);
        TaskRecord second = taskOf(job, 1);

        assertThatThrownBy(() -> run(tx -> tx.updateTask(first, assigned(second, at(1)))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void taskCounts_countEveryStateWithZeros() {
        JobRecord job = insert(job("job-a", "alice", T0, StoreFixtures.draft(4)));
        TaskRecord t0 = taskOf(job, 0);
        TaskRecord t1 = taskOf(job, 1);
        run(tx -> {
            tx.updateTask(t0, assigned(t0, at(1)));
            tx.updateTask(t1, withState(t1, TaskState.CANCELLED));
        });

        Map<TaskState, Integer> counts = tx(tx -> tx.taskCounts(job.id()));

        assertThat(counts).containsOnlyKeys(TaskState.values())
                .containsEntry(TaskState.PENDING, 2).containsEntry(TaskState.ASSIGNED, 1).containsEntry(TaskState.CANCELLED, 1)
                .containsEntry(TaskState.RUNNING, 0).containsEntry(TaskState.SUCCEEDED, 0).containsEntry(TaskState.FAILED, 0);
    }

    @Test
    default void pendingTasks_areOldestJobFirstThenByIndex() {
        insert(job("job-new", "alice", at(20)));
        insert(job("job-old", "bob", at(10)));

        assertThat(pending(10)).extracting(t -> t.id().toString())
                .containsExactly("job-old/0", "job-old/1", "job-old/2", "job-new/0", "job-new/1", "job-new/2");
    }

    @Test
    default void pendingTasks_whenJobsCreatedTogether_orderByJobId() {
        insert(job("job-b", "alice", T0));
        insert(job("job-a", "alice", T0));

        assertThat(pending(4)).extracting(t -> t.id().toString()).containsExactly("job-a/0", "job-a/1", "job-a/2", "job-b/0");
    }

    @Test
    default void pendingTasks_skipTasksNotPendingAndJobsFinished() {
        JobRecord live = insert(job("job-live", "alice", at(2)));
        JobRecord running = insert(job("job-running", "alice", at(3)));
        JobRecord finished = insert(job("job-finished", "alice", at(1)));
        TaskRecord live1 = taskOf(live, 1);
        run(tx -> {
            tx.updateTask(live1, assigned(live1, at(5)));
            tx.updateJob(withState(running, JobState.RUNNING));
            // A final job whose tasks were left pending must still not be handed out.
            tx.updateJob(withState(finished, JobState.CANCELLED));
        });

        assertThat(pending(100)).extracting(t -> t.id().toString())
                .containsExactly("job-live/0", "job-live/2", "job-running/0", "job-running/1", "job-running/2");
    }

    @Test
    default void pendingTasks_whenOldestJobHasNoPendingTask_startWithTheNextJob() {
        JobRecord busy = insert(job("job-busy", "alice", at(1), StoreFixtures.draft(1)));
        insert(job("job-next", "alice", at(2), StoreFixtures.draft(2)));
        TaskRecord only = taskOf(busy, 0);
        run(tx -> {
            tx.updateJob(withState(busy, JobState.RUNNING));
            tx.updateTask(only, assigned(only, at(3)));
        });

        assertThat(pending(2)).extracting(t -> t.id().toString()).containsExactly("job-next/0", "job-next/1");
    }

    @Test
    default void pendingTasks_returnAtMostLimit() {
        insert(job("job-a"));

        assertThat(pending(2)).hasSize(2);
        assertThat(pending(0)).isEmpty();
    }

    @Test
    default void outputs_ofTask_keepInsertionOrder() {
        JobRecord job = insert(job("job-a"));
        var outs = List.of(blob("z.json"), blob("a.json"), blob("m.json"));

        run(tx -> tx.insertOutputs(task("job-a", 1), outs));

        assertThat(tx((StoreTx tx) -> tx.outputs(task("job-a", 1)))).isEqualTo(outs);
        assertThat(tx((StoreTx tx) -> tx.outputs(task("job-a", 0)))).isEmpty();
        assertThat(tx((StoreTx tx) -> tx.outputs(job.id()))).containsOnlyKeys(1);
    }

    @Test
    default void outputs_ofJob_areGroupedByTaskIndexInOrder() {
        JobRecord job = insert(job("job-a"));
        run(tx -> {
            tx.insertOutputs(task("job-a", 2), List.of(blob("two.json")));
            tx.insertOutputs(task("job-a", 0), List.of(blob("zero.json"), blob("zero.log")));
        });

        Map<Integer, List<org.gridmint.api.BlobRef>> outputs = tx(tx -> tx.outputs(job.id()));

        assertThat(outputs.keySet()).containsExactly(0, 2);
        assertThat(outputs.get(0)).containsExactly(blob("zero.json"), blob("zero.log"));
        assertThat(outputs.get(2)).containsExactly(blob("two.json"));
    }

    @Test
    default void insertOutputs_twiceForOneTask_throwsAndKeepsTheFirst() {
        insert(job("job-a"));
        run(tx -> tx.insertOutputs(task("job-a", 0), List.of(blob("first.json"))));

        assertThatThrownBy(() -> run(tx -> tx.insertOutputs(task("job-a", 0), List.of(blob("second.json"))))).isInstanceOf(StoreException.class);
        assertThat(tx((StoreTx tx) -> tx.outputs(task("job-a", 0)))).containsExactly(blob("first.json"));
    }

    @Test
    default void insertOutputs_forUnknownTask_throws() {
        assertThatThrownBy(() -> run(tx -> tx.insertOutputs(task("job-none", 0), List.of(blob("x.json"))))).isInstanceOf(StoreException.class);
    }
}

package org.gridmint.coordinator.store;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.scheduling.TaskRecord;

/** What every part of the store contract needs: the store under test, a way to reopen it, and short transaction helpers. */
interface StoreHarness {

    /** The open store of the current test. */
    Store store();

    /** Closes the store and opens a new one on the same database, which becomes {@link #store()}. */
    Store reopen();

    default <T> T tx(Function<StoreTx, T> work) {
        return store().inTransaction(work);
    }

    default void run(Consumer<StoreTx> work) {
        store().inTransaction(tx -> {
            work.accept(tx);
            return null;
        });
    }

    /** Inserts the job with its tasks, all pending, and returns it. */
    default JobRecord insert(JobRecord job) {
        run(tx -> tx.insertJob(job, StoreFixtures.tasks(job)));
        return job;
    }

    default TaskRecord taskOf(JobRecord job, int index) {
        return tx(tx -> tx.task(new TaskId(job.id(), index)).orElseThrow());
    }

    default List<TaskRecord> pending(int limit) {
        return tx(tx -> tx.pendingTasks(limit));
    }
}

package org.gridmint.coordinator.jobs;

import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.core.lifecycle.TaskState;
import org.gridmint.core.scheduling.AttemptRecord;
import org.gridmint.core.scheduling.TaskRecord;

/**
 * Finds the attempt that races a given one (a backup, or the attempt it backs up), so that ending one of two live
 * attempts leaves the task running on the other, and a success supersedes it.
 *
 * <p>Concurrency: when the task may have two live attempts, the task's row is locked first (a compare-and-set that
 * writes it unchanged) and the attempts are read after: two attempts that end at once then see each other's end, and
 * the second requeues the task instead of both leaving it to the other. Most tasks have had one attempt and skip this.
 */
public final class LiveAttempts {
    private static final int TRIES = 5;

    private LiveAttempts() {}

    /** The task of {@code a} as stored now, and its other live attempt, or null when {@code a} is its only one. */
    public record Race(TaskRecord task, AttemptRecord other) {}

    public static Race of(StoreTx tx, AttemptRecord a) {
        for (int i = 0; i < TRIES; i++) {
            TaskRecord t = tx.task(a.task()).orElseThrow();
            if (!mayRace(t, a)) return new Race(t, null);
            if (!tx.updateTask(t, t)) continue;
            AttemptRecord other = null;
            for (AttemptRecord x : tx.activeAttempts(t.id())) {
                if (!x.id().equals(a.id())) other = x;
            }
            return new Race(t, other);
        }
        throw new CoordinatorException.Conflict("task " + a.task() + " kept changing", "RUNNING");
    }

    /**
     * Only a running task that has had two attempts can have two live: its latest and any earlier one (an attempt that
     * outlived a backup may take another, so the two need not be adjacent).
     */
    private static boolean mayRace(TaskRecord t, AttemptRecord a) {
        return t.state() == TaskState.RUNNING && t.attempts() >= 2 && a.number() <= t.attempts();
    }
}

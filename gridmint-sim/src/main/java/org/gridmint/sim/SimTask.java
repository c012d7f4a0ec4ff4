package org.gridmint.sim;

import java.time.Instant;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.scheduling.AttemptRecord;
import org.gridmint.core.scheduling.Requirements;
import org.gridmint.core.scheduling.TaskRecord;

/**
 * One task: core's {@link TaskRecord} and current {@link AttemptRecord}, moved only by core's {@code TaskRules}, plus
 * what the simulation alone knows (how much work it is, how far its checkpoints got, where its attempt runs).
 */
final class SimTask {
    final SimJob job;
    final TaskId id;
    /** Queue order: job arrival order, then index; a requeued task keeps its place. */
    final long seq;
    /** Work at reference speed 1.0, in milliseconds. */
    final long work;
    final Requirements requirements;

    TaskRecord record;
    AttemptRecord attempt;
    /** The provider running the current attempt; null while pending or once the provider is gone. */
    SimProvider on;
    /** The provider of the current attempt, kept after it fails so that its lease expiry is booked to it. */
    SimProvider attemptProvider;
    long attemptStart;
    /** Work already done when the current attempt started (restored from a checkpoint). */
    long startWork;
    /** Work saved by the latest checkpoint, which the next attempt resumes from (if the policy resumes). */
    long savedWork;
    /** The latest failed attempt's checkpointed wall time and its provider: billed if the next attempt resumes from it. */
    long unbilledCheckpointMillis;
    SimProvider unbilledCheckpointProvider;
    /** A speculative backup of the current attempt: where it runs, since when, from how much work; null if none. */
    SimProvider backupOn;
    long backupStart;
    long backupStartWork;
    /** The primary's checkpointed wall time the backup resumed from: useful, and billed, if the backup wins. */
    long backupResumeWall;
    /** Counts backups, so that a stale backup-ends event is told from the live backup's. */
    int backups;

    /** A new task of {@code job}, PENDING since {@code arrived}. */
    SimTask(SimJob job, int index, long seq, long work, Requirements requirements, Instant arrived) {
        this.job = job;
        this.id = new TaskId(job.id, index);
        this.seq = seq;
        this.work = work;
        this.requirements = requirements;
        this.record = TaskRecord.pending(id, arrived);
    }
}

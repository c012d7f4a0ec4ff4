package org.gridmint.sim;

import org.gridmint.core.scheduling.AttemptRecord;

/**
 * One live attempt of a task: core's {@link AttemptRecord}, moved only by core's {@code TaskRules}, plus what the
 * simulation alone knows of it. A task has one, or two while a backup races its first.
 */
final class SimAttempt {
    AttemptRecord record;
    final SimProvider provider;
    /** Virtual time it started at (its first heartbeat). */
    final long start;
    /** Work already done when it started (restored from a checkpoint). */
    final long startWork;
    /**
     * A backup's resumed part: the checkpointed wall time of the attempt it backs up, on {@code resumedFrom}, which
     * becomes useful (and billed) if this backup wins; 0 and null for an attempt that is not a backup.
     */
    final long resumedWall;
    final SimProvider resumedFrom;
    final boolean backup;
    /**
     * False once its provider has failed: core still holds the attempt live until its lease runs out, but it does no
     * more work and holds no slot.
     */
    boolean providerUp = true;

    SimAttempt(AttemptRecord record, SimProvider provider, long start, long startWork, long resumedWall, SimProvider resumedFrom, boolean backup) {
        this.record = record;
        this.provider = provider;
        this.start = start;
        this.startWork = startWork;
        this.resumedWall = resumedWall;
        this.resumedFrom = resumedFrom;
        this.backup = backup;
    }

    int number() {
        return record.number();
    }
}

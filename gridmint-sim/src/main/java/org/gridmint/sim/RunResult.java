package org.gridmint.sim;

/**
 * What one run of one policy over one scenario came to. Times are virtual milliseconds; money is micro-credits.
 *
 * @param policy "gridmint" or "naive"
 * @param failureFree whether this is the yardstick run (no failures, no stragglers)
 * @param makespanMillis from time 0 to the last task's end (the horizon if some never ended)
 * @param providerMillis provider time spent on attempts, successful or not, up to their success or their provider's failure
 * @param usefulMillis the part of it that made it into a result: succeeded attempts, and checkpointed time that a later
 *     attempt resumed from
 * @param usefulWorkMillis the work of the succeeded tasks at reference speed 1.0: the "useful hours" that price is quoted per
 * @param paidMicros what the client paid: useful time only (gridmint), or every attempt's time (naive)
 * @param attempts attempts started
 * @param lostAttempts attempts lost with their provider
 * @param crashes provider failures
 * @param maxLostMillis the most provider time one failed attempt lost (not saved by a checkpoint)
 * @param backups speculative backups started for stragglers
 * @param backupWins backups that finished before the attempt they backed up
 * @param events events the simulation processed
 */
public record RunResult(String policy, boolean failureFree, int tasks, int succeeded, int failed, int jobs, int jobsSucceeded,
                        long makespanMillis, long providerMillis, long usefulMillis, long usefulWorkMillis, long paidMicros,
                        long attempts, long lostAttempts, long crashes, long maxLostMillis, long backups, long backupWins, long events) {

    /** Succeeded tasks over all tasks. */
    public double completion() {
        return tasks == 0 ? 1 : (double) succeeded / tasks;
    }

    /** Useful provider time over all provider time spent on attempts. */
    public double goodput() {
        return providerMillis == 0 ? 1 : (double) usefulMillis / providerMillis;
    }

    /** Credits the client paid per useful hour (an hour of task work at reference speed). */
    public double pricePerUsefulHour() {
        return usefulWorkMillis == 0 ? 0 : paidMicros / 1e6 / (usefulWorkMillis / 3_600_000.0);
    }
}

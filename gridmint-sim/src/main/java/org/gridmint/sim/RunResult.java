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
 * @param verification what verification did in the run, and the wrong results it let through
 */
public record RunResult(String policy, boolean failureFree, int tasks, int succeeded, int failed, int jobs, int jobsSucceeded,
                        long makespanMillis, long providerMillis, long usefulMillis, long usefulWorkMillis, long paidMicros,
                        long attempts, long lostAttempts, long crashes, long maxLostMillis, long backups, long backupWins, long events,
                        Verification verification) {

    /**
     * The run's verification figures. Every result is one attempt's returned output; a wrong one comes from a cheater.
     *
     * @param policy the jobs' verify policy as a spec names it: none, adaptive, replicas, spotCheck
     * @param results results returned (first results, replicas, tie-breakers and full checks' replicas)
     * @param replicas results beyond a task's first
     * @param tieBreakers results asked for because earlier ones disagreed without a quorum
     * @param noQuorum tasks that failed because their results formed no quorum even after tie-breakers
     * @param reopened accepted tasks a full check reopened because the provider they were accepted on was caught
     * @param wrongProduced wrong results returned
     * @param wrongCaught wrong results that lost a verdict (dissenting): their providers were slashed
     * @param wrongAccepted tasks whose accepted result is wrong at the end of the run
     * @param cheaters cheating provider identities that joined
     * @param cheatersCaught of them, those slashed at least once
     * @param slashes verdicts that slashed a provider
     * @param honestSlashed slashes of a right result (outvoted by colluders): 0 unless cheaters collude
     * @param networkPaidMicros replicas that agreed with the accepted result, paid at cost by the network (the treasury)
     */
    public record Verification(String policy, long results, long replicas, long tieBreakers, long noQuorum, long reopened,
                               long wrongProduced, long wrongCaught, long wrongAccepted, int cheaters, int cheatersCaught,
                               long slashes, long honestSlashed, long networkPaidMicros) {
        /** Wrong results accepted per 1,000 accepted results. */
        public double wrongAcceptedPerThousand(long accepted) {
            return accepted == 0 ? 0 : 1000.0 * wrongAccepted / accepted;
        }

        /** Wrong results caught over wrong results returned; 1 when none were. */
        public double wrongCaughtShare() {
            return wrongProduced == 0 ? 1 : (double) wrongCaught / wrongProduced;
        }
    }

    /** Wrong results accepted per 1,000 accepted (succeeded) tasks. */
    public double wrongAcceptedPerThousand() {
        return verification.wrongAcceptedPerThousand(succeeded);
    }

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

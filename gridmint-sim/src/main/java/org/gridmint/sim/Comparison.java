package org.gridmint.sim;

import java.util.List;
import org.gridmint.sim.report.CloudPrice;

/**
 * The report of one simulation: Gridmint and (unless left out) the naive baseline, each beside its own failure-free run,
 * and the cloud prices to compare their price per useful hour with.
 *
 * @param naive null when the baseline was not run
 * @param assumptions what the figures assume, in sentences the report prints
 */
public record Comparison(String scenario, long seed, Outcome gridmint, Outcome naive, List<CloudPrice> cloud, List<String> assumptions) {
    public Comparison {
        cloud = List.copyOf(cloud);
        assumptions = List.copyOf(assumptions);
    }

    /**
     * One policy's run under the scenario's failures, the same policy's run of the same workload with none, and (when
     * the scenario verifies results) its run of the same workload, failures and cheaters with {@code verify: none}.
     *
     * @param unverified null when the scenario does not verify, or for the naive baseline, which never does
     */
    public record Outcome(RunResult run, RunResult failureFree, RunResult unverified) {
        public Outcome(RunResult run, RunResult failureFree) {
            this(run, failureFree, null);
        }

        /** Makespan over the failure-free makespan. */
        public double makespanRatio() {
            return failureFree.makespanMillis() == 0 ? 1 : (double) run.makespanMillis() / failureFree.makespanMillis();
        }

        /**
         * Verification's compute overhead: provider time spent over the provider time the same workload took without
         * verification; 1 when nothing is verified.
         */
        public double overhead() {
            if (unverified == null || unverified.providerMillis() == 0) return 1;
            return (double) run.providerMillis() / unverified.providerMillis();
        }
    }

    public static final List<String> ASSUMPTIONS = List.of(
            "useful hour = one hour of task work at reference speed 1.0 (the scenario's task durations)",
            "gridmint bills only useful work: the succeeded attempt's time, plus checkpointed time a later attempt resumed from",
            "naive bills every attempt's time up to its success or its provider's failure, as a typical network does",
            "goodput = useful provider time / provider time spent on attempts (idle time is not counted)",
            "checkpoints cost nothing to write or restore; a failed provider's work since its last checkpoint is lost",
            "gridmint backs up stragglers as core's LATE speculation decides (given no progress fraction, only runtimes);"
                    + " a backup resumes from the primary's latest checkpoint; the loser ends SUPERSEDED: provider time, never billed, not held against its provider",
            "naive never backs up stragglers and never quarantines providers");

    /** What the verification figures assume, printed when the scenario has cheaters or verifies results. */
    public static final List<String> VERIFY_ASSUMPTIONS = List.of(
            "a wrong result takes a cheater as long as a right one; honest results always agree (float noise within tolerance is core's comparator's, tested there)",
            "verification follows core's VerificationRules and Trust: a task's plan is drawn at its first result, replicas run one after another on providers"
                    + " that have not run the task, tie-breakers and full checks only on trusted ones, or, while none that may take them is,"
                    + " on the most trusted others (at least half the longest run of agreeing results among them; anyone while no one has a run)",
            "a provider whose result loses a verdict is slashed, its trust reset, and it gets no work for network.slashQuarantine; its results accepted"
                    + " alone in jobs still running are reopened for a trusted replica (the full check); a replica never resumes from a checkpoint",
            "overhead = provider time spent / provider time of the same workload, failures and cheaters with verify: none",
            "the client pays for the accepted result only; agreeing replicas are paid at cost by the network; the naive baseline never verifies");

}

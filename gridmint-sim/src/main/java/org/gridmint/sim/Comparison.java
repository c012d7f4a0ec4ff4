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

    /** One policy's run under the scenario's failures, and the same policy's run of the same workload with none. */
    public record Outcome(RunResult run, RunResult failureFree) {
        /** Makespan over the failure-free makespan. */
        public double makespanRatio() {
            return failureFree.makespanMillis() == 0 ? 1 : (double) run.makespanMillis() / failureFree.makespanMillis();
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
}

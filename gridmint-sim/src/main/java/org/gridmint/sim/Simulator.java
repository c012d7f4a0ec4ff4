package org.gridmint.sim;

import java.util.ArrayList;
import java.util.List;
import org.gridmint.core.spec.FieldError;
import org.gridmint.core.spec.VerifySpec;
import org.gridmint.sim.report.CloudPrice;
import org.gridmint.sim.report.CloudPrices;
import org.gridmint.sim.scenario.Scenario;
import org.gridmint.sim.scenario.ScenarioException;

/** Runs a scenario under Gridmint and the naive baseline, each beside its failure-free yardstick, and reports. */
public final class Simulator {
    private Simulator() {}

    /**
     * Simulates {@code scenario}: four runs over one workload drawn from its seed (two with {@code baseline} false). The
     * same scenario and seed always give an equal {@link Comparison}.
     */
    public static Comparison run(Scenario scenario, boolean baseline, SimProgress progress) {
        List<CloudPrice> cloud = cloud(scenario.compareWith());
        Workload workload = Workload.of(scenario);
        RunResult run = new Simulation(scenario, gridmint(scenario), workload, false, progress).run();
        RunResult unverified = null;
        if (scenario.verifies()) {
            // The yardstick of verification's overhead: the same workload, failures and cheaters, nothing verified.
            Scenario none = scenario.withVerify(VerifySpec.NONE);
            unverified = none.jobs().verify().equals(scenario.jobs().verify()) ? run
                    : new Simulation(none, gridmint(none), workload, false, progress).labelled(" (verify: none)").run();
        }
        var gridmint = new Comparison.Outcome(run, new Simulation(scenario, gridmint(scenario), workload, true, progress).run(), unverified);
        Comparison.Outcome naive = null;
        if (baseline) {
            // The naive baseline never verifies: it accepts every result, wrong ones included.
            Scenario none = scenario.withVerify(VerifySpec.NONE);
            naive = new Comparison.Outcome(
                    new Simulation(none, naive(none), workload, false, progress).run(),
                    new Simulation(none, naive(none), workload, true, progress).run());
        }
        List<String> assumptions = new ArrayList<>(Comparison.ASSUMPTIONS);
        if (scenario.verifies()) assumptions.addAll(Comparison.VERIFY_ASSUMPTIONS);
        return new Comparison(scenario.name(), scenario.seed(), gridmint, naive, cloud, assumptions);
    }

    private static GridmintPolicy gridmint(Scenario s) {
        return new GridmintPolicy(s.jobs().speculate());
    }

    private static NaivePolicy naive(Scenario s) {
        return new NaivePolicy(Streams.of(s.seed(), Streams.NAIVE, 0));
    }

    /** The rows named by {@code ids} in that order, or every row when none are named. */
    static List<CloudPrice> cloud(List<String> ids) {
        List<CloudPrice> all = CloudPrices.all();
        if (ids.isEmpty()) return all;
        List<CloudPrice> out = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            var row = all.stream().filter(c -> c.id().equals(id)).findFirst();
            if (row.isPresent()) out.add(row.get());
            else errors.add(new FieldError("compareWith[" + i + "]", "no cloud price \"" + id + "\"; the table has "
                    + String.join(", ", all.stream().map(CloudPrice::id).toList())));
        }
        if (!errors.isEmpty()) throw new ScenarioException(errors);
        return out;
    }
}

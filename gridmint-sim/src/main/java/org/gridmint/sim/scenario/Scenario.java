package org.gridmint.sim.scenario;

import java.util.List;
import org.gridmint.core.money.Credits;
import org.gridmint.core.spec.VerifySpec;

/**
 * One validated scenario: a network of providers, a workload of jobs, how the network is run, and a seed. All durations
 * are virtual milliseconds. {@link ScenarioReader} builds it from YAML; tests may build it directly.
 *
 * @param compareWith ids of rows of the cloud price table to compare the price per useful hour with; empty for all
 */
public record Scenario(String name, long seed, Network network, Providers providers, Jobs jobs, List<String> compareWith) {
    public Scenario {
        compareWith = List.copyOf(compareWith);
    }

    /**
     * How the coordinator runs: heartbeat cadence, how often it plans, when the simulation gives up, and how long a
     * provider caught returning a wrong result gets no work (the coordinator's {@code StakeConfig.slashQuarantine}).
     */
    public record Network(long heartbeatMillis, long tickMillis, long horizonMillis, long slashQuarantineMillis) {
        public static final Network DEFAULT = new Network(5_000, 1_000, 30L * 86_400_000, 24L * 3_600_000);

        /** A lease lasts 2.5 heartbeat intervals, as the coordinator's {@code CoordinatorConfig.LEASE_INTERVALS}. */
        public long leaseMillis() {
            return heartbeatMillis * 5 / 2;
        }
    }

    /**
     * The fleet. Each provider has one GPU and {@code slots} task slots; price, speed, GPU model and region are drawn per
     * provider.
     *
     * @param speed work done per hour against the reference machine (1.0): 2.0 finishes a task in half the time
     * @param trusted the fraction of providers the network trusts from the start (its own machines, say): never
     *     cheaters, they can take spot checks and tie-breakers before anyone has earned trust
     */
    public record Providers(int count, int slots, Dist price, Dist speed, Pick gpu, Pick region, Failures failures, Stragglers stragglers,
                            Cheaters cheaters, double trusted) {}

    /**
     * A {@code fraction} of providers (an exact share of the fleet's slots, drawn from the seed) that return wrong
     * results. {@code ALWAYS} cheaters return a wrong result every time; {@code INTERMITTENT} ones return right results
     * for their first {@code honestFirst} results (again after each time they are caught), to earn trust, and then a wrong
     * one with probability {@code rate}. A wrong result is a value of its own per cheater, unless they {@code collude}:
     * then all cheaters return the same wrong value for a task, and so agree with each other.
     */
    public record Cheaters(double fraction, Behaviour behaviour, double rate, int honestFirst, boolean collude) {
        public enum Behaviour { ALWAYS, INTERMITTENT }

        public static final Cheaters NONE = new Cheaters(0, Behaviour.ALWAYS, 1, 0, false);
    }

    /**
     * How providers fail: each at exponential times with a mean drawn per provider from {@code mtbf} (null: never), or
     * all at scripted instants; they come back after {@code repair}, as themselves or, with {@code replace}, as a fresh
     * provider with no record. A spread of MTBFs is what gives reputation something to find.
     */
    public record Failures(Dist mtbf, List<Long> scriptedAtMillis, Dist repair, boolean replace) {
        public static final Failures NONE = new Failures(null, List.of(), new Dist.Fixed(0), false);

        public Failures {
            scriptedAtMillis = List.copyOf(scriptedAtMillis);
        }

        public boolean any() {
            return mtbf != null || !scriptedAtMillis.isEmpty();
        }
    }

    /** A {@code fraction} of providers that stay up but work {@code slowdown} times slower than their speed says. */
    public record Stragglers(double fraction, double slowdown) {
        public static final Stragglers NONE = new Stragglers(0, 1);
    }

    /**
     * The workload: {@code count} jobs arriving by {@code arrival}, each with {@code tasks} tasks (drawn per job) whose
     * work at reference speed is drawn from {@code duration}.
     *
     * @param checkpointMillis how often a task checkpoints, in wall time on its provider; 0 for never
     * @param gpu the GPU model a job asks for (a case-insensitive substring), drawn per job; null for any
     * @param retries how many counted failures a task survives (the job spec's {@code retries})
     * @param verify how each job's results are verified, as a job spec's {@code verify} ({@link VerifySpec#NONE} when
     *     the scenario says nothing, so that scenarios written before verification keep their figures)
     */
    public record Jobs(int count, Arrival arrival, Dist tasks, Dist duration, long checkpointMillis, Credits maxPrice, Pick gpu,
                       List<String> regions, int retries, Speculate speculate, VerifySpec verify) {
        public Jobs {
            regions = List.copyOf(regions);
        }
    }

    /**
     * When Gridmint backs up a straggler: once its estimated runtime passes {@code slowdown} × its job's median, with at
     * most {@code maxBackups} backups of one job at once (0: never). The job spec's speculation block, as core's
     * {@code Speculation.Config} takes it.
     */
    public record Speculate(double slowdown, int maxBackups) {
        /** Core's default: twice the median, two backups at once. */
        public static final Speculate DEFAULT = new Speculate(2.0, 2);
        public static final Speculate OFF = new Speculate(2.0, 0);
    }

    /** When jobs arrive: all at time 0, one every {@code millis}, or as a Poisson process with mean gap {@code millis}. */
    public record Arrival(Kind kind, long millis) {
        public enum Kind { AT_ONCE, EVERY, POISSON }

        public static final Arrival AT_ONCE = new Arrival(Kind.AT_ONCE, 0);
    }

    /** The same scenario with another speculation setting for Gridmint. */
    public Scenario withSpeculate(Speculate s) {
        Jobs j = jobs;
        return new Scenario(name, seed, network, providers, new Jobs(j.count(), j.arrival(), j.tasks(), j.duration(), j.checkpointMillis(),
                j.maxPrice(), j.gpu(), j.regions(), j.retries(), s, j.verify()), compareWith);
    }

    /** The same scenario with another verification policy for every job. */
    public Scenario withVerify(VerifySpec v) {
        Jobs j = jobs;
        return new Scenario(name, seed, network, providers, new Jobs(j.count(), j.arrival(), j.tasks(), j.duration(), j.checkpointMillis(),
                j.maxPrice(), j.gpu(), j.regions(), j.retries(), j.speculate(), v), compareWith);
    }

    /** Whether the scenario has cheaters or verifies results: then the report gains the verification figures. */
    public boolean verifies() {
        return providers.cheaters().fraction() > 0 || jobs.verify().policy() != VerifySpec.Policy.NONE;
    }

    /** The same scenario with another seed. */
    public Scenario withSeed(long s) {
        return new Scenario(name, s, network, providers, jobs, compareWith);
    }

    /**
     * The same fleet and workload where nothing fails and nobody straggles: the yardstick for the makespan ratio. Its
     * cheaters still cheat, and its jobs are verified alike.
     */
    public Scenario failureFree() {
        Providers p = providers;
        return new Scenario(name, seed, network, new Providers(p.count(), p.slots(), p.price(), p.speed(), p.gpu(), p.region(),
                Failures.NONE, Stragglers.NONE, p.cheaters(), p.trusted()), jobs, compareWith);
    }
}

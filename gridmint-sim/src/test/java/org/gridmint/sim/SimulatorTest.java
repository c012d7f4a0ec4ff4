package org.gridmint.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gridmint.core.spec.FieldError;
import org.gridmint.sim.scenario.Scenario;
import org.gridmint.sim.scenario.ScenarioException;
import org.gridmint.sim.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;

class SimulatorTest {
    /** A small churny network: consumer machines failing hourly, 5% stragglers, 1,000 checkpointing tasks. */
    static final String CHURNY = """
            name: churny
            seed: 11
            providers:
              count: 60
              price: {uniform: [0.08, 0.25]}
              speed: {lognormal: {median: 1.0, sigma: 0.2}}
              mtbf: 1h
              repair: {exponential: 10m}
              stragglers: {fraction: 0.05, slowdown: 5}
            jobs:
              count: 10
              arrival: {poisson: 10m}
              tasks: 100
              duration: {lognormal: {median: 20m, sigma: 0.5}}
              checkpoint: 5m
              maxPrice: 0.30
              retries: 20
              speculation: {slowdown: 4, maxBackups: 2}
            """;

    /**
     * One provider at 0.60/h, one 60-minute task checkpointing every 10 minutes, the provider failing at minute 25 and
     * back at minute 30.
     */
    static final String HAND_MADE = """
            seed: 1
            network: {heartbeat: 5s, tick: 1s}
            providers:
              count: 1
              price: 0.6
              speed: 1
              failAt: [25m]
              repair: 5m
            jobs:
              count: 1
              tasks: 1
              duration: 60m
              checkpoint: 10m
              maxPrice: 1
              retries: 3
            """;

    private static Comparison run(String yaml) {
        return Simulator.run(ScenarioReader.parse(yaml, "test"), true, SimProgress.NONE);
    }

    @Test
    void sameSeed_givesAnEqualReport() {
        Scenario s = ScenarioReader.parse(CHURNY, "test");

        Comparison first = Simulator.run(s, true, SimProgress.NONE);
        Comparison second = Simulator.run(s, true, SimProgress.NONE);

        assertThat(second).isEqualTo(first);
        assertThat(first.gridmint().run().crashes()).as("the scenario does churn").isPositive();
    }

    @Test
    void anotherSeed_givesAnotherRun() {
        Scenario s = ScenarioReader.parse(CHURNY, "test");

        assertThat(Simulator.run(s.withSeed(12), false, SimProgress.NONE).gridmint().run())
                .isNotEqualTo(Simulator.run(s, false, SimProgress.NONE).gridmint().run());
    }

    @Test
    void handMadeFailure_gridmintResumesFromTheCheckpoint_andBillsOnlyUsefulWork() {
        Comparison c = run(HAND_MADE);
        RunResult g = c.gridmint().run();

        // 0-25m on attempt 1, checkpoint at 20m; lease runs out at 25m12.5s; back at 30m; 40m left: done at 70m.
        assertThat(g.succeeded()).isEqualTo(1);
        assertThat(g.attempts()).isEqualTo(2);
        assertThat(g.lostAttempts()).isEqualTo(1);
        assertThat(g.makespanMillis()).isEqualTo(70 * 60_000);
        assertThat(c.gridmint().failureFree().makespanMillis()).isEqualTo(60 * 60_000);
        assertThat(c.gridmint().makespanRatio()).isEqualTo(70.0 / 60);
        assertThat(g.providerMillis()).isEqualTo(65 * 60_000);
        assertThat(g.usefulMillis()).isEqualTo(60 * 60_000);
        assertThat(g.goodput()).isEqualTo(60.0 / 65);
        assertThat(g.maxLostMillis()).isEqualTo(5 * 60_000).isLessThanOrEqualTo(10 * 60_000);
        // 40 minutes of the last attempt and the 20 checkpointed minutes it resumed from, at 0.60/h.
        assertThat(g.paidMicros()).isEqualTo(600_000);
        assertThat(g.pricePerUsefulHour()).isEqualTo(0.6);
    }

    @Test
    void handMadeFailure_naiveRestartsFromScratch_andBillsEveryAttempt() {
        RunResult n = run(HAND_MADE).naive().run();

        assertThat(n.makespanMillis()).isEqualTo(90 * 60_000);
        assertThat(n.providerMillis()).isEqualTo(85 * 60_000);
        assertThat(n.usefulMillis()).isEqualTo(60 * 60_000);
        assertThat(n.maxLostMillis()).isEqualTo(25 * 60_000);
        assertThat(n.paidMicros()).isEqualTo(850_000);
        assertThat(n.pricePerUsefulHour()).isEqualTo(0.85);
    }

    @Test
    void retriesExhausted_failTheTask_throughCoreTaskRules() {
        RunResult g = run(HAND_MADE.replace("retries: 3", "retries: 0")).gridmint().run();

        assertThat(g.succeeded()).isZero();
        assertThat(g.failed()).isEqualTo(1);
        assertThat(g.completion()).isZero();
        assertThat(g.paidMicros()).as("nothing resumed from the checkpoint, so nothing is billed").isZero();
    }

    @Test
    void horizonReachedFirst_leavesTasksIncomplete_andSaysSo() {
        RunResult g = run(HAND_MADE.replace("tick: 1s}", "tick: 1s, horizon: 50m}")).gridmint().run();

        assertThat(g.succeeded()).isZero();
        assertThat(g.failed()).isZero();
        assertThat(g.completion()).isZero();
        assertThat(g.makespanMillis()).isEqualTo(50 * 60_000);
    }

    @Test
    void churnyNetwork_gridmintBeatsOrEqualsTheNaiveBaseline() {
        Comparison c = run(CHURNY);
        RunResult g = c.gridmint().run();
        RunResult n = c.naive().run();

        assertThat(g.completion()).isEqualTo(1.0).isGreaterThanOrEqualTo(n.completion());
        assertThat(g.goodput()).isGreaterThanOrEqualTo(n.goodput()).isGreaterThanOrEqualTo(0.95);
        assertThat(c.gridmint().makespanRatio()).isLessThanOrEqualTo(c.naive().makespanRatio());
        assertThat(g.pricePerUsefulHour()).isLessThanOrEqualTo(n.pricePerUsefulHour());
        assertThat(g.maxLostMillis()).as("lost work per failure is at most one checkpoint interval").isLessThanOrEqualTo(5 * 60_000);
    }

    /** No failures, a tenth of the fleet ten times slow (two providers with this seed), tasks of exactly ten minutes. */
    static final String STRAGGLERS = """
            seed: 4
            providers:
              count: 20
              price: 0.2
              stragglers: {fraction: 0.1, slowdown: 10}
            jobs:
              count: 3
              tasks: 20
              duration: 10m
              maxPrice: 1
            """;

    @Test
    void stragglers_getBackupsThatWin_soTheJobEndsSoonerAndCostsLess() {
        Scenario s = ScenarioReader.parse(STRAGGLERS, "t");
        RunResult on = Simulator.run(s, false, SimProgress.NONE).gridmint().run();
        RunResult off = Simulator.run(s.withSpeculate(Scenario.Speculate.OFF), false, SimProgress.NONE).gridmint().run();

        assertThat(off.backups()).isZero();
        assertThat(on.backups()).isPositive();
        assertThat(on.backupWins()).isPositive();
        assertThat(on.completion()).isEqualTo(1.0);
        assertThat(on.makespanMillis()).isLessThan(off.makespanMillis());
        // The client pays for the winner only: the cancelled straggler's time is provider time, never billed, so a
        // useful hour costs the fast providers' ask (to the micro-credit each charge rounds up to).
        assertThat(on.pricePerUsefulHour()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.0001));
        assertThat(off.pricePerUsefulHour()).isGreaterThan(0.2);
        assertThat(on.providerMillis()).isGreaterThan(on.usefulMillis());
        assertThat(off.providerMillis()).isEqualTo(off.usefulMillis());
    }

    /** Half the fleet fails every 20 minutes on average, the other half every two days; spare capacity to choose from. */
    static final String FLAKY_HALF = """
            seed: 8
            providers:
              count: 100
              price: 0.2
              mtbf: {choice: {20m: 1, 2d: 1}}
              repair: 10m
            jobs:
              count: 10
              arrival: {every: 30m}
              tasks: 20
              duration: 30m
              checkpoint: 5m
              maxPrice: 1
              retries: 50
            """;

    @Test
    void flakyHalfOfTheFleet_reputationAndQuarantineSteerGridmintAway() {
        Comparison c = run(FLAKY_HALF);
        RunResult g = c.gridmint().run();
        RunResult n = c.naive().run();

        // Lost attempts per hour of provider time: how exposed each policy's work is to the flaky machines. At equal
        // prices only reputation (and quarantine) tells the two halves apart; random placement meets them half the time.
        double gridmintRate = g.lostAttempts() / (g.providerMillis() / 3_600_000.0);
        double naiveRate = n.lostAttempts() / (n.providerMillis() / 3_600_000.0);
        assertThat(g.completion()).isEqualTo(1.0);
        assertThat(gridmintRate).isLessThan(0.6 * naiveRate);
    }

    @Test
    void unknownCloudReference_isRejectedNamingTheEntry() {
        assertThatThrownBy(() -> run(CHURNY + "compareWith: [aws-t4-spot, gcp-tpu]\n"))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.errors()).singleElement()
                        .extracting(FieldError::field).isEqualTo("compareWith[1]"));
    }

    @Test
    void withoutBaseline_onlyGridmintRuns() {
        Comparison c = Simulator.run(ScenarioReader.parse(HAND_MADE, "t"), false, SimProgress.NONE);

        assertThat(c.naive()).isNull();
        assertThat(c.gridmint().run().succeeded()).isEqualTo(1);
    }
}

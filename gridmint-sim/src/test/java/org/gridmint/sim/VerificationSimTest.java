package org.gridmint.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.lifecycle.AttemptState;
import org.gridmint.sim.Simulation.Traced;
import org.gridmint.sim.scenario.Scenario;
import org.gridmint.sim.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;

/** Cheaters against core's verification rules in the simulator: what is caught, what slips through, and what it costs. */
class VerificationSimTest {
    /** 30 providers failing about daily, 20 jobs of 60 ten-minute tasks arriving faster than the fleet drains them. */
    static final String FLEET = """
            seed: 21
            providers:
              count: 30
              price: {uniform: [0.08, 0.25]}
              speed: {lognormal: {median: 1.0, sigma: 0.2}}
              mtbf: 24h
              repair: 10m
              cheaters: {fraction: 0.2, behaviour: always}
            jobs:
              count: 20
              arrival: {every: 15m}
              tasks: 60
              duration: {lognormal: {median: 10m, sigma: 0.5}}
              checkpoint: 5m
              maxPrice: 0.30
              retries: 20
              speculation: off
              verify: adaptive
            """;

    private static Comparison.Outcome gridmint(String yaml) {
        return Simulator.run(ScenarioReader.parse(yaml, "t"), false, SimProgress.NONE).gridmint();
    }

    @Test
    void sameSeed_withCheatersAndAdaptiveVerification_givesAnEqualReport() {
        Scenario s = ScenarioReader.parse(FLEET.replace("behaviour: always", "behaviour: intermittent, rate: 0.2, honestFirst: 12"), "t");

        Comparison first = Simulator.run(s, false, SimProgress.NONE);

        assertThat(Simulator.run(s, false, SimProgress.NONE)).isEqualTo(first);
        assertThat(first.gridmint().run().verification().wrongProduced()).as("the cheaters did cheat").isPositive();
        assertThat(Simulator.run(s.withSeed(22), false, SimProgress.NONE).gridmint().run().verification())
                .isNotEqualTo(first.gridmint().run().verification());
    }

    @Test
    void noCheaters_verifyNone_overheadIsOne_andEveryResultIsAcceptedAlone() {
        Comparison.Outcome o = gridmint(FLEET.replace("fraction: 0.2", "fraction: 0").replace("verify: adaptive", "verify: none"));
        RunResult r = o.run();

        assertThat(o.overhead()).isEqualTo(1.0);
        assertThat(r.completion()).isEqualTo(1.0);
        assertThat(r.verification().results()).isEqualTo(r.tasks());
        assertThat(r.verification().replicas()).isZero();
        assertThat(r.verification().wrongAccepted()).isZero();
        assertThat(r.verification().networkPaidMicros()).isZero();
    }

    @Test
    void noCheaters_adaptive_replicatesUntilProvidersAreTrusted_andSlashesNobody() {
        Comparison.Outcome o = gridmint(FLEET.replace("fraction: 0.2", "fraction: 0"));
        RunResult r = o.run();

        assertThat(r.completion()).isEqualTo(1.0);
        assertThat(r.verification().replicas()).as("every provider's first results are replicated").isGreaterThanOrEqualTo(30 * 10 / 2);
        assertThat(o.overhead()).isGreaterThan(1.0);
        assertThat(r.verification().slashes()).isZero();
        assertThat(r.verification().tieBreakers()).isZero();
        assertThat(r.verification().networkPaidMicros()).as("agreeing replicas are paid by the network").isPositive();
    }

    @Test
    void twentyPercentAlwaysWrongCheaters_everyCheaterIsCaught_andNoWrongResultIsAccepted() {
        Comparison c = Simulator.run(ScenarioReader.parse(FLEET, "t"), true, SimProgress.NONE);
        RunResult.Verification v = c.gridmint().run().verification();

        assertThat(v.cheaters()).isEqualTo(6);
        assertThat(v.cheatersCaught()).isEqualTo(6);
        assertThat(v.wrongProduced()).isPositive();
        assertThat(v.wrongAccepted()).isZero();
        assertThat(v.wrongCaught()).isEqualTo(v.wrongProduced());
        assertThat(v.honestSlashed()).isZero();
        assertThat(c.gridmint().run().completion()).isEqualTo(1.0);
        // Without verification every wrong result is accepted: the naive baseline, and Gridmint's own yardstick run.
        RunResult.Verification naive = c.naive().run().verification();
        assertThat(naive.wrongAccepted()).isEqualTo(naive.wrongProduced()).isPositive();
        assertThat(c.gridmint().unverified().verification().wrongAccepted()).isPositive();
    }

    @Test
    void replicas_neverRunWhereTheirTaskRanAlready_andLosingResultsEndRejected() {
        Scenario s = ScenarioReader.parse(FLEET, "t");
        List<Traced> trace = new ArrayList<>();
        new Simulation(s, new GridmintPolicy(s.jobs().speculate()), Workload.of(s), false, SimProgress.NONE).trace(trace::add).run();

        Map<TaskId, Set<ProviderId>> ranOn = new HashMap<>();
        int rejected = 0;
        for (Traced t : trace) {
            if (t.rule().equals("assign")) {
                assertThat(ranOn.computeIfAbsent(t.task().id(), k -> new HashSet<>()).add(t.attempt().provider()))
                        .as("%s assigned twice to %s", t.task().id(), t.attempt().provider()).isTrue();
            }
            if (t.rule().equals("reject")) {
                assertThat(t.attempt().state()).isEqualTo(AttemptState.REJECTED);
                rejected++;
            }
        }
        assertThat(rejected).isPositive();
    }

    @Test
    void intermittentCheaters_earnTrustThenCheat_someSlipThrough_andTheFullCheckReopensTheirWork() {
        RunResult.Verification v = gridmint(FLEET.replace("behaviour: always", "behaviour: intermittent, rate: 0.2, honestFirst: 12")).run().verification();

        assertThat(v.wrongProduced()).isPositive();
        assertThat(v.cheatersCaught()).isPositive();
        assertThat(v.reopened()).as("caught cheaters' unverified results in running jobs are checked again").isPositive();
        assertThat(v.wrongCaught()).isPositive();
        assertThat(v.honestSlashed()).isZero();
    }

    /** 20 providers, 4 of them cheaters, and too little work for anyone to earn trust: 3 jobs of 20 tasks; 2 days at most. */
    static final String YOUNG_NETWORK = FLEET.replace("count: 30", "count: 20").replace("count: 20\n  arrival: {every: 15m}", "count: 3\n  arrival: {every: 15m}")
            .replace("tasks: 60", "tasks: 20").replace("seed: 21\n", "seed: 21\nnetwork: {horizon: 2d}\n");

    @Test
    void noTrustedProviderYet_tieBreakersGoToTheMostTrusted_everyTaskEnds_andEveryCheaterIsCaught() {
        RunResult r = gridmint(YOUNG_NETWORK).run();

        // Nobody has earned trust yet: as the coordinator places them, tie-breakers go to the providers with the longest
        // runs of agreeing results instead of waiting for trust that only checks can build. An always-wrong cheater's
        // run is 0 after its first verdict, so it never breaks a tie while an honest provider has agreed once.
        assertThat(r.verification().tieBreakers()).isPositive();
        assertThat(r.completion()).isEqualTo(1.0);
        assertThat(r.verification().cheatersCaught()).isEqualTo(r.verification().cheaters()).isEqualTo(4);
        assertThat(r.verification().wrongAccepted()).isZero();
        assertThat(r.verification().honestSlashed()).isZero();
    }

    @Test
    void providersTrustedFromTheStart_takeTheTieBreakers_andEveryTaskEnds() {
        RunResult r = gridmint(YOUNG_NETWORK.replace("  cheaters:", "  trusted: 0.2\n  cheaters:")).run();

        assertThat(r.verification().tieBreakers()).isPositive();
        assertThat(r.completion()).isEqualTo(1.0);
        assertThat(r.verification().cheatersCaught()).isEqualTo(r.verification().cheaters()).isEqualTo(4);
        assertThat(r.verification().wrongAccepted()).isZero();
    }

    @Test
    void spotChecks_onTrustedProviders_catchCheaters_andTheFullCheckReopensWhatTheyHadAcceptedAlone() {
        RunResult.Verification v = gridmint(FLEET.replace("  cheaters:", "  trusted: 0.2\n  cheaters:")
                .replace("verify: adaptive", "verify: {spotCheck: 0.2}")).run().verification();

        assertThat(v.policy()).isEqualTo("spotCheck");
        assertThat(v.cheatersCaught()).isPositive();
        assertThat(v.reopened()).isPositive();
        assertThat(v.wrongCaught()).isPositive();
        // Unchecked results are accepted alone: a spot check at 20% lets some wrong ones through where no full check reaches.
        assertThat(v.wrongAccepted()).isPositive();
        assertThat(v.honestSlashed()).isZero();
    }

    @Test
    void colludingCheaters_underReplicasWithQuorumTwo_canOutvoteAnHonestProvider() {
        RunResult.Verification v = gridmint(FLEET.replace("fraction: 0.2, behaviour: always", "fraction: 0.4, behaviour: always, collude: true")
                .replace("verify: adaptive", "verify: {replicas: 3, quorum: 2}")).run().verification();

        // Colluders under accounts of their own return one wrong value per task; where two of them run a task first,
        // they are its quorum, and where they outnumber an honest result, it loses the verdict.
        assertThat(v.wrongAccepted()).isPositive();
        assertThat(v.honestSlashed()).isPositive();
    }
}

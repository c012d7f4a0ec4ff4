package org.gridmint.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.gridmint.core.spec.FieldError;
import org.junit.jupiter.api.Test;

class ScenarioReaderTest {
    static final String VALID = """
            seed: 3
            providers:
              count: 10
              price: {uniform: [0.1, 0.2]}
              mtbf: 1h
              repair: 10m
            jobs:
              count: 2
              tasks: 5
              duration: {lognormal: {median: 20m, sigma: 0.5}}
              checkpoint: 5m
              maxPrice: 0.3
            """;

    private static ScenarioException rejected(String yaml) {
        try {
            ScenarioReader.parse(yaml, "t");
        } catch (ScenarioException e) {
            return e;
        }
        throw new AssertionError("accepted: " + yaml);
    }

    @Test
    void validScenario_readsEveryFieldWithDefaults() {
        Scenario s = ScenarioReader.parse(VALID, "t");

        assertThat(s.name()).isEqualTo("t");
        assertThat(s.seed()).isEqualTo(3);
        assertThat(s.providers().failures().mtbf()).isEqualTo(new Dist.Fixed(3_600_000));
        assertThat(s.providers().failures().repair()).isEqualTo(new Dist.Fixed(600_000));
        assertThat(s.jobs().duration()).isEqualTo(new Dist.LogNormal(1_200_000, 0.5));
        assertThat(s.jobs().checkpointMillis()).isEqualTo(300_000);
        assertThat(s.jobs().maxPrice().micros()).isEqualTo(300_000);
        assertThat(s.network()).isEqualTo(Scenario.Network.DEFAULT);
    }

    @Test
    void shippedScenarios_allRead() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("../examples/scenarios"))) {
            var all = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertThat(all).hasSizeGreaterThanOrEqualTo(3);
            for (Path p : all) assertThat(ScenarioReader.read(p).providers().count()).as(p.toString()).isPositive();
        }
    }

    @Test
    void mtbfThatIsNoDuration_isRejectedNamingFieldAndValue() {
        var e = rejected(VALID.replace("mtbf: 1h", "mtbf: abc"));

        assertThat(e.errors()).containsExactly(new FieldError("providers.mtbf", "must be a duration like 1h, was \"abc\""));
        assertThat(e.getMessage()).contains("providers.mtbf: must be a duration like 1h, was \"abc\"");
    }

    @Test
    void cheatersAndVerify_readAsTheJobSpecWritesThem_andDefaultToNone() {
        Scenario plain = ScenarioReader.parse(VALID, "t");
        Scenario s = ScenarioReader.parse(VALID.replace("  repair: 10m\n", "  repair: 10m\n  cheaters: {fraction: 0.2, behaviour: intermittent, rate: 0.1}\n  trusted: 0.1\n")
                .replace("  maxPrice: 0.3\n", "  maxPrice: 0.3\n  verify: {replicas: 3}\n"), "t");

        assertThat(plain.jobs().verify()).isEqualTo(org.gridmint.core.spec.VerifySpec.NONE);
        assertThat(plain.providers().cheaters()).isEqualTo(Scenario.Cheaters.NONE);
        assertThat(plain.verifies()).isFalse();
        assertThat(s.providers().cheaters()).isEqualTo(new Scenario.Cheaters(0.2, Scenario.Cheaters.Behaviour.INTERMITTENT, 0.1, 20, false));
        assertThat(s.providers().trusted()).isEqualTo(0.1);
        assertThat(s.jobs().verify().replicas()).isEqualTo(3);
        assertThat(s.jobs().verify().quorum()).as("a majority by default").isEqualTo(2);
        assertThat(ScenarioReader.parse(VALID.replace("  maxPrice: 0.3\n", "  maxPrice: 0.3\n  verify: adaptive\n"), "t").jobs().verify())
                .isEqualTo(org.gridmint.core.spec.VerifySpec.ADAPTIVE);
    }

    @Test
    void badCheatersOrVerify_nameTheirFields() {
        var e = rejected(VALID.replace("  repair: 10m\n", "  repair: 10m\n  cheaters: {fraction: 1.5, behaviour: sometimes}\n")
                .replace("  maxPrice: 0.3\n", "  maxPrice: 0.3\n  verify: {replicas: 3, quorum: 4}\n"));

        assertThat(e.errors()).extracting(FieldError::field)
                .containsExactly("providers.cheaters.fraction", "providers.cheaters.behaviour", "jobs.verify.quorum");
        assertThat(rejected(VALID.replace("  maxPrice: 0.3\n", "  maxPrice: 0.3\n  verify: always\n")).errors())
                .extracting(FieldError::field).containsExactly("jobs.verify");
    }

    @Test
    void unknownField_isRejectedListingTheKnownOnes() {
        var e = rejected(VALID.replace("  mtbf: 1h", "  mtfb: 1h"));

        assertThat(e.errors()).extracting(FieldError::field).contains("providers.mtfb");
        assertThat(e.errors().getFirst().message()).startsWith("unknown field; expected one of cheaters, count, failAt, gpu, mtbf");
    }

    @Test
    void everyBadField_isReportedAtOnce() {
        var e = rejected(VALID.replace("count: 10", "count: 0").replace("[0.1, 0.2]", "[0.3, 0.2]").replace("maxPrice: 0.3", "maxPrice: cheap"));

        assertThat(e.errors()).extracting(FieldError::field).containsExactly("providers.count", "providers.price.uniform", "jobs.maxPrice");
        assertThat(e.errors().get(0).message()).isEqualTo("must be a whole number from 1 to 1000000, was 0");
        assertThat(e.errors().get(1).message()).isEqualTo("min must not exceed max, was [0.3, 0.2]");
    }

    @Test
    void missingRequiredFields_areNamed() {
        var e = rejected("seed: 1\nproviders: {count: 3, price: 0.1}\njobs: {count: 1, tasks: 1, maxPrice: 1}\n");

        assertThat(e.errors()).containsExactly(new FieldError("jobs.duration", "is required"));
    }

    @Test
    void failuresWithoutRepair_andScriptedFailuresWithMtbf_areRejected() {
        assertThat(rejected(VALID.replace("  repair: 10m\n", "")).errors()).containsExactly(new FieldError("providers.repair", "is required"));
        assertThat(rejected(VALID.replace("  repair: 10m", "  repair: 10m\n  failAt: [5m]")).errors())
                .containsExactly(new FieldError("providers.failAt", "cannot be combined with providers.mtbf; give one or the other"));
    }

    @Test
    void badDistributionShapes_sayWhichFormsExist() {
        var e = rejected(VALID.replace("{lognormal: {median: 20m, sigma: 0.5}}", "{normal: 20m}"));

        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.field()).isEqualTo("jobs.duration");
            assertThat(err.message()).contains("{uniform: [min, max]}").contains("was a mapping");
        });
        assertThat(rejected(VALID.replace("sigma: 0.5", "sigma: -1")).errors())
                .containsExactly(new FieldError("jobs.duration.lognormal.sigma", "must be a number from 0 to 5, was -1"));
    }

    @Test
    void notYaml_isOneClearError() {
        assertThat(rejected("seed: [1, 2\n").errors()).singleElement().satisfies(err -> assertThat(err.field()).isEqualTo("scenario"));
        assertThat(rejected("- a list\n").errors()).containsExactly(new FieldError("scenario", "must be a YAML mapping"));
    }

    @Test
    void choiceAndArrivalForms_areRead() {
        Scenario s = ScenarioReader.parse(VALID.replace("checkpoint: 5m", "checkpoint: none\n  arrival: {poisson: 2m}\n  gpu: {RTX: 3, A100: 1}")
                .replace("repair: 10m", "repair: {choice: {5m: 1, 1h: 1}}"), "t");

        assertThat(s.jobs().checkpointMillis()).isZero();
        assertThat(s.jobs().arrival()).isEqualTo(new Scenario.Arrival(Scenario.Arrival.Kind.POISSON, 120_000));
        assertThat(s.jobs().gpu().values()).containsExactly("RTX", "A100");
        assertThat(s.providers().failures().repair()).isEqualTo(new Dist.Choice(java.util.List.of(300_000.0, 3_600_000.0), java.util.List.of(1.0, 1.0)));
    }

    @Test
    void speculation_defaultsToCores_andReadsOffOrASetting() {
        assertThat(ScenarioReader.parse(VALID, "t").jobs().speculate()).isEqualTo(Scenario.Speculate.DEFAULT);
        assertThat(ScenarioReader.parse(VALID + "  speculation: off\n", "t").jobs().speculate().maxBackups()).isZero();
        assertThat(ScenarioReader.parse(VALID + "  speculation: {slowdown: 4}\n", "t").jobs().speculate()).isEqualTo(new Scenario.Speculate(4, 2));
        assertThat(ScenarioReader.parse(VALID + "  speculation: {enabled: false}\n", "t").jobs().speculate()).isEqualTo(Scenario.Speculate.OFF);
        assertThat(rejected(VALID + "  speculation: sometimes\n").errors())
                .containsExactly(new FieldError("jobs.speculation", "must be off or {slowdown: 2, maxBackups: 2}, was \"sometimes\""));
    }
}

package org.gridmint.core.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.core.CoreFixtures.draft;
import static org.gridmint.core.CoreFixtures.provider;
import static org.gridmint.core.CoreFixtures.requirements;

import java.util.Arrays;
import java.util.List;
import org.gridmint.core.ProviderFixture;
import org.gridmint.core.RandomCases;
import org.gridmint.core.RequirementsFixture;
import org.gridmint.core.money.Credits;
import org.gridmint.core.spec.JobSpecValidator;
import org.junit.jupiter.api.Test;

class ConstraintTest {

    @Test
    void failedBy_reportsEveryConstraintAProviderFails_notOnlyTheFirst() {
        var p = provider().withCpus(2).withMemoryMb(4_096).inRegion("us-east").asking("2").build();
        var cpuTask = requirements().withCpu(4).withMemoryMb(8_192).inRegions("eu-west").withMaxPrice("1").build();
        var gpuTask = requirements().withCpu(4).withMemoryMb(8_192).withGpus(1).inRegions("eu-west").withMaxPrice("1").build();

        assertThat(Arrays.stream(Constraint.values()).filter(c -> c.failedBy(p, cpuTask)))
                .containsExactly(Constraint.CPU, Constraint.MEMORY_MB, Constraint.REGIONS, Constraint.MAX_PRICE);
        assertThat(Arrays.stream(Constraint.values()).filter(c -> c.failedBy(p, gpuTask)))
                .containsExactly(Constraint.CPU, Constraint.MEMORY_MB, Constraint.GPUS, Constraint.REGIONS);
    }

    @Test
    void failedBy_maxPrice_comparesTheTasksUnitsTimesTheAskOfItsClass() {
        var p = provider().withCpus(8).withGpu("Tesla T4").withGpu("Tesla T4").asking("cpu", "0.1").asking("gpu:Tesla T4", "0.4").build();

        assertThat(Constraint.MAX_PRICE.failedBy(p, requirements().withCpu(4).withMaxPrice("0.4").build())).as("4 cores × 0.1").isFalse();
        assertThat(Constraint.MAX_PRICE.failedBy(p, requirements().withCpu(5).withMaxPrice("0.4").build())).as("5 cores × 0.1").isTrue();
        assertThat(Constraint.MAX_PRICE.failedBy(p, requirements().withGpus(2).withCpu(8).withMaxPrice("0.8").build())).as("2 GPUs × 0.4, cores free").isFalse();
        assertThat(Constraint.MAX_PRICE.failedBy(p, requirements().withGpus(2).withMaxPrice("0.79").build())).isTrue();
        assertThat(Constraint.MAX_PRICE.failedBy(p, requirements().withGpus(3).withMaxPrice("0.01").build()))
                .as("lacking GPUs fails GPUS, not the price").isFalse();
    }

    @Test
    void failedBy_minStake_comparesWhatTheProviderStakedWithTheJobsMinimum() {
        var p = provider().staking("25").build();

        assertThat(Constraint.MIN_STAKE.failedBy(p, requirements().withMinStake("25").build())).isFalse();
        assertThat(Constraint.MIN_STAKE.failedBy(p, requirements().withMinStake("25.000001").build())).isTrue();
        assertThat(Constraint.MIN_STAKE.failedBy(provider().build(), requirements().build())).as("no minimum, nothing staked").isFalse();
        assertThat(Placement.misfit(provider().staking("10").build(), requirements().withMinStake("25").build()))
                .contains("minStake: needs at least 25 staked, provider has 10");
    }

    @Test
    void failedBy_model_failsAProviderThatDoesNotServeTheJobsModel() {
        var req = requirements().withModel("all-minilm-l6-v2-q").build();

        assertThat(Constraint.MODEL.failedBy(provider().serving("all-minilm-l6-v2-q", "all-minilm-l6-v2").build(), req)).isFalse();
        assertThat(Constraint.MODEL.failedBy(provider().serving("all-minilm-l6-v2").build(), req)).isTrue();
        assertThat(Constraint.MODEL.failedBy(provider().build(), req)).isTrue();
        assertThat(Constraint.MODEL.failedBy(provider().build(), requirements().build())).as("no model asked").isFalse();
    }

    @Test
    void misfit_model_namesTheModelAndWhatTheProviderServes() {
        var req = requirements().withModel("all-minilm-l6-v2-q").build();

        assertThat(Placement.misfit(provider().serving("b-model", "a-model").build(), req))
                .contains("model: needs model all-minilm-l6-v2-q, provider serves a-model, b-model");
        assertThat(Placement.misfit(provider().build(), req)).contains("model: needs model all-minilm-l6-v2-q, provider serves none");
    }

    @Test
    void requirementsAndProviders_fromOlderConstructors_askAndServeNoModel() {
        var r = requirements().build();
        var p = provider().build();

        assertThat(new Requirements(r.resources(), r.maxPrice(), r.regions(), r.minStake()).model()).isNull();
        assertThat(new ProviderSnapshot(p.id(), p.cpus(), p.memoryMb(), p.gpus(), p.region(), p.asks(), p.slots(), p.stake()).models()).isEmpty();
        assertThat(p.withModels(java.util.Set.of("m")).withStake(Credits.parse("5")).models()).containsExactly("m");
    }

    @Test
    void requirementsAndProviders_withoutAStake_stakeNothing() {
        var old = new Requirements(requirements().build().resources(), Credits.parse("1"), List.of());
        var p = provider().build();
        var oldProvider = new ProviderSnapshot(p.id(), p.cpus(), p.memoryMb(), p.gpus(), p.region(), p.asks(), p.slots());

        assertThat(old.minStake()).isEqualTo(Credits.ZERO);
        assertThat(new Requirements(old.resources(), old.maxPrice(), old.regions(), null).minStake()).isEqualTo(Credits.ZERO);
        assertThat(oldProvider.stake()).isEqualTo(Credits.ZERO);
        assertThat(oldProvider.withStake(Credits.parse("5")).stake()).isEqualTo(Credits.parse("5"));
    }

    @Test
    void requirementsOfASpec_carryItsMinimumStake_orNoneWhenItSetsNone() {
        var staked = (JobSpecValidator.Valid) JobSpecValidator.validate(
                draft().withMinStake("25").build());
        var unstaked = (JobSpecValidator.Valid) JobSpecValidator.validate(
                draft().build());

        assertThat(Requirements.of(staked.spec()).minStake()).isEqualTo(Credits.parse("25"));
        assertThat(Requirements.of(unstaked.spec()).minStake()).isEqualTo(Credits.ZERO);
    }

    @Test
    void negativeStakes_areRefusedNamingTheField() {
        var r = requirements().build();
        var p = provider().build();

        assertThatThrownBy(() -> new Requirements(r.resources(), r.maxPrice(), r.regions(), Credits.ofMicros(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minStake");
        assertThatThrownBy(() -> p.withStake(Credits.ofMicros(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stake must be >= 0");
    }

    @Test
    void failedBy_agreesWithMisfit_whichNamesTheFirstFailingConstraint() {
        RandomCases.forEach(500, 0xC0257L, rnd -> {
            ProviderFixture p = provider().withCpus(1 + rnd.nextInt(8)).withMemoryMb(1_024L * (1 + rnd.nextInt(8)))
                    .inRegion(List.of("eu-west", "us-east").get(rnd.nextInt(2))).asking(String.valueOf(rnd.nextInt(1, 4)));
            for (int g = rnd.nextInt(3); g > 0; g--) p.withGpu(List.of("Tesla T4", "NVIDIA A100").get(rnd.nextInt(2)), 8_000L * (1 + rnd.nextInt(4)));
            RequirementsFixture r = requirements().withCpu(1 + rnd.nextInt(8)).withMemoryMb(1_024L * (1 + rnd.nextInt(8)))
                    .withMaxPrice(String.valueOf(rnd.nextInt(1, 4)));
            if (rnd.nextBoolean()) r.withGpus(rnd.nextInt(3));
            if (rnd.nextBoolean()) r.withGpuModel(List.of("t4", "a100").get(rnd.nextInt(2)));
            if (rnd.nextBoolean()) r.withMinGpuMemoryMb(8_000L * rnd.nextInt(4));
            if (rnd.nextBoolean()) r.inRegions("eu-west");
            if (rnd.nextBoolean()) r.withMinStake(String.valueOf(rnd.nextInt(3) * 10));
            if (rnd.nextBoolean()) p.staking(String.valueOf(rnd.nextInt(3) * 10));
            if (rnd.nextBoolean()) r.withModel(List.of("m1", "m2").get(rnd.nextInt(2)));
            if (rnd.nextBoolean()) p.serving(List.of("m1", "m2").get(rnd.nextInt(2)));
            return List.of(p.build(), r.build());
        }, pr -> {
            var p = (ProviderSnapshot) pr.get(0);
            var r = (Requirements) pr.get(1);
            var failed = Arrays.stream(Constraint.values()).filter(c -> c.failedBy(p, r)).toList();
            var misfit = Placement.misfit(p, r);
            assertThat(misfit.isPresent()).isEqualTo(!failed.isEmpty());
            misfit.ifPresent(m -> assertThat(m).startsWith(failed.getFirst().field() + ": "));
        });
    }
}

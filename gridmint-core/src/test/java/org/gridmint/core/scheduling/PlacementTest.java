package org.gridmint.core.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.core.CoreFixtures.provider;
import static org.gridmint.core.CoreFixtures.providerId;
import static org.gridmint.core.CoreFixtures.requirements;
import static org.gridmint.core.CoreFixtures.taskId;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementTest {

    @Test
    void misfit_whenProviderMeetsEverything_isEmpty() {
        assertThat(Placement.misfit(provider().build(), requirements().build())).isEmpty();
    }

    @Test
    void misfit_whenTooFewCpus_namesCpu() {
        assertThat(Placement.misfit(provider().withCpus(2).build(), requirements().withCpu(4).build()))
                .contains("cpu: needs 4, provider has 2");
    }

    @Test
    void misfit_whenTooLittleMemory_namesMemory() {
        assertThat(Placement.misfit(provider().withMemoryMb(4096).build(), requirements().withMemoryMb(8192).build()))
                .contains("memoryMb: needs 8192, provider has 4096");
    }

    @Test
    void misfit_whenExactlyEnoughCpuAndMemory_fits() {
        assertThat(Placement.misfit(provider().withCpus(4).withMemoryMb(8192).asking("0.25").build(),
                requirements().withCpu(4).withMemoryMb(8192).withMaxPrice("1").build())).isEmpty();
    }

    @Test
    void misfit_whenGpuNeededAndNoneOffered_namesGpus() {
        assertThat(Placement.misfit(provider().build(), requirements().withGpus(1).build()))
                .contains("gpus: needs 1, provider has 0");
    }

    @Test
    void misfit_gpuModel_matchesSubstringIgnoringCase() {
        var tesla = provider().withGpu("Tesla T4").build();

        assertThat(Placement.misfit(tesla, requirements().withGpuModel("t4").build())).isEmpty();
        assertThat(Placement.misfit(tesla, requirements().withGpuModel("TESLA").build())).isEmpty();
        assertThat(Placement.misfit(tesla, requirements().withGpuModel("A100").build()))
                .contains("gpus: needs 1 A100, provider has 0");
    }

    @Test
    void misfit_whenGpuMemoryBelowMinimum_namesGpus() {
        var p = provider().withGpu("Tesla T4", 16_000).build();

        assertThat(Placement.misfit(p, requirements().withMinGpuMemoryMb(16_000).build())).isEmpty();
        assertThat(Placement.misfit(p, requirements().withMinGpuMemoryMb(24_000).build()))
                .contains("gpus: needs 1 with >= 24000 MB, provider has 0");
    }

    @Test
    void misfit_countsOnlyGpusMatchingModelAndMemory() {
        var p = provider().withGpu("NVIDIA A100", 40_000).withGpu("NVIDIA A100", 20_000).withGpu("Tesla T4", 80_000).build();
        var r = requirements().withGpus(2).withGpuModel("a100").withMinGpuMemoryMb(40_000).build();

        assertThat(Placement.misfit(p, r)).contains("gpus: needs 2 a100 with >= 40000 MB, provider has 1");
    }

    @Test
    void misfit_whenRegionNotAllowed_namesRegions() {
        var p = provider().inRegion("us-east").build();

        assertThat(Placement.misfit(p, requirements().inRegions("eu-west", "eu-north").build()))
                .contains("regions: allows [eu-west, eu-north], provider is in us-east");
        assertThat(Placement.misfit(p, requirements().inRegions("us-east").build())).isEmpty();
        assertThat(Placement.misfit(p, requirements().build())).as("no regions means any").isEmpty();
    }

    @Test
    void misfit_whenPriceAboveCap_namesMaxPrice() {
        assertThat(Placement.misfit(provider().asking("2").build(), requirements().withMaxPrice("1.5").build()))
                .contains("maxPrice: caps at 1.5/h, provider asks 2/h for its resources");
        assertThat(Placement.misfit(provider().asking("0.5").build(), requirements().withCpu(4).withMaxPrice("1.5").build()))
                .as("4 cores at 0.5 per core-hour").contains("maxPrice: caps at 1.5/h, provider asks 2/h for its resources");
        assertThat(Placement.misfit(provider().asking("1.5").build(), requirements().withMaxPrice("1.5").build()))
                .as("a price equal to the cap fits").isEmpty();
    }

    @Test
    void choose_keepsCandidateOrderAndStopsAtMax() {
        var claimer = provider().build();
        var candidates = List.of(candidate(3), candidate(1), candidate(2));

        assertThat(Placement.choose(claimer, candidates, List.of(claimer), 2)).containsExactly(taskId(3), taskId(1));
        assertThat(Placement.choose(claimer, candidates, List.of(claimer), 10)).containsExactly(taskId(3), taskId(1), taskId(2));
        assertThat(Placement.choose(claimer, candidates, List.of(claimer), 0)).isEmpty();
    }

    @Test
    void choose_skipsCandidatesThatDoNotFit() {
        var claimer = provider().build();
        var gpuTask = new Placement.Candidate(taskId(0), requirements().withGpuModel("T4").build(), null);

        assertThat(Placement.choose(claimer, List.of(gpuTask, candidate(1)), List.of(claimer), 1)).containsExactly(taskId(1));
    }

    @Test
    void choose_whenAnotherLiveProviderFits_skipsTheProviderThatLastFailedTheTask() {
        var a = provider().named("a").build();
        var b = provider().named("b").build();
        var failedOnA = new Placement.Candidate(taskId(0), requirements().build(), providerId("a"));

        assertThat(Placement.choose(a, List.of(failedOnA, candidate(1)), List.of(a, b), 5)).containsExactly(taskId(1));
        assertThat(Placement.choose(b, List.of(failedOnA, candidate(1)), List.of(a, b), 5)).containsExactly(taskId(0), taskId(1));
    }

    @Test
    void choose_whenNoOtherLiveProviderFits_givesTaskBackToTheProviderThatFailedIt() {
        var a = provider().named("a").withGpu("Tesla T4").build();
        var b = provider().named("b").build();
        var failedOnA = new Placement.Candidate(taskId(0), requirements().withGpuModel("T4").build(), providerId("a"));

        assertThat(Placement.choose(a, List.of(failedOnA), List.of(a, b), 5)).containsExactly(taskId(0));
        assertThat(Placement.choose(a, List.of(failedOnA), List.of(a), 5)).as("alone").containsExactly(taskId(0));
    }

    private static Placement.Candidate candidate(int index) {
        return new Placement.Candidate(taskId(index), requirements().build(), null);
    }
}

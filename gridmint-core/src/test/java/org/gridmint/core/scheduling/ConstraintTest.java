package org.gridmint.core.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.core.CoreFixtures.provider;
import static org.gridmint.core.CoreFixtures.requirements;

import java.util.Arrays;
import java.util.List;
import org.gridmint.core.ProviderFixture;
import org.gridmint.core.RandomCases;
import org.gridmint.core.RequirementsFixture;
import org.junit.jupiter.api.Test;

class ConstraintTest {

    @Test
    void failedBy_reportsEveryConstraintAProviderFails_notOnlyTheFirst() {
        var p = provider().withCpus(2).withMemoryMb(4_096).inRegion("us-east").asking("2").build();
        var r = requirements().withCpu(4).withMemoryMb(8_192).withGpus(1).inRegions("eu-west").withMaxPrice("1").build();

        assertThat(Constraint.values()).allMatch(c -> c.failedBy(p, r));
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

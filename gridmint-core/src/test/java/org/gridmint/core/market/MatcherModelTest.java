package org.gridmint.core.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.core.CoreFixtures.NOW;
import static org.gridmint.core.CoreFixtures.providerId;
import static org.gridmint.core.CoreFixtures.requirements;
import static org.gridmint.core.market.MarketFixtures.provider;
import static org.gridmint.core.market.MarketFixtures.snapshot;
import static org.gridmint.core.market.MarketFixtures.task;

import java.util.List;
import java.util.Map;
import org.gridmint.core.scheduling.Constraint;
import org.junit.jupiter.api.Test;

/** An embed job's tasks go only to providers that serve its model; the others are counted and named when none does. */
class MatcherModelTest {
    private static final String MODEL = "all-minilm-l6-v2-q";

    private static Plan plan(List<MarketProviderFixture> providers, List<PendingTaskFixture> tasks) {
        return Matcher.plan(snapshot(providers, tasks), NOW);
    }

    @Test
    void plan_embedTask_goesToTheProviderServingItsModel_evenWhenDearer() {
        var cheapWithout = provider("a").asking("0.1");
        var dearWith = provider("b").asking("0.4").serving(MODEL, "all-minilm-l6-v2");
        var task = task(0).needing(requirements().withModel(MODEL).build());

        var plan = plan(List.of(cheapWithout, dearWith), List.of(task));

        assertThat(plan.assignments()).singleElement().satisfies(a -> assertThat(a.provider()).isEqualTo(providerId("b")));
        assertThat(plan.skipped(providerId("a"))).as("a does not fit, so it was not passed over").isEmpty();
    }

    @Test
    void plan_noProviderServesTheModel_countsThemUnderModel() {
        var plan = plan(List.of(provider("a"), provider("b").serving("all-minilm-l6-v2"), provider("c").withMemoryMb(512)),
                List.of(task(0).needing(requirements().withModel(MODEL).withMemoryMb(1_024).build())));

        var u = plan.unplaced().getFirst();
        assertThat(u.reason()).isEqualTo(Unplaced.Reason.NO_FIT);
        assertThat(u.failing()).containsExactly(Map.entry(Constraint.MEMORY_MB, 1), Map.entry(Constraint.MODEL, 3));
        assertThat(u.describe()).isEqualTo("no provider fits: 1 lack 1024 MB of memory, 3 do not serve model " + MODEL);
    }

    @Test
    void plan_execTask_runsOnProvidersWithOrWithoutModels() {
        var plan = plan(List.of(provider("a").serving(MODEL).asking("0.1"), provider("b").asking("0.2")), List.of(task(0), task(1)));

        assertThat(plan.assignments()).hasSize(2);
    }

    @Test
    void plan_servingProviderBusy_waitsForItInsteadOfFailingToFit() {
        var plan = plan(List.of(provider("a").serving(MODEL), provider("b")),
                List.of(task(0).needing(requirements().withModel(MODEL).build()), task(1).needing(requirements().withModel(MODEL).build())));

        assertThat(plan.assignments()).singleElement().satisfies(a -> assertThat(a.provider()).isEqualTo(providerId("a")));
        assertThat(plan.unplaced()).singleElement().extracting(Unplaced::reason).isEqualTo(Unplaced.Reason.BUSY);
    }
}

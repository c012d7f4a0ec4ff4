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
import java.util.Set;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.market.MarketSnapshot.PendingTask;
import org.gridmint.core.scheduling.Constraint;
import org.junit.jupiter.api.Test;

/**
 * Verification's limits on placement: a replica never lands on a provider that ran its task or shares an owner with one
 * (excluded), a trusted-only check lands only on the trusted (only), and a job's minimum stake is a fit constraint.
 */
class MatcherExclusionsTest {

    private static Plan plan(List<MarketProviderFixture> providers, List<PendingTaskFixture> tasks) {
        return Matcher.plan(snapshot(providers, tasks), NOW);
    }

    private static Map<TaskId, ProviderId> placed(Plan plan) {
        var out = new java.util.LinkedHashMap<TaskId, ProviderId>();
        plan.assignments().forEach(a -> out.put(a.task(), a.provider()));
        return out;
    }

    private static TaskId t(int index) {
        return task(index).build().task();
    }

    @Test
    void pendingTask_olderConstructor_excludesNobodyAndAllowsAnyone() {
        var t = new PendingTask(t(0), requirements().build(), 1_000, null);

        assertThat(t.excluded()).isEmpty();
        assertThat(t.only()).isNull();
        assertThat(t.restricted()).isFalse();
        assertThat(t.allows(providerId("a"))).isTrue();
    }

    @Test
    void pendingTask_nullExclusions_meanNone() {
        var t = new PendingTask(t(0), requirements().build(), 1_000, null, null, Set.of(providerId("a")));

        assertThat(t.excluded()).isEmpty();
        assertThat(t.allows(providerId("a"))).isTrue();
        assertThat(t.allows(providerId("b"))).isFalse();
    }

    @Test
    void plan_neverPlacesAReplicaOnAnExcludedProvider_evenTheCheapest() {
        var plan = plan(List.of(provider("a").asking("0.1"), provider("b").asking("0.5")), List.of(task(0).excluding("a")));

        assertThat(placed(plan)).containsExactly(Map.entry(t(0), providerId("b")));
    }

    @Test
    void plan_placesATrustedOnlyTaskOnlyAmongTheTrusted() {
        var plan = plan(List.of(provider("a").asking("0.1"), provider("b").asking("0.2"), provider("c").asking("0.9")),
                List.of(task(0).onlyOn("c", "x")));

        assertThat(placed(plan)).containsExactly(Map.entry(t(0), providerId("c")));
    }

    @Test
    void plan_aProviderBothAllowedAndExcluded_isExcluded() {
        var plan = plan(List.of(provider("a"), provider("b")), List.of(task(0).onlyOn("a").excluding("a")));

        assertThat(plan.assignments()).isEmpty();
        assertThat(plan.unplaced()).singleElement().extracting(Unplaced::reason).isEqualTo(Unplaced.Reason.EXCLUDED);
    }

    @Test
    void plan_aTaskWithExclusionsDoesNotKeepTheNextTaskOfItsJobFromTheProviderItSkipped() {
        // The class's cursor stands for every task with the same requirements: a replica passing over prov-a must not move it.
        var plan = plan(List.of(provider("a").asking("0.1"), provider("b").asking("0.5")), List.of(task(0).excluding("a"), task(1)));

        assertThat(placed(plan)).containsExactly(Map.entry(t(0), providerId("b")), Map.entry(t(1), providerId("a")));
    }

    @Test
    void plan_whenEveryFittingProviderIsExcluded_saysSo() {
        var task = task(0).needing(requirements().withMemoryMb(8_192).build()).excluding("a", "b");

        var plan = plan(List.of(provider("a"), provider("b"), provider("c").withMemoryMb(4_096)), List.of(task));

        var u = plan.unplaced().getFirst();
        assertThat(u.reason()).isEqualTo(Unplaced.Reason.EXCLUDED);
        assertThat(u.failing()).isEmpty();
        assertThat(u.describe()).isEqualTo("every provider that fits ran the task already, shares an owner with one that did, or is not trusted;"
                + " it waits for another");
    }

    @Test
    void plan_whenTheAllowedProvidersAreBusy_saysBusy_andWhenTheyAreUnhealthy_saysSo() {
        var busy = plan(List.of(provider("a"), provider("b").withFreeSlots(0)), List.of(task(0).excluding("a")));
        var unhealthy = plan(List.of(provider("a"), provider("b").withHealth(Health.SUSPECT, 20)), List.of(task(0).excluding("a")));

        assertThat(busy.unplaced()).singleElement().extracting(Unplaced::reason).isEqualTo(Unplaced.Reason.BUSY);
        assertThat(unhealthy.unplaced()).singleElement().extracting(Unplaced::reason).isEqualTo(Unplaced.Reason.NO_HEALTHY_FIT);
    }

    @Test
    void plan_whenNothingFitsAtAll_saysNoFitWhateverTheExclusions() {
        var task = task(0).needing(requirements().withMemoryMb(65_536).build()).excluding("a");

        var u = plan(List.of(provider("a"), provider("b")), List.of(task)).unplaced().getFirst();

        assertThat(u.reason()).isEqualTo(Unplaced.Reason.NO_FIT);
        assertThat(u.failing()).containsExactly(Map.entry(Constraint.MEMORY_MB, 2));
    }

    @Test
    void plan_aReplicaAvoidsTheProviderThatFailedIt_onlyWhileAnotherAllowedProviderFits() {
        var back = plan(List.of(provider("a"), provider("b")), List.of(task(0).excluding("a").failedOn("b")));
        var waits = plan(List.of(provider("a"), provider("b"), provider("c").withFreeSlots(0)), List.of(task(0).excluding("a").failedOn("b")));

        assertThat(placed(back)).as("prov-a fits but may not run it: back to prov-b").containsExactly(Map.entry(t(0), providerId("b")));
        assertThat(waits.assignments()).as("prov-c may run it once it has a slot").isEmpty();
        assertThat(waits.unplaced()).singleElement().extracting(Unplaced::reason).isEqualTo(Unplaced.Reason.BUSY);
    }

    @Test
    void plan_spreadsAReplicaOnlyOverProvidersItMayUse() {
        var a = provider("a").asking("0.50").withSlots(2);
        var b = provider("b").asking("0.51").withSlots(2);
        var c = provider("c").asking("0.52").withSlots(2);

        var plan = plan(List.of(a, b, c), List.of(task(0), task(1).excluding("b")));

        assertThat(placed(plan)).containsExactly(Map.entry(t(0), providerId("a")), Map.entry(t(1), providerId("c")));
        assertThat(plan.skipped(providerId("a"))).containsInstanceOf(Skip.Spread.class);
    }

    @Test
    void skipped_anExcludedProvider_isToldItMayNotRunTheTask_notThatItWasDearer() {
        var plan = plan(List.of(provider("a").asking("0.1"), provider("b").asking("0.5")), List.of(task(0).excluding("a")));

        assertThat(plan.skipped(providerId("a"))).contains(new Skip.Excluded(t(0)));
        assertThat(plan.skipped(providerId("a")).orElseThrow().text())
                .isEqualTo("not eligible for job-1/0: it ran it already, shares an owner with a provider that did, or is not trusted for it");
    }

    @Test
    void skipped_anUnhealthyExcludedProvider_isToldItIsUnhealthy() {
        var plan = plan(List.of(provider("a").quarantinedUntil(NOW.plusSeconds(60)), provider("b")), List.of(task(0).excluding("a")));

        assertThat(plan.skipped(providerId("a"))).containsInstanceOf(Skip.Unhealthy.class);
    }

    @Test
    void plan_placesOnlyOnProvidersWithTheJobsMinimumStake() {
        var task = task(0).needing(requirements().withMinStake("25").build());

        var plan = plan(List.of(provider("a").asking("0.1").staking("10"), provider("b").asking("0.5").staking("25")), List.of(task));

        assertThat(placed(plan)).containsExactly(Map.entry(t(0), providerId("b")));
        assertThat(plan.skipped(providerId("a"))).as("it does not fit: no reason to give").isEmpty();
    }

    @Test
    void plan_whenNoProviderHasStakedEnough_saysHowManyHaveLess() {
        var task = task(0).needing(requirements().withMinStake("25").withMemoryMb(32_768).build());

        var plan = plan(List.of(provider("a").staking("10"), provider("b"), provider("c").staking("30")), List.of(task));

        var u = plan.unplaced().getFirst();
        assertThat(u.reason()).isEqualTo(Unplaced.Reason.NO_FIT);
        assertThat(u.failing()).containsExactly(Map.entry(Constraint.MEMORY_MB, 3), Map.entry(Constraint.MIN_STAKE, 2));
        assertThat(u.describe()).isEqualTo("no provider fits: 3 lack 32768 MB of memory, 2 have less than 25 staked");
    }

    @Test
    void plan_withoutAMinimumStake_ignoresStakes() {
        var plan = plan(List.of(provider("a").asking("0.1"), provider("b").asking("0.5").staking("100")), List.of(task(0)));

        assertThat(placed(plan)).containsExactly(Map.entry(t(0), providerId("a")));
    }
}

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
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.money.Credits;
import org.gridmint.core.scheduling.Constraint;
import org.junit.jupiter.api.Test;

class MatcherTest {

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
    void plan_placesATaskOnTheProviderWithTheLowestExpectedCost() {
        var plan = plan(List.of(provider("a").asking("0.5"), provider("b").asking("0.3"), provider("c").asking("0.4")), List.of(task(0)));

        assertThat(placed(plan)).containsExactly(Map.entry(t(0), providerId("b")));
    }

    @Test
    void plan_anUnreliableCheapProviderLosesToAReliableSlightlyDearerOne() {
        var flaky = provider("a").asking("0.30").withReliability(0.5);
        var steady = provider("b").asking("0.35").withReliability(0.95);

        assertThat(placed(plan(List.of(flaky, steady), List.of(task(0))))).containsEntry(t(0), providerId("b"));
    }

    @Test
    void plan_aSlowCheapProviderLosesToAFastDearerOne() {
        var slow = provider("a").asking("0.3").withSpeed(2.0);
        var fast = provider("b").asking("0.5");

        assertThat(placed(plan(List.of(slow, fast), List.of(task(0))))).containsEntry(t(0), providerId("b"));
    }

    @Test
    void plan_equalExpectedCostsGoToTheSmallerProviderId() {
        var plan = plan(List.of(provider("c"), provider("a"), provider("b")), List.of(task(0)));

        assertThat(placed(plan)).containsEntry(t(0), providerId("a"));
    }

    @Test
    void plan_expectedCostIsAskTimesDurationTimesSpeedOverReliability() {
        var p = provider("a").asking("0.36").withReliability(0.9).withSpeed(1.5);

        var plan = plan(List.of(p), List.of(task(0).lasting(1_800_000)));

        // 0.36/h × 0.5 h × 1.5 ÷ 0.9
        assertThat(plan.assignments().getFirst().expectedCost()).isEqualTo(Credits.parse("0.3"));
    }

    @Test
    void plan_onlyConsidersProvidersWhoseAskIsWithinTheCap() {
        var cheapButTooDear = provider("a").asking("0.2").withReliability(0.2);
        var overCap = provider("b").asking("1.5").withReliability(0.999);
        var task = task(0).needing(requirements().withMaxPrice("1").build());

        assertThat(placed(plan(List.of(cheapButTooDear, overCap), List.of(task)))).containsEntry(t(0), providerId("a"));
    }

    @Test
    void plan_avoidsTheProviderThatFailedTheTaskLast_whileAnotherFits() {
        var plan = plan(List.of(provider("a").asking("0.1"), provider("b").asking("0.9")), List.of(task(0).failedOn("a")));

        assertThat(placed(plan)).containsEntry(t(0), providerId("b"));
        assertThat(plan.skipped(providerId("a"))).containsInstanceOf(Skip.FailedItLast.class);
        assertThat(plan.skipped(providerId("a")).orElseThrow().text()).isEqualTo("it failed job-1/0 last; another provider fits");
    }

    @Test
    void plan_givesTheTaskBackToTheProviderThatFailedIt_whenNoOtherFits() {
        var gpu = provider("a").withGpu("Tesla T4", 16_000);
        var cpuOnly = provider("b");
        var task = task(0).needing(requirements().withGpuModel("T4").build()).failedOn("a");

        assertThat(placed(plan(List.of(gpu, cpuOnly), List.of(task)))).containsEntry(t(0), providerId("a"));
    }

    @Test
    void plan_whenTheOnlyOtherFittingProviderIsBusy_theTaskWaitsRatherThanGoBack() {
        var plan = plan(List.of(provider("a"), provider("b").withFreeSlots(0)), List.of(task(0).failedOn("a")));

        assertThat(plan.assignments()).isEmpty();
        assertThat(plan.unplaced()).singleElement().extracting(Unplaced::reason).isEqualTo(Unplaced.Reason.BUSY);
    }

    @Test
    void plan_anUnhealthyAlternativeDoesNotKeepTheTaskFromGoingBack() {
        var plan = plan(List.of(provider("a"), provider("b").withHealth(Health.SUSPECT, 20)), List.of(task(0).failedOn("a")));

        assertThat(placed(plan)).containsEntry(t(0), providerId("a"));
    }

    @Test
    void plan_spreadsAJobsTasksOverProvidersWithinTheTolerance() {
        var a = provider("a").asking("0.50").withSlots(2);
        var b = provider("b").asking("0.52").withSlots(2);

        var plan = plan(List.of(a, b), List.of(task(0), task(1), task(2), task(3)));

        assertThat(plan.forProvider(providerId("a"))).containsExactly(t(0), t(2));
        assertThat(plan.forProvider(providerId("b"))).containsExactly(t(1), t(3));
    }

    @Test
    void plan_doesNotSpreadBeyondTheTolerance() {
        var a = provider("a").asking("0.50").withSlots(2);
        var b = provider("b").asking("0.53").withSlots(2);

        var plan = plan(List.of(a, b), List.of(task(0), task(1)));

        assertThat(plan.forProvider(providerId("a"))).containsExactly(t(0), t(1));
    }

    @Test
    void plan_spreadsOnlyTasksOfTheSameJob() {
        var a = provider("a").asking("0.50").withSlots(2);
        var b = provider("b").asking("0.51");

        var plan = plan(List.of(a, b), List.of(task(0).ofJob("job-x"), task(0).ofJob("job-y")));

        assertThat(plan.forProvider(providerId("a"))).hasSize(2);
    }

    @Test
    void plan_spreadPrefersTheFewestTasksOfTheJobThenTheCheapest() {
        var a = provider("a").asking("0.500").withSlots(3);
        var b = provider("b").asking("0.505").withSlots(3);
        var c = provider("c").asking("0.510").withSlots(3);

        var plan = plan(List.of(a, b, c), List.of(task(0), task(1), task(2), task(3)));

        assertThat(placed(plan).values()).containsExactly(providerId("a"), providerId("b"), providerId("c"), providerId("a"));
        assertThat(plan.skipped(providerId("a")).orElseThrow().text())
                .as("a was passed over for task 2 while b and c had fewer of the job").contains("spreading job-1");
    }

    @Test
    void plan_takesAFreeSlotPerPlacementAndNoMore() {
        var a = provider("a").asking("0.1").withSlots(3).withFreeSlots(2);
        var b = provider("b").asking("0.9").withFreeSlots(1);

        var plan = plan(List.of(a, b), List.of(task(0).ofJob("job-1"), task(0).ofJob("job-2"), task(0).ofJob("job-3"), task(0).ofJob("job-4")));

        assertThat(plan.forProvider(providerId("a"))).hasSize(2);
        assertThat(plan.forProvider(providerId("b"))).hasSize(1);
        assertThat(plan.unplaced()).singleElement().satisfies(u -> {
            assertThat(u.task().job()).isEqualTo(JobId.of("job-4"));
            assertThat(u.reason()).isEqualTo(Unplaced.Reason.BUSY);
        });
    }

    @Test
    void plan_neverPlacesOnAProviderWithNoFreeSlot() {
        var plan = plan(List.of(provider("a").asking("0.1").withFreeSlots(0), provider("b").asking("0.9")), List.of(task(0)));

        assertThat(placed(plan)).containsEntry(t(0), providerId("b"));
    }

    @Test
    void plan_noFit_countsEveryProviderUnderEachConstraintItFails() {
        var small = provider("a").withMemoryMb(8_192);
        var dear = provider("b").asking("0.30");
        var smallAndDear = provider("c").withMemoryMb(8_192).asking("0.30");
        var task = task(0).needing(requirements().withMemoryMb(16_384).withMaxPrice("0.20").build());

        var plan = plan(List.of(small, dear, smallAndDear), List.of(task));

        var u = plan.unplaced().getFirst();
        assertThat(u.reason()).isEqualTo(Unplaced.Reason.NO_FIT);
        assertThat(u.failing()).containsExactly(Map.entry(Constraint.MEMORY_MB, 2), Map.entry(Constraint.MAX_PRICE, 3));
        assertThat(u.describe()).isEqualTo("no provider fits: 2 lack 16384 MB of memory, 3 ask above the 0.2/h cap");
    }

    @Test
    void plan_noFit_namesCpuGpusAndRegions() {
        var task = task(0).needing(requirements().withCpu(16).withGpuModel("A100").inRegions("us-east").build());

        var plan = plan(List.of(provider("a").withGpu("A100", 40_000), provider("b").inRegion("us-east")), List.of(task));

        var u = plan.unplaced().getFirst();
        assertThat(u.failing()).containsExactly(Map.entry(Constraint.CPU, 2), Map.entry(Constraint.GPUS, 1), Map.entry(Constraint.REGIONS, 1));
        assertThat(u.describe()).isEqualTo("no provider fits: 2 lack 16 cpus, 1 lack 1 A100 GPU, 1 are outside us-east");
    }

    @Test
    void plan_noFit_countsUnhealthyProvidersToo() {
        var task = task(0).needing(requirements().withMemoryMb(32_768).build());

        var plan = plan(List.of(provider("a").withHealth(Health.LOST, 60)), List.of(task));

        assertThat(plan.unplaced().getFirst().failing()).containsExactly(Map.entry(Constraint.MEMORY_MB, 1));
    }

    @Test
    void plan_drainingProvider_getsNoWork_andIsToldWhy() {
        var plan = plan(List.of(provider("a").asking("0.1").withHealth(Health.DRAINING, 0), provider("b").asking("0.9")), List.of(task(0)));

        assertThat(placed(plan)).containsExactly(Map.entry(t(0), providerId("b")));
        assertThat(plan.skips().get(providerId("a")).text()).startsWith("draining:");
    }

    @Test
    void plan_whenOnlyUnhealthyProvidersFit_saysNoHealthyFit() {
        var plan = plan(List.of(provider("a").quarantinedUntil(NOW.plusSeconds(60)), provider("b").withHealth(Health.SUSPECT, 20)),
                List.of(task(0)));

        assertThat(plan.unplaced()).singleElement().satisfies(u -> {
            assertThat(u.reason()).isEqualTo(Unplaced.Reason.NO_HEALTHY_FIT);
            assertThat(u.failing()).isEmpty();
        });
    }

    @Test
    void plan_whenFittingHealthyProvidersAreAllFull_saysBusy() {
        var plan = plan(List.of(provider("a").withFreeSlots(0), provider("b").withSlots(2).withFreeSlots(0)), List.of(task(0)));

        assertThat(plan.unplaced()).singleElement().extracting(Unplaced::reason).isEqualTo(Unplaced.Reason.BUSY);
    }

    @Test
    void plan_anUnplaceableTaskDoesNotHoldUpTheTasksBehindIt() {
        var gpuTask = task(0).needing(requirements().withGpus(1).build());

        var plan = plan(List.of(provider("a")), List.of(gpuTask, task(1)));

        assertThat(placed(plan)).containsExactly(Map.entry(t(1), providerId("a")));
        assertThat(plan.unplaced()).extracting(Unplaced::task).containsExactly(t(0));
    }

    @Test
    void skipped_aDearerProvider_namesTheOneChosenAndBothExpectedCosts() {
        var plan = plan(List.of(provider("a").asking("0.45"), provider("b").asking("0.27")), List.of(task(0)));

        assertThat(plan.skipped(providerId("a")).orElseThrow().text()).isEqualTo("prov-b offered 0.3/h expected vs 0.5/h here");
        assertThat(plan.skipped(providerId("b"))).as("it got the task").isEmpty();
    }

    @Test
    void skipped_aSuspectProvider_saysHowLongItHasBeenSilent() {
        var plan = plan(List.of(provider("a").withHealth(Health.SUSPECT, 9), provider("b")), List.of(task(0)));

        assertThat(plan.skipped(providerId("a")).orElseThrow().text()).isEqualTo("suspect: no heartbeat for 9s");
    }

    @Test
    void skipped_aQuarantinedProvider_saysUntilWhen() {
        var plan = plan(List.of(provider("a").quarantinedUntil(NOW.plusSeconds(60))), List.of(task(0)));

        assertThat(plan.skipped(providerId("a")).orElseThrow().text()).isEqualTo("quarantined until 2030-01-01T00:01:00Z");
    }

    @Test
    void skipped_aFullProvider_saysItHasNoFreeSlot() {
        var plan = plan(List.of(provider("a").withFreeSlots(0), provider("b")), List.of(task(0)));

        assertThat(plan.skipped(providerId("a")).orElseThrow()).isEqualTo(new Skip.NoFreeSlot(t(0)));
    }

    @Test
    void skipped_aProviderThatFitsNoTask_hasNoReason() {
        var plan = plan(List.of(provider("a").inRegion("us-east"), provider("b")), List.of(task(0).needing(requirements().inRegions("eu-west").build())));

        assertThat(plan.skipped(providerId("a"))).isEmpty();
    }

    @Test
    void skipped_keepsOnlyTheReasonForTheLatestTask() {
        var gpu = requirements().withGpus(1).build();
        var a = provider("a").asking("0.9").withGpu("T4", 16_000);
        var b = provider("b").asking("0.1").withGpu("T4", 16_000);

        var plan = plan(List.of(a, b.withSlots(2)), List.of(task(0).needing(gpu).ofJob("job-x"), task(0).needing(gpu).ofJob("job-y")));

        assertThat(plan.skips()).containsOnlyKeys(providerId("a"));
        assertThat(plan.skipped(providerId("a")).orElseThrow().task()).isEqualTo(new TaskId(JobId.of("job-y"), 0));
    }

    @Test
    void forProvider_listsItsTasksInQueueOrder_andNothingForOthers() {
        var plan = plan(List.of(provider("a").withSlots(3), provider("b").asking("0.9")),
                List.of(task(2).ofJob("job-x"), task(0).ofJob("job-y"), task(1).ofJob("job-z")));

        assertThat(plan.forProvider(providerId("a"))).extracting(TaskId::job)
                .containsExactly(JobId.of("job-x"), JobId.of("job-y"), JobId.of("job-z"));
        assertThat(plan.forProvider(providerId("b"))).isEmpty();
        assertThat(plan.forProvider(providerId("nobody"))).isEmpty();
    }

    @Test
    void plan_withNoTasks_isEmpty() {
        var plan = plan(List.of(provider("a")), List.of());

        assertThat(plan.assignments()).isEmpty();
        assertThat(plan.unplaced()).isEmpty();
        assertThat(plan.skips()).isEmpty();
    }

    @Test
    void plan_withNoProviders_saysNoFitWithNoCounts() {
        var plan = plan(List.of(), List.of(task(0)));

        assertThat(plan.unplaced()).singleElement().satisfies(u -> {
            assertThat(u.reason()).isEqualTo(Unplaced.Reason.NO_FIT);
            assertThat(u.failing()).isEmpty();
            assertThat(u.describe()).isEqualTo("no provider fits: there are none");
        });
    }
}

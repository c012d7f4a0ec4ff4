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
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.money.Credits;
import org.gridmint.core.scheduling.Constraint;
import org.junit.jupiter.api.Test;

/** The matcher prices each task at the provider's ask for the resource class it uses, times how many units it takes. */
class MatcherAsksTest {

    private static Plan plan(List<MarketProviderFixture> providers, List<PendingTaskFixture> tasks) {
        return Matcher.plan(snapshot(providers, tasks), NOW);
    }

    private static Map<TaskId, ProviderId> placed(Plan plan) {
        var out = new java.util.LinkedHashMap<TaskId, ProviderId>();
        plan.assignments().forEach(a -> out.put(a.task(), a.provider()));
        return out;
    }

    private static TaskId t(String job, int index) {
        return task(index).ofJob(job).build().task();
    }

    @Test
    void plan_ranksCpuTasksByTheCpuAsk_andGpuTasksByTheGpuAsk() {
        // a: cheap cores, dear GPU; b: the other way round. Both have a T4 and 8 cores.
        var a = provider("a").withGpu("Tesla T4", 16_000).asking("cpu", "0.01").asking("gpu:Tesla T4", "0.90").withSlots(2);
        var b = provider("b").withGpu("Tesla T4", 16_000).asking("cpu", "0.05").asking("gpu:Tesla T4", "0.30").withSlots(2);
        var cpuTask = task(0).ofJob("job-cpu").needing(requirements().withCpu(2).build());
        var gpuTask = task(0).ofJob("job-gpu").needing(requirements().withGpuModel("T4").build());

        var plan = plan(List.of(a, b), List.of(cpuTask, gpuTask));

        assertThat(placed(plan)).containsEntry(t("job-cpu", 0), providerId("a")).containsEntry(t("job-gpu", 0), providerId("b"));
    }

    @Test
    void plan_expectedCostIsUnitsTimesTheClassAsk() {
        var p = provider("a").withCpus(8).asking("cpu", "0.02").withReliability(0.8);
        var gpu = provider("g").withGpu("Tesla T4", 16_000).withGpu("Tesla T4", 16_000).asking("gpu:Tesla T4", "0.3").withReliability(0.5);

        var cpuPlan = plan(List.of(p), List.of(task(0).needing(requirements().withCpu(4).build()).lasting(3_600_000)));
        var gpuPlan = plan(List.of(gpu), List.of(task(0).needing(requirements().withGpus(2).build()).lasting(1_800_000)));

        // 4 cores × 0.02/h × 1 h ÷ 0.8, and 2 GPUs × 0.3/h × 0.5 h ÷ 0.5
        assertThat(cpuPlan.assignments().getFirst().expectedCost()).isEqualTo(Credits.parse("0.1"));
        assertThat(gpuPlan.assignments().getFirst().expectedCost()).isEqualTo(Credits.parse("0.6"));
    }

    @Test
    void plan_capsTheTasksPrice_notTheAskAlone() {
        // 4 cores at 0.3 is 1.2/h: over a cap of 1 although the ask per core is far below it.
        var dearCores = provider("a").asking("cpu", "0.3").withReliability(0.999);
        var cheapCores = provider("b").asking("cpu", "0.2").withReliability(0.2);
        var task = task(0).needing(requirements().withCpu(4).withMaxPrice("1").build());

        var plan = plan(List.of(dearCores, cheapCores), List.of(task));

        assertThat(placed(plan)).containsEntry(task.build().task(), providerId("b"));
    }

    @Test
    void plan_whenEveryProviderAsksTooMuchForTheTasksUnits_countsThemUnderMaxPrice() {
        var a = provider("a").asking("cpu", "0.3");
        var b = provider("b").asking("cpu", "0.26");
        var c = provider("c").withCpus(2).asking("cpu", "0.01");
        var task = task(0).needing(requirements().withCpu(4).withMaxPrice("1").build());

        var u = plan(List.of(a, b, c), List.of(task)).unplaced().getFirst();

        assertThat(u.reason()).isEqualTo(Unplaced.Reason.NO_FIT);
        assertThat(u.failing()).containsExactly(Map.entry(Constraint.CPU, 1), Map.entry(Constraint.MAX_PRICE, 2));
    }

    @Test
    void plan_gpuTaskOnAProviderWithoutTheModel_failsGpusOnly_notAlsoThePrice() {
        var t4 = provider("a").withGpu("Tesla T4", 16_000).asking("gpu:Tesla T4", "5");
        var task = task(0).needing(requirements().withGpuModel("A100").withMaxPrice("1").build());

        var u = plan(List.of(t4), List.of(task)).unplaced().getFirst();

        assertThat(u.failing()).containsExactly(Map.entry(Constraint.GPUS, 1));
    }

    @Test
    void plan_aGpuTaskPaysTheDearestAskAmongTheGpusThatMatchIt() {
        // Either GPU may be the one it gets, so the mixed provider quotes its dearer matching GPU (0.8) and loses to c (0.5).
        var mixed = provider("a").withGpu("NVIDIA A100", 40_000).withGpu("NVIDIA A100 80GB", 80_000)
                .asking("gpu:NVIDIA A100", "0.4").asking("gpu:NVIDIA A100 80GB", "0.8");
        var c = provider("c").withGpu("NVIDIA A100", 40_000).asking("gpu:NVIDIA A100", "0.5");
        var any = task(0).ofJob("job-any").needing(requirements().withGpuModel("A100").build());
        var big = task(0).ofJob("job-big").needing(requirements().withGpuModel("A100").withMinGpuMemoryMb(80_000).build());

        assertThat(placed(plan(List.of(mixed, c), List.of(any)))).containsEntry(t("job-any", 0), providerId("c"));
        assertThat(placed(plan(List.of(mixed, c), List.of(big)))).containsEntry(t("job-big", 0), providerId("a"));
    }

    @Test
    void plan_aSlotTakenByAGpuTask_isGoneForTheCpuTasksRankingToo() {
        var shared = provider("a").withGpu("Tesla T4", 16_000).asking("cpu", "0.01").asking("gpu:Tesla T4", "0.1");
        var other = provider("b").asking("cpu", "0.05");
        var gpuTask = task(0).ofJob("job-gpu").needing(requirements().withGpus(1).build());
        var cpuTask = task(0).ofJob("job-cpu").needing(requirements().build());

        var plan = plan(List.of(shared, other), List.of(gpuTask, cpuTask));

        assertThat(placed(plan)).containsEntry(t("job-gpu", 0), providerId("a")).containsEntry(t("job-cpu", 0), providerId("b"));
        assertThat(plan.skipped(providerId("a"))).containsInstanceOf(Skip.NoFreeSlot.class);
    }

    @Test
    void plan_dearerSkip_comparesTheTasksPrices() {
        var cheap = provider("a").asking("cpu", "0.1").withReliability(0.5);
        var dear = provider("b").asking("cpu", "0.2").withReliability(0.5);
        var task = task(0).needing(requirements().withCpu(4).build());

        var skip = plan(List.of(cheap, dear), List.of(task)).skipped(providerId("b")).orElseThrow();

        assertThat(skip.text()).isEqualTo("prov-a offered 0.8/h expected vs 1.6/h here");
    }
}

package org.gridmint.core.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridmint.core.CoreFixtures.NOW;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.gridmint.core.RandomCases;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.market.MarketSnapshot.PendingTask;
import org.gridmint.core.market.MarketSnapshot.Provider;
import org.gridmint.core.money.Credits;
import org.gridmint.core.scheduling.Asks;
import org.gridmint.core.scheduling.Constraint;
import org.gridmint.core.scheduling.Placement;
import org.gridmint.core.scheduling.ProviderSnapshot;
import org.gridmint.core.scheduling.Requirements;
import org.gridmint.core.spec.Resources;
import org.junit.jupiter.api.Test;

/**
 * Random markets planned by {@link Matcher}, checked against a slow model that replays the plan task by task: each
 * placement fits, is healthy, has a slot and is the cheapest candidate up to the spread rule; each unplaced task had no
 * candidate and the right reason and counts; and the plan does not depend on the order providers are listed in. Some
 * providers have staked and some jobs ask a minimum stake; some tasks exclude providers or allow only some (replicas and
 * trusted-only checks), which the model honours as one more filter on the candidates.
 */
class MatcherPropertiesTest {
    private static final int CASES = 400;
    private static final List<String> REGIONS = List.of("eu-west", "us-east", "ap-south");
    private static final List<ProviderSnapshot.Gpu> GPUS = List.of(new ProviderSnapshot.Gpu("Tesla T4", 16_000),
            new ProviderSnapshot.Gpu("NVIDIA A10G", 24_000), new ProviderSnapshot.Gpu("NVIDIA A100", 40_000),
            new ProviderSnapshot.Gpu("NVIDIA A100", 80_000));

    static MarketSnapshot market(RandomGenerator r) {
        int providers = r.nextInt(31);
        List<Provider> ps = new ArrayList<>();
        for (int i = 0; i < providers; i++) ps.add(provider(r, i));
        int jobs = 1 + r.nextInt(5);
        List<Requirements> shapes = new ArrayList<>();
        for (int j = 0; j < jobs; j++) shapes.add(requirements(r));
        int tasks = r.nextInt(41);
        List<PendingTask> ts = new ArrayList<>();
        int[] next = new int[jobs];
        for (int i = 0; i < tasks; i++) {
            int j = r.nextInt(jobs);
            var failed = providers > 0 && r.nextInt(4) == 0 ? ps.get(r.nextInt(providers)).id() : null;
            var excluded = providers > 0 && r.nextInt(4) == 0 ? someOf(r, ps, 1 + r.nextInt(3)) : Set.<ProviderId>of();
            var only = providers > 0 && r.nextInt(8) == 0 ? someOf(r, ps, 1 + r.nextInt(4)) : null;
            ts.add(new PendingTask(new TaskId(JobId.of("job-" + j), next[j]++), shapes.get(j), r.nextLong(1, 7_200_000), failed, excluded, only));
        }
        return new MarketSnapshot(ps, ts);
    }

    private static Set<ProviderId> someOf(RandomGenerator r, List<Provider> ps, int n) {
        Set<ProviderId> out = new HashSet<>();
        for (int k = 0; k < n; k++) out.add(ps.get(r.nextInt(ps.size())).id());
        return out;
    }

    /** What providers serve: mostly nothing (exec-only machines), some one embedding model, some both. */
    private static final List<java.util.Set<String>> MODELS = List.of(java.util.Set.of(), java.util.Set.of(), java.util.Set.of("m1"),
            java.util.Set.of("m1", "m2"));

    private static Provider provider(RandomGenerator r, int i) {
        List<ProviderSnapshot.Gpu> gpus = new ArrayList<>();
        if (r.nextInt(3) == 0) {
            var g = GPUS.get(r.nextInt(GPUS.size()));
            for (int k = 1 + r.nextInt(2); k > 0; k--) gpus.add(g);
        }
        int slots = 1 + r.nextInt(4);
        // Few distinct asks and reputations, so that equal expected costs, and the ties between them, are common.
        // Some providers ask differently per class, so that a provider's rank differs between CPU and GPU tasks.
        var asks = new java.util.LinkedHashMap<String, Credits>();
        asks.put(Asks.CPU, ask(r));
        for (var g : gpus) asks.put(Asks.gpuClass(g.model()), r.nextBoolean() ? asks.get(Asks.CPU) : ask(r));
        var offer = new ProviderSnapshot(ProviderId.of("prov-" + i), 1 << r.nextInt(5), 4_096L << r.nextInt(4), gpus,
                REGIONS.get(r.nextInt(REGIONS.size())), new Asks(asks), slots,
                r.nextInt(3) == 0 ? Credits.parse(List.of("5", "10", "25", "50").get(r.nextInt(4))) : Credits.ZERO,
                MODELS.get(r.nextInt(MODELS.size())));
        double reliability = List.of(0.5, 0.8, 0.9, 0.99).get(r.nextInt(4));
        double speed = List.of(0.8, 1.0, 1.0, 1.5).get(r.nextInt(4));
        Health health = r.nextInt(5) > 0 ? Health.HEALTHY : Health.values()[r.nextInt(Health.values().length)];
        return new Provider(offer, r.nextInt(slots + 1), new Reputation(reliability, speed, 5), health, NOW.minusSeconds(r.nextInt(60)),
                health == Health.QUARANTINED ? NOW.plusSeconds(60) : null);
    }

    private static Credits ask(RandomGenerator r) {
        return Credits.ofMicros(50_000L * (1 + r.nextInt(10)) + (r.nextBoolean() ? 0 : r.nextInt(30_000)));
    }

    private static Requirements requirements(RandomGenerator r) {
        int gpus = r.nextInt(3) == 0 ? 1 + r.nextInt(2) : 0;
        String model = gpus > 0 && r.nextBoolean() ? List.of("T4", "A10G", "a100").get(r.nextInt(3)) : null;
        long gpuMemory = gpus > 0 && r.nextBoolean() ? 20_000 : 0;
        List<String> regions = r.nextInt(3) == 0 ? List.of(REGIONS.get(r.nextInt(REGIONS.size()))) : List.of();
        Credits minStake = r.nextInt(4) == 0 ? Credits.parse(r.nextBoolean() ? "10" : "25") : Credits.ZERO;
        return new Requirements(new Resources(1 << r.nextInt(4), 2_048L << r.nextInt(4), gpus, model, gpuMemory),
                Credits.ofMicros(100_000L * (2 + r.nextInt(10))), regions, minStake, r.nextInt(4) == 0 ? (r.nextBoolean() ? "m1" : "m2") : null);
    }

    /** The model's expected cost per hour of one task with {@code req} on {@code p}: units × unit ask × speed ÷ reliability. */
    private static double perHour(Provider p, Requirements req) {
        var res = req.resources();
        long unit = res.gpus() == 0 ? p.offer().asks().cpu().micros() : p.offer().perGpuMicros(res);
        // In the matcher's order of operations, so that a ceiling of the cost cannot land a micro-credit apart.
        return unit * (p.reputation().speed() / p.reputation().reliability()) * (res.gpus() == 0 ? res.cpu() : res.gpus());
    }

    private static boolean fits(Provider p, Requirements r) {
        return Placement.misfit(p.offer(), r).isEmpty();
    }

    @Test
    void plan_matchesTheModelTaskByTask() {
        Map<Unplaced.Reason, Integer> reasons = new EnumMap<>(Unplaced.Reason.class);
        int[] restrictedPlaced = {0};
        RandomCases.forEach(CASES, 0x6D61726B6574L, MatcherPropertiesTest::market, s -> {
            Plan plan = Matcher.plan(s, NOW);
            Map<ProviderId, Provider> byId = new HashMap<>();
            s.providers().forEach(p -> byId.put(p.id(), p));
            Map<ProviderId, Integer> free = new HashMap<>();
            s.providers().forEach(p -> free.put(p.id(), p.freeSlots()));
            Map<JobId, Map<ProviderId, Integer>> load = new HashMap<>();
            var assigned = new ArrayList<>(plan.assignments());
            var unplaced = new ArrayList<>(plan.unplaced());

            for (PendingTask t : s.tasks()) {
                Requirements req = t.requirements();
                List<Provider> allowedFitting = s.providers().stream().filter(p -> fits(p, req) && t.allows(p.id())).toList();
                List<Provider> healthyFitting = allowedFitting.stream().filter(p -> p.health() == Health.HEALTHY).toList();
                boolean avoid = t.lastFailedProvider() != null && healthyFitting.stream().anyMatch(p -> !p.id().equals(t.lastFailedProvider()))
                        && healthyFitting.stream().anyMatch(p -> p.id().equals(t.lastFailedProvider()));
                List<Provider> candidates = healthyFitting.stream()
                        .filter(p -> free.get(p.id()) > 0 && !(avoid && p.id().equals(t.lastFailedProvider()))).toList();

                if (!assigned.isEmpty() && assigned.getFirst().task().equals(t.task())) {
                    Assignment a = assigned.removeFirst();
                    Provider p = byId.get(a.provider());
                    assertThat(candidates).as("placed %s on a healthy, fitting provider with a slot", t.task()).contains(p);
                    double min = candidates.stream().mapToDouble(c -> perHour(c, req)).min().orElseThrow();
                    assertThat(perHour(p, req)).as("within the spread tolerance of the cheapest").isLessThanOrEqualTo(min * (1 + Matcher.SPREAD_TOLERANCE));
                    var jobLoad = load.computeIfAbsent(t.task().job(), j -> new HashMap<>());
                    Provider expected = candidates.stream().filter(c -> perHour(c, req) <= min * (1 + Matcher.SPREAD_TOLERANCE))
                            .min((x, y) -> {
                                int c = Integer.compare(jobLoad.getOrDefault(x.id(), 0), jobLoad.getOrDefault(y.id(), 0));
                                if (c != 0) return c;
                                c = Double.compare(perHour(x, req), perHour(y, req));
                                return c != 0 ? c : x.id().compareTo(y.id());
                            }).orElseThrow();
                    assertThat(p.id()).as("fewest of the job's tasks within the tolerance, then cheapest, then smallest id").isEqualTo(expected.id());
                    assertThat(a.expectedCost().micros()).isEqualTo((long) Math.ceil(perHour(p, req) * t.expectedMillis() / 3_600_000.0));
                    if (t.restricted()) restrictedPlaced[0]++;
                    free.merge(p.id(), -1, Integer::sum);
                    jobLoad.merge(p.id(), 1, Integer::sum);
                } else {
                    assertThat(unplaced).as("%s is either placed or unplaced, in queue order", t.task()).isNotEmpty();
                    Unplaced u = unplaced.removeFirst();
                    assertThat(u.task()).isEqualTo(t.task());
                    assertThat(candidates).as("left %s pending with a candidate", t.task()).isEmpty();
                    boolean anyFits = s.providers().stream().anyMatch(p -> fits(p, req));
                    var reason = !anyFits ? Unplaced.Reason.NO_FIT : allowedFitting.isEmpty() ? Unplaced.Reason.EXCLUDED
                            : healthyFitting.isEmpty() ? Unplaced.Reason.NO_HEALTHY_FIT : Unplaced.Reason.BUSY;
                    if (!t.restricted()) assertThat(reason).as("only a task with exclusions waits for want of an allowed provider").isNotEqualTo(Unplaced.Reason.EXCLUDED);
                    assertThat(u.reason()).isEqualTo(reason);
                    reasons.merge(reason, 1, Integer::sum);
                    assertThat(u.failing()).isEqualTo(reason == Unplaced.Reason.NO_FIT ? failing(s, req) : Map.of());
                }
            }
            assertThat(assigned).as("assignments for tasks not in the queue").isEmpty();
            assertThat(unplaced).as("unplaced tasks not in the queue").isEmpty();
            assertThat(free.values()).as("no provider over its free slots").allMatch(f -> f >= 0);
        });
        assertThat(reasons).as("every reason seen").containsOnlyKeys(Unplaced.Reason.values());
        assertThat(restrictedPlaced[0]).as("tasks with exclusions placed").isGreaterThan(CASES / 2);
    }

    private static Map<Constraint, Integer> failing(MarketSnapshot s, Requirements r) {
        var out = new EnumMap<Constraint, Integer>(Constraint.class);
        for (Provider p : s.providers()) {
            for (Constraint c : Constraint.values()) if (c.failedBy(p.offer(), r)) out.merge(c, 1, Integer::sum);
        }
        return out;
    }

    @Test
    void plan_skipsNameATaskTheProviderFitsAndDidNotGet_andWhoGotIt() {
        int[] excludedSkips = {0};
        RandomCases.forEach(CASES, 0x736B6970L, MatcherPropertiesTest::market, s -> {
            Plan plan = Matcher.plan(s, NOW);
            Map<TaskId, PendingTask> tasks = new HashMap<>();
            s.tasks().forEach(t -> tasks.put(t.task(), t));
            Map<ProviderId, Provider> byId = new HashMap<>();
            s.providers().forEach(p -> byId.put(p.id(), p));
            plan.skips().forEach((id, skip) -> {
                assertThat(fits(byId.get(id), tasks.get(skip.task()).requirements())).as("%s fits %s", id, skip.task()).isTrue();
                assertThat(plan.forProvider(id)).as("%s did not get %s", id, skip.task()).doesNotContain(skip.task());
                assertThat(skip.text()).isNotBlank();
                if (byId.get(id).health() != Health.HEALTHY) assertThat(skip).isInstanceOf(Skip.Unhealthy.class);
                // Only an exclusion is blamed on one: a provider that the task may not use is never called dearer or busy.
                boolean allowed = tasks.get(skip.task()).allows(id);
                if (skip instanceof Skip.Excluded) {
                    assertThat(allowed).as("%s is excluded from %s", id, skip.task()).isFalse();
                    excludedSkips[0]++;
                }
                else if (!(skip instanceof Skip.Unhealthy)) assertThat(allowed).as("%s may run %s: %s", id, skip.task(), skip).isTrue();
                if (skip instanceof Skip.Dearer d) {
                    assertThat(plan.forProvider(d.chosen())).contains(d.task());
                    assertThat(d.chosenMicrosPerHour()).isLessThanOrEqualTo(d.hereMicrosPerHour());
                }
                if (skip instanceof Skip.Spread sp) assertThat(plan.forProvider(sp.chosen())).contains(sp.task());
            });
        });
        assertThat(excludedSkips[0]).as("providers told a task excluded them").isGreaterThan(CASES / 20);
    }

    @Test
    void plan_placesEachTaskAtMostOnceAndAccountsForEveryTask() {
        RandomCases.forEach(CASES, 0x6F6E6365L, MatcherPropertiesTest::market, s -> {
            Plan plan = Matcher.plan(s, NOW);
            var seen = new HashSet<TaskId>();
            plan.assignments().forEach(a -> assertThat(seen.add(a.task())).as("%s placed once", a.task()).isTrue());
            plan.unplaced().forEach(u -> assertThat(seen.add(u.task())).as("%s placed or unplaced, not both", u.task()).isTrue());
            assertThat(seen).hasSize(s.tasks().size());
            s.providers().forEach(p -> assertThat(plan.forProvider(p.id()).size()).isLessThanOrEqualTo(p.freeSlots()));
        });
    }

    @Test
    void plan_isDeterministicAndIndependentOfTheOrderProvidersAreListedIn() {
        RandomCases.forEach(CASES, 0x64657465726DL, r -> {
            MarketSnapshot s = market(r);
            var shuffled = new ArrayList<>(s.providers());
            Collections.shuffle(shuffled, new java.util.Random(r.nextLong()));
            return List.of(s, new MarketSnapshot(shuffled, s.tasks()));
        }, pair -> {
            Plan plan = Matcher.plan(pair.getFirst(), NOW);
            assertThat(Matcher.plan(pair.getFirst(), NOW)).isEqualTo(plan);
            assertThat(Matcher.plan(pair.getLast(), NOW)).isEqualTo(plan);
        });
    }
}

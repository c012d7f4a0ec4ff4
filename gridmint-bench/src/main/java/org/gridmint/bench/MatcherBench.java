package org.gridmint.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.ids.TaskId;
import org.gridmint.core.market.Health;
import org.gridmint.core.market.MarketSnapshot;
import org.gridmint.core.market.Matcher;
import org.gridmint.core.market.Plan;
import org.gridmint.core.market.Reputation;
import org.gridmint.core.market.Unplaced;
import org.gridmint.core.money.Credits;
import org.gridmint.core.scheduling.Asks;
import org.gridmint.core.scheduling.ProviderSnapshot;
import org.gridmint.core.scheduling.Requirements;
import org.gridmint.core.spec.Resources;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Placements per second of the market's {@link Matcher}: one plan of 1,000 pending tasks (50 jobs of 1 to 40 tasks,
 * CPU-only and GPU, some with a region or a tight price cap, a few retried) over 10,000 providers (CPU-only machines of
 * several sizes, and T4, A10G, RTX 4090, A100 and H100 machines, in five regions, most healthy, with varied asks per
 * core-hour and per GPU-hour, slots, reliability and speed). A score counts every task the plan decides, placed or
 * not; the setup prints how many it places. The snapshot is fixed by a seed, and each invocation plans it from
 * scratch, ranking included.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MatcherBench {
    static final int PROVIDERS = 10_000;
    static final int TASKS = 1_000;
    private static final List<String> REGIONS = List.of("eu-west", "eu-north", "us-east", "us-west", "ap-south");
    private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");

    private record GpuOffer(String model, long memoryMb, long minAskMicros, long maxAskMicros) {}

    private static final List<GpuOffer> GPUS = List.of(
            new GpuOffer("Tesla T4", 16_384, 100_000, 400_000),
            new GpuOffer("NVIDIA A10G", 24_576, 300_000, 900_000),
            new GpuOffer("NVIDIA GeForce RTX 4090", 24_576, 250_000, 700_000),
            new GpuOffer("NVIDIA A100", 40_960, 800_000, 2_000_000),
            new GpuOffer("NVIDIA A100", 81_920, 1_200_000, 3_000_000),
            new GpuOffer("NVIDIA H100", 81_920, 2_000_000, 4_500_000));

    private MarketSnapshot snapshot;

    @Setup(Level.Trial)
    public void setUp() {
        var rnd = new SplittableRandom(42);
        List<MarketSnapshot.Provider> providers = new ArrayList<>(PROVIDERS);
        for (int i = 0; i < PROVIDERS; i++) providers.add(provider(rnd, i));
        List<MarketSnapshot.PendingTask> tasks = new ArrayList<>(TASKS);
        for (int j = 0; tasks.size() < TASKS; j++) {
            Requirements r = requirements(rnd);
            long millis = 60_000L * rnd.nextInt(1, 120);
            int size = Math.min(rnd.nextInt(1, 41), TASKS - tasks.size());
            for (int t = 0; t < size; t++) {
                ProviderId failed = rnd.nextInt(20) == 0 ? providers.get(rnd.nextInt(PROVIDERS)).id() : null;
                tasks.add(new MarketSnapshot.PendingTask(new TaskId(JobId.of("job-" + j), t), r, millis, failed));
            }
        }
        snapshot = new MarketSnapshot(providers, tasks);
        Plan p = Matcher.plan(snapshot, NOW);
        long busy = p.unplaced().stream().filter(u -> u.reason() == Unplaced.Reason.BUSY).count();
        System.out.printf("%nMatcherBench: %d providers, %d tasks: %d placed, %d busy, %d with no (healthy) fit, %d skip reasons%n",
                PROVIDERS, TASKS, p.assignments().size(), busy, p.unplaced().size() - busy, p.skips().size());
    }

    private static MarketSnapshot.Provider provider(SplittableRandom rnd, int i) {
        List<ProviderSnapshot.Gpu> gpus = new ArrayList<>();
        var asks = new LinkedHashMap<String, Credits>();
        int cpus;
        long memoryMb;
        if (rnd.nextInt(5) == 0) {
            GpuOffer g = GPUS.get(rnd.nextInt(GPUS.size()));
            int count = List.of(1, 1, 1, 2, 4, 8).get(rnd.nextInt(6));
            for (int k = 0; k < count; k++) gpus.add(new ProviderSnapshot.Gpu(g.model(), g.memoryMb()));
            asks.put(Asks.CPU, Credits.ofMicros(rnd.nextLong(5_000, 25_000)));
            asks.put(Asks.gpuClass(g.model()), Credits.ofMicros(rnd.nextLong(g.minAskMicros(), g.maxAskMicros() + 1)));
            cpus = 8 * count;
            memoryMb = 32_768L * count;
        } else {
            cpus = 1 << rnd.nextInt(1, 7);
            memoryMb = 2_048L * cpus * (1 + rnd.nextInt(2));
            asks.put(Asks.CPU, Credits.ofMicros(rnd.nextLong(5_000, 25_000)));
        }
        int slots = rnd.nextInt(1, 5);
        var offer = new ProviderSnapshot(ProviderId.of("prov-" + i), cpus, memoryMb, gpus, REGIONS.get(rnd.nextInt(REGIONS.size())),
                new Asks(asks), slots);
        int h = rnd.nextInt(100);
        Health health = h < 90 ? Health.HEALTHY : h < 95 ? Health.SUSPECT : h < 98 ? Health.QUARANTINED : Health.LOST;
        var reputation = new Reputation(0.5 + 0.499 * rnd.nextDouble(), 0.7 + 0.8 * rnd.nextDouble(), rnd.nextInt(200));
        return new MarketSnapshot.Provider(offer, rnd.nextInt(slots + 1), reputation, health, NOW.minusSeconds(rnd.nextInt(30)),
                health == Health.QUARANTINED ? NOW.plusSeconds(300) : null);
    }

    private static Requirements requirements(SplittableRandom rnd) {
        List<String> regions = rnd.nextInt(4) == 0 ? List.of(REGIONS.get(rnd.nextInt(REGIONS.size()))) : List.of();
        if (rnd.nextInt(3) == 0) {
            String model = List.of("T4", "A10G", "4090", "A100", "H100").get(rnd.nextInt(5));
            int gpus = rnd.nextInt(4) == 0 ? 2 : 1;
            long minMemory = model.equals("A100") && rnd.nextBoolean() ? 80_000 : 0;
            return new Requirements(new Resources(4, 16_384, gpus, model, minMemory), Credits.ofMicros(gpus * rnd.nextLong(500_000, 5_000_000)), regions);
        }
        int cpu = 1 << rnd.nextInt(0, 5);
        return new Requirements(new Resources(cpu, 1_024L * cpu * (1 + rnd.nextInt(4)), 0, null, 0),
                Credits.ofMicros(cpu * rnd.nextLong(8_000, 40_000)), regions);
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public Plan plan() {
        return Matcher.plan(snapshot, NOW);
    }
}

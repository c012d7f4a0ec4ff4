package org.gridmint.core.scheduling;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.money.Credits;
import org.gridmint.core.spec.Resources;

/**
 * What placement knows of a provider: what it offers, where, its ask per resource class, and what it has staked.
 *
 * @param stake what it has staked (unbonding included: it is still at stake), which a job's minimum stake asks of it
 * @param models the models it serves (for embed jobs); empty when none
 */
public record ProviderSnapshot(ProviderId id, int cpus, long memoryMb, List<Gpu> gpus, String region, Asks asks, int slots, Credits stake,
                               Set<String> models) {
    public ProviderSnapshot {
        gpus = List.copyOf(gpus);
        models = models == null ? Set.of() : Set.copyOf(models);
        if (stake == null) stake = Credits.ZERO;
        if (stake.micros() < 0) throw new IllegalArgumentException("provider " + id + ": stake must be >= 0, was " + stake);
        if (cpus < 1 || memoryMb < 1 || slots < 1) throw new IllegalArgumentException("provider needs cpus, memory and slots >= 1");
        if (asks == null) throw new IllegalArgumentException("provider " + id + " needs asks");
        for (Gpu g : gpus) {
            if (asks.gpu(g.model()) == null) throw new IllegalArgumentException("provider " + id + " has no ask for its " + Asks.gpuClass(g.model()));
        }
        if (asks.byClass().size() > 1 + gpus.stream().map(Gpu::model).distinct().count())
            throw new IllegalArgumentException("provider " + id + " asks for classes it does not have: " + asks);
    }

    /** A provider that serves no models. */
    public ProviderSnapshot(ProviderId id, int cpus, long memoryMb, List<Gpu> gpus, String region, Asks asks, int slots, Credits stake) {
        this(id, cpus, memoryMb, gpus, region, asks, slots, stake, Set.of());
    }

    /** A provider with nothing staked. */
    public ProviderSnapshot(ProviderId id, int cpus, long memoryMb, List<Gpu> gpus, String region, Asks asks, int slots) {
        this(id, cpus, memoryMb, gpus, region, asks, slots, Credits.ZERO);
    }

    /** A provider with nothing staked that asks {@code price} for every class it has: per core-hour and per GPU-hour alike. */
    public ProviderSnapshot(ProviderId id, int cpus, long memoryMb, List<Gpu> gpus, String region, Credits price, int slots) {
        this(id, cpus, memoryMb, gpus, region, Asks.uniform(price, gpus.stream().map(Gpu::model).toList()), slots);
    }

    /** This provider with {@code stake} staked. */
    public ProviderSnapshot withStake(Credits stake) {
        return new ProviderSnapshot(id, cpus, memoryMb, gpus, region, asks, slots, stake, models);
    }

    /** This provider serving {@code models}. */
    public ProviderSnapshot withModels(Set<String> models) {
        return new ProviderSnapshot(id, cpus, memoryMb, gpus, region, asks, slots, stake, models);
    }

    /** Whether it serves {@code model}. */
    public boolean serves(String model) {
        return models.contains(model);
    }

    /** Its main ask, what a single price stands for: per GPU-hour of its first GPU, or per core-hour without GPUs. */
    public Credits price() {
        return gpus.isEmpty() ? asks.cpu() : asks.gpu(gpus.getFirst().model());
    }

    /**
     * What one task with {@code r} costs per hour here: for a GPU task, its GPUs × the dearest ask among this provider's
     * GPUs that match it (any of them may be the one it gets); for a CPU-only task, its cores × the cpu ask. Null when
     * fewer GPUs match than it needs.
     */
    public Credits hourlyPrice(Resources r) {
        if (r.gpus() == 0) return Credits.ofMicros(Math.multiplyExact(asks.cpu().micros(), (long) r.cpu()));
        long perGpu = perGpuMicros(r);
        return perGpu < 0 ? null : Credits.ofMicros(Math.multiplyExact(perGpu, (long) r.gpus()));
    }

    /** The dearest per-GPU ask among the GPUs that match {@code r}'s model and memory, if at least {@code r.gpus()} match; -1 otherwise. */
    public long perGpuMicros(Resources r) {
        String model = r.gpuModel() == null ? null : r.gpuModel().toLowerCase(Locale.ROOT);
        long best = -1;
        int n = 0;
        for (Gpu g : gpus) {
            if ((model == null || g.model().toLowerCase(Locale.ROOT).contains(model)) && g.memoryMb() >= r.minGpuMemoryMb()) {
                n++;
                best = Math.max(best, asks.gpu(g.model()).micros());
            }
        }
        return n >= r.gpus() ? best : -1;
    }

    /** One GPU as the probe saw it. */
    public record Gpu(String model, long memoryMb) {}
}

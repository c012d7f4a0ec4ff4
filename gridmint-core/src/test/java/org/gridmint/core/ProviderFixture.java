package org.gridmint.core;

import java.util.ArrayList;
import java.util.List;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.money.Credits;
import org.gridmint.core.scheduling.ProviderSnapshot;

/** Builds a {@link ProviderSnapshot}; start from {@link CoreFixtures#provider()}. */
public final class ProviderFixture {
    private String name = "a";
    private int cpus = 8;
    private long memoryMb = 16_384;
    private final List<ProviderSnapshot.Gpu> gpus = new ArrayList<>();
    private String region = "eu-west";
    private String price = "0.5";
    private int slots = 1;
    private String stake = "0";
    private java.util.Set<String> models = java.util.Set.of();
    private final java.util.Map<String, String> asks = new java.util.LinkedHashMap<>();

    ProviderFixture() {}

    public ProviderFixture named(String name) {
        this.name = name;
        return this;
    }

    public ProviderFixture withCpus(int cpus) {
        this.cpus = cpus;
        return this;
    }

    public ProviderFixture withMemoryMb(long memoryMb) {
        this.memoryMb = memoryMb;
        return this;
    }

    /** Adds one GPU of this model with 16 GB. */
    public ProviderFixture withGpu(String model) {
        return withGpu(model, 16_384);
    }

    public ProviderFixture withGpu(String model, long memoryMb) {
        gpus.add(new ProviderSnapshot.Gpu(model, memoryMb));
        return this;
    }

    public ProviderFixture inRegion(String region) {
        this.region = region;
        return this;
    }

    public ProviderFixture asking(String creditsPerHour) {
        this.price = creditsPerHour;
        return this;
    }

    /** Asks {@code creditsPerHour} for one class ({@code cpu} or {@code gpu:MODEL}); other classes ask the price. */
    public ProviderFixture asking(String resourceClass, String creditsPerHour) {
        asks.put(resourceClass, creditsPerHour);
        return this;
    }

    public ProviderFixture withSlots(int slots) {
        this.slots = slots;
        return this;
    }

    /** Has {@code credits} staked. */
    public ProviderFixture staking(String credits) {
        this.stake = credits;
        return this;
    }

    /** Serves these models (for embed jobs). */
    public ProviderFixture serving(String... models) {
        this.models = java.util.Set.of(models);
        return this;
    }

    public ProviderSnapshot build() {
        var uniform = org.gridmint.core.scheduling.Asks.uniform(Credits.parse(price), gpus.stream().map(ProviderSnapshot.Gpu::model).toList());
        var changes = new java.util.LinkedHashMap<String, Credits>();
        asks.forEach((k, v) -> changes.put(k, Credits.parse(v)));
        return new ProviderSnapshot(ProviderId.of("prov-" + name), cpus, memoryMb, gpus, region, uniform.with(changes), slots, Credits.parse(stake),
                models);
    }
}

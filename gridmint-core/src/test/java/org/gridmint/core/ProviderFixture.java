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

    public ProviderFixture withSlots(int slots) {
        this.slots = slots;
        return this;
    }

    public ProviderSnapshot build() {
        return new ProviderSnapshot(ProviderId.of("prov-" + name), cpus, memoryMb, gpus, region, Credits.parse(price), slots);
    }
}

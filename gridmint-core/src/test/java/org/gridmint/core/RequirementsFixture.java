package org.gridmint.core;

import java.util.List;
import org.gridmint.core.money.Credits;
import org.gridmint.core.scheduling.Requirements;
import org.gridmint.core.spec.Resources;

/** Builds {@link Requirements}; start from {@link CoreFixtures#requirements()}. */
public final class RequirementsFixture {
    private int cpu = Resources.DEFAULT.cpu();
    private long memoryMb = Resources.DEFAULT.memoryMb();
    private int gpus;
    private String gpuModel;
    private long minGpuMemoryMb;
    private String maxPrice = "1";
    private List<String> regions = List.of();
    private String minStake = "0";
    private String model;

    RequirementsFixture() {}

    public RequirementsFixture withCpu(int cpu) {
        this.cpu = cpu;
        return this;
    }

    public RequirementsFixture withMemoryMb(long memoryMb) {
        this.memoryMb = memoryMb;
        return this;
    }

    public RequirementsFixture withGpus(int gpus) {
        this.gpus = gpus;
        return this;
    }

    /** Asks for one GPU of this model unless {@link #withGpus} asked for more. */
    public RequirementsFixture withGpuModel(String model) {
        this.gpuModel = model;
        this.gpus = Math.max(gpus, 1);
        return this;
    }

    /** Asks for one GPU with at least this much memory unless {@link #withGpus} asked for more. */
    public RequirementsFixture withMinGpuMemoryMb(long memoryMb) {
        this.minGpuMemoryMb = memoryMb;
        this.gpus = Math.max(gpus, 1);
        return this;
    }

    public RequirementsFixture withMaxPrice(String creditsPerHour) {
        this.maxPrice = creditsPerHour;
        return this;
    }

    public RequirementsFixture inRegions(String... regions) {
        this.regions = List.of(regions);
        return this;
    }

    /** Asks every provider to have staked at least {@code credits}. */
    public RequirementsFixture withMinStake(String credits) {
        this.minStake = credits;
        return this;
    }

    /** Asks every provider to serve {@code model} (an embed job's). */
    public RequirementsFixture withModel(String model) {
        this.model = model;
        return this;
    }

    public Requirements build() {
        return new Requirements(new Resources(cpu, memoryMb, gpus, gpuModel, minGpuMemoryMb), Credits.parse(maxPrice), regions, Credits.parse(minStake),
                model);
    }
}

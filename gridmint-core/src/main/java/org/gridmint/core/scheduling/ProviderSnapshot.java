package org.gridmint.core.scheduling;

import java.util.List;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.money.Credits;

/** What placement knows of a provider: what it offers, where, at what price per hour. */
public record ProviderSnapshot(ProviderId id, int cpus, long memoryMb, List<Gpu> gpus, String region, Credits price, int slots) {
    public ProviderSnapshot {
        gpus = List.copyOf(gpus);
        if (cpus < 1 || memoryMb < 1 || slots < 1) throw new IllegalArgumentException("provider needs cpus, memory and slots >= 1");
    }

    /** One GPU as the probe saw it. */
    public record Gpu(String model, long memoryMb) {}
}

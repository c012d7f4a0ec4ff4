package org.gridmint.coordinator.store;

import java.time.Instant;
import java.util.List;
import org.gridmint.api.GpuInfo;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.money.Credits;

/** A registered provider: what it offers and when it was last heard from. */
public record ProviderRecord(
        ProviderId id,
        String name,
        int cpus,
        long memoryMb,
        List<GpuInfo> gpus,
        String region,
        Credits price,
        int slots,
        boolean sandboxed,
        String agentVersion,
        Instant registeredAt,
        Instant lastSeenAt) {

    public ProviderRecord {
        gpus = List.copyOf(gpus);
    }

    public ProviderRecord seenAt(Instant now) {
        return new ProviderRecord(id, name, cpus, memoryMb, gpus, region, price, slots, sandboxed, agentVersion, registeredAt, now);
    }
}

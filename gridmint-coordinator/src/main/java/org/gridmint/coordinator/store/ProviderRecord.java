package org.gridmint.coordinator.store;

import java.time.Instant;
import java.util.List;
import org.gridmint.api.GpuInfo;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.money.Credits;

/**
 * A registered provider: who owns it, what it offers, when it was last heard from, and whether the operator
 * quarantined it.
 *
 * @param owner the account id that registered it; empty for a provider registered before providers had owners
 * @param quarantineReason the operator's reason when {@code quarantined}; may be null
 */
public record ProviderRecord(
        ProviderId id,
        String owner,
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
        Instant lastSeenAt,
        boolean quarantined,
        String quarantineReason) {

    public ProviderRecord {
        java.util.Objects.requireNonNull(owner, "owner");
        gpus = List.copyOf(gpus);
    }

    public ProviderRecord seenAt(Instant now) {
        return new ProviderRecord(id, owner, name, cpus, memoryMb, gpus, region, price, slots, sandboxed, agentVersion, registeredAt, now,
                quarantined, quarantineReason);
    }

    /** This provider quarantined ({@code reason} may be null) or released (quarantined false, reason null). */
    public ProviderRecord withQuarantine(boolean on, String reason) {
        return new ProviderRecord(id, owner, name, cpus, memoryMb, gpus, region, price, slots, sandboxed, agentVersion, registeredAt, lastSeenAt,
                on, on ? reason : null);
    }
}

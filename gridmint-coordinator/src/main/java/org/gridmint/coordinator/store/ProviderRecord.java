package org.gridmint.coordinator.store;

import java.time.Instant;
import java.util.List;
import org.gridmint.api.GpuInfo;
import org.gridmint.api.ModelOffer;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.money.Credits;
import org.gridmint.core.scheduling.Asks;
import org.gridmint.core.scheduling.ProviderSnapshot;

/**
 * A registered provider: who owns it, what it offers, when it was last heard from, and whether the operator
 * quarantined it.
 *
 * @param owner the account id that registered it; empty for a provider registered before providers had owners
 * @param price its main ask (see {@link ProviderSnapshot#price}), kept equal to the matching entry of {@code asks}
 * @param quarantineReason the operator's reason when {@code quarantined}; may be null
 * @param asks its ask per resource class, every class it has
 * @param models the embedding models it serves (embed tasks go only to a provider serving theirs); empty for none
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
        String quarantineReason,
        Asks asks,
        List<ModelOffer> models) {

    public ProviderRecord {
        java.util.Objects.requireNonNull(owner, "owner");
        gpus = List.copyOf(gpus);
        if (asks == null) asks = Asks.uniform(price, gpus.stream().map(GpuInfo::model).toList());
        models = models == null ? List.of() : List.copyOf(models);
    }

    /** A provider that serves no embedding models. */
    public ProviderRecord(ProviderId id, String owner, String name, int cpus, long memoryMb, List<GpuInfo> gpus, String region, Credits price,
                          int slots, boolean sandboxed, String agentVersion, Instant registeredAt, Instant lastSeenAt, boolean quarantined,
                          String quarantineReason, Asks asks) {
        this(id, owner, name, cpus, memoryMb, gpus, region, price, slots, sandboxed, agentVersion, registeredAt, lastSeenAt, quarantined,
                quarantineReason, asks, List.of());
    }

    /** A provider that asks {@code price} for every class it has, as one registered with a single price. */
    public ProviderRecord(ProviderId id, String owner, String name, int cpus, long memoryMb, List<GpuInfo> gpus, String region, Credits price,
                          int slots, boolean sandboxed, String agentVersion, Instant registeredAt, Instant lastSeenAt, boolean quarantined,
                          String quarantineReason) {
        this(id, owner, name, cpus, memoryMb, gpus, region, price, slots, sandboxed, agentVersion, registeredAt, lastSeenAt, quarantined,
                quarantineReason, null);
    }

    /** The names of the embedding models it serves, in its order. */
    public List<String> modelNames() {
        return models.stream().map(ModelOffer::name).toList();
    }

    /** This provider serving {@code newModels} (null or empty: none). */
    public ProviderRecord withModels(List<ModelOffer> newModels) {
        return new ProviderRecord(id, owner, name, cpus, memoryMb, gpus, region, price, slots, sandboxed, agentVersion, registeredAt, lastSeenAt,
                quarantined, quarantineReason, asks, newModels);
    }

    /** The GPU models it has, once each, in probe order: with {@code cpu}, the classes it may ask for. */
    public List<String> gpuModels() {
        return gpus.stream().map(GpuInfo::model).distinct().toList();
    }

    /** This provider asking {@code newAsks}; its price becomes the main class's new ask. */
    public ProviderRecord withAsks(Asks newAsks) {
        Credits main = gpus.isEmpty() ? newAsks.cpu() : newAsks.gpu(gpus.getFirst().model());
        return new ProviderRecord(id, owner, name, cpus, memoryMb, gpus, region, main, slots, sandboxed, agentVersion, registeredAt, lastSeenAt,
                quarantined, quarantineReason, newAsks, models);
    }

    public ProviderRecord seenAt(Instant now) {
        return new ProviderRecord(id, owner, name, cpus, memoryMb, gpus, region, price, slots, sandboxed, agentVersion, registeredAt, now,
                quarantined, quarantineReason, asks, models);
    }

    /** This provider quarantined ({@code reason} may be null) or released (quarantined false, reason null). */
    public ProviderRecord withQuarantine(boolean on, String reason) {
        return new ProviderRecord(id, owner, name, cpus, memoryMb, gpus, region, price, slots, sandboxed, agentVersion, registeredAt, lastSeenAt,
                on, on ? reason : null, asks, models);
    }
}

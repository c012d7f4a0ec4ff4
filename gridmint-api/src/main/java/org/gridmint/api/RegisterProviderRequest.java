package org.gridmint.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A provider joining (or re-joining) the network. {@code providerId} is null on first registration; an agent
 * that restarts sends the id it was given so its history stays its own.
 *
 * @param price the provider's ask in credits per hour for every resource class it has that {@code asks} leaves out: per
 *     core-hour ({@code cpu}) and per GPU-hour of each of its GPU models ({@code gpu:MODEL})
 * @param sandboxed whether the agent runs tasks under a sandbox
 * @param asks credits per hour per resource class ({@code cpu}, {@code gpu:MODEL}; MODEL may be a part of one of its GPU
 *     models, as {@code gpu:T4} for a Tesla T4), overriding {@code price} for those classes; null or empty for none
 * @param models the embedding models it serves (batch {@code embed} tasks and online requests); null or empty for none
 */
public record RegisterProviderRequest(
        String providerId,
        String name,
        int cpus,
        long memoryMb,
        List<GpuInfo> gpus,
        String region,
        BigDecimal price,
        int slots,
        boolean sandboxed,
        String agentVersion,
        Map<String, BigDecimal> asks,
        List<ModelOffer> models) {

    /** A registration that serves no models. */
    public RegisterProviderRequest(String providerId, String name, int cpus, long memoryMb, List<GpuInfo> gpus, String region, BigDecimal price,
                                   int slots, boolean sandboxed, String agentVersion, Map<String, BigDecimal> asks) {
        this(providerId, name, cpus, memoryMb, gpus, region, price, slots, sandboxed, agentVersion, asks, null);
    }

    /** A registration with one price for every class. */
    public RegisterProviderRequest(String providerId, String name, int cpus, long memoryMb, List<GpuInfo> gpus, String region, BigDecimal price,
                                   int slots, boolean sandboxed, String agentVersion) {
        this(providerId, name, cpus, memoryMb, gpus, region, price, slots, sandboxed, agentVersion, null, null);
    }
}

package org.gridmint.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * A provider joining (or re-joining) the network. {@code providerId} is null on first registration; an agent
 * that restarts sends the id it was given so its history stays its own.
 *
 * @param price the provider's ask in credits per hour of one task slot
 * @param sandboxed whether the agent runs tasks under a sandbox
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
        String agentVersion) {}

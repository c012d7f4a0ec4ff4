package org.gridmint.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A provider as the coordinator sees it.
 *
 * @param health ONLINE while it claims or heartbeats within three heartbeat intervals, else OFFLINE
 * @param running attempts it holds now
 * @param owner the account that registered it (and alone may claim, heartbeat and report for it)
 * @param quarantined set by the coordinator's operator: it gets no work until released
 * @param quarantineReason the operator's reason, or null
 */
public record ProviderView(
        String id,
        String name,
        int cpus,
        long memoryMb,
        List<GpuInfo> gpus,
        String region,
        BigDecimal price,
        int slots,
        boolean sandboxed,
        String health,
        Instant registeredAt,
        Instant lastSeenAt,
        int running,
        long succeeded,
        long failed,
        long lost,
        long heartbeatIntervalMillis,
        String owner,
        boolean quarantined,
        String quarantineReason) {}

package org.gridmint.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A provider as the coordinator sees it.
 *
 * @param health HEALTHY; SUSPECT after 1.5 heartbeat intervals without a word from it; LOST after 3; QUARANTINED while the
 *     operator (or its failures) keep it from work
 * @param running attempts it holds now
 * @param owner the account that registered it (and alone may claim, heartbeat and report for it)
 * @param quarantined kept from new work: by the operator until released, or automatically for a while after repeated
 *     failures of its own ({@code quarantineReason} then says until when)
 * @param quarantineReason the operator's reason, or the automatic quarantine's; null if none
 * @param reliability the market's estimate of the chance that an attempt on it finishes (a newcomer gets the network's average)
 * @param price its main ask in credits per hour: per GPU-hour of its first GPU, or per core-hour without GPUs
 * @param lastSkip why the market last passed it over for a task it fits, in words; null if it never did
 * @param asks credits per hour for each resource class it offers: {@code cpu} per core-hour, {@code gpu:MODEL} per GPU-hour
 * @param speed the market's estimate of how long it takes against its peers: 1.0 as fast, 2.0 twice as slow (a newcomer
 *     gets 1.0)
 * @param stake credits its owner has staked on it, unbonding ones included; null from a coordinator without stakes
 * @param models the embedding models it serves and on which device; null or empty for none
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
        String quarantineReason,
        double reliability,
        String lastSkip,
        Map<String, BigDecimal> asks,
        double speed,
        BigDecimal stake,
        List<ModelOffer> models) {

    /** A view without models, as a coordinator from before the embed runtime sends it. */
    public ProviderView(String id, String name, int cpus, long memoryMb, List<GpuInfo> gpus, String region, BigDecimal price, int slots,
                        boolean sandboxed, String health, Instant registeredAt, Instant lastSeenAt, int running, long succeeded, long failed,
                        long lost, long heartbeatIntervalMillis, String owner, boolean quarantined, String quarantineReason, double reliability,
                        String lastSkip, Map<String, BigDecimal> asks, double speed, BigDecimal stake) {
        this(id, name, cpus, memoryMb, gpus, region, price, slots, sandboxed, health, registeredAt, lastSeenAt, running, succeeded, failed, lost,
                heartbeatIntervalMillis, owner, quarantined, quarantineReason, reliability, lastSkip, asks, speed, stake, null);
    }

    /** A view without a stake, as a coordinator from before stakes sends it. */
    public ProviderView(String id, String name, int cpus, long memoryMb, List<GpuInfo> gpus, String region, BigDecimal price, int slots,
                        boolean sandboxed, String health, Instant registeredAt, Instant lastSeenAt, int running, long succeeded, long failed,
                        long lost, long heartbeatIntervalMillis, String owner, boolean quarantined, String quarantineReason, double reliability,
                        String lastSkip, Map<String, BigDecimal> asks, double speed) {
        this(id, name, cpus, memoryMb, gpus, region, price, slots, sandboxed, health, registeredAt, lastSeenAt, running, succeeded, failed, lost,
                heartbeatIntervalMillis, owner, quarantined, quarantineReason, reliability, lastSkip, asks, speed, null, null);
    }

    /** A view without asks per class or speed, as a coordinator from before them sends it. */
    public ProviderView(String id, String name, int cpus, long memoryMb, List<GpuInfo> gpus, String region, BigDecimal price, int slots,
                        boolean sandboxed, String health, Instant registeredAt, Instant lastSeenAt, int running, long succeeded, long failed,
                        long lost, long heartbeatIntervalMillis, String owner, boolean quarantined, String quarantineReason, double reliability,
                        String lastSkip) {
        this(id, name, cpus, memoryMb, gpus, region, price, slots, sandboxed, health, registeredAt, lastSeenAt, running, succeeded, failed, lost,
                heartbeatIntervalMillis, owner, quarantined, quarantineReason, reliability, lastSkip, null, 1.0, null, null);
    }
}

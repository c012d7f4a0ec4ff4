package org.gridmint.coordinator.market;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.gridmint.coordinator.store.ProviderRecord;
import org.gridmint.coordinator.store.StoreTx;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.market.Health;
import org.gridmint.core.market.ProviderEvidence;
import org.gridmint.core.scheduling.AttemptRecord;

/**
 * Records the evidence of a provider's reputation that attempt outcomes do not carry, inside the transaction of the
 * call that shows it: a heartbeat that comes after a gap of more than 1.5 intervals ({@link Health#missedHeartbeat}),
 * and each completed attempt's speed against its peers.
 *
 * <p>The speed of a completed attempt is its runtime (as billed: reported, never more than the coordinator saw) over
 * the median runtime of the same job's tasks that other providers ran. The median is taken over at most
 * {@link #PEER_SAMPLE} of them, the latest by task index, read through the task charges' primary key: a bounded read
 * per completion however large the job, and a sample of the job's recent work rather than its whole history. Fewer than
 * {@link #MIN_PEERS} peers give no sample (the job's first tasks say nothing about speed). Samples are summed on the
 * provider's row as they come, so the market's periodic re-read of reputations stays one row per provider.
 */
public final class Evidence {
    /** The most peer runtimes a median is taken over. */
    public static final int PEER_SAMPLE = 63;
    /** The fewest peer runtimes a median is taken over. */
    public static final int MIN_PEERS = 3;

    private Evidence() {}

    /** A heartbeat from {@code provider} at {@code now}: counts a missed beat if it was silent too long, then touches it. */
    public static void heartbeat(StoreTx tx, ProviderId provider, Instant now, Duration heartbeatInterval) {
        Instant last = tx.provider(provider).map(ProviderRecord::lastSeenAt).orElse(null);
        if (last != null && Health.missedHeartbeat(last, now, heartbeatInterval)) tx.addEvidence(provider, 1, 0, 0);
        tx.touchProvider(provider, now);
    }

    /** After {@code attempt} completed at {@code now}, having reported {@code reportedRuntimeMillis}: one speed sample, if it has peers. */
    public static void completed(StoreTx tx, AttemptRecord attempt, long reportedRuntimeMillis, Instant now) {
        List<Long> peers = tx.peerRuntimes(attempt.task().job(), attempt.provider(), PEER_SAMPLE);
        if (peers.size() < MIN_PEERS) return;
        Instant started = attempt.startedAt() != null ? attempt.startedAt() : attempt.assignedAt();
        long runtime = Math.min(Math.max(0, reportedRuntimeMillis), Math.max(0, Duration.between(started, now).toMillis()));
        double speed = ProviderEvidence.speedSample(runtime, ProviderEvidence.median(peers));
        tx.addEvidence(attempt.provider(), 0, Math.round(speed * 1e6), 1);
    }
}

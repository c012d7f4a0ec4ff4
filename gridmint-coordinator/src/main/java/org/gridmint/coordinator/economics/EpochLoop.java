package org.gridmint.coordinator.economics;

import java.time.Duration;
import java.time.Instant;
import org.gridmint.coordinator.settlement.PostedEpoch;
import org.gridmint.coordinator.settlement.SettlementPort;
import org.gridmint.coordinator.store.EconomicsTx;
import org.gridmint.coordinator.store.Store;
import org.gridmint.core.economics.Epochs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes every ended epoch, oldest first, each in one transaction ({@link EpochClose}), then posts the roots of closed
 * batches through the settlement port. Production schedules {@link #runOnce}; tests call it with the time they want.
 *
 * <p>Concurrency: runs are serialized here; coordinators sharing a store are serialized by the close's lock, and an epoch
 * row makes a second close of the same epoch a no-op.
 *
 * <p>Failure modes: a close that throws rolls back whole and is tried again next run. A post that fails leaves its epoch
 * CLOSED, which the next run posts again (the port's post is idempotent by epoch), so a crash between the commit and the
 * post loses nothing. A post that succeeded keeps its epoch CLOSED (tx hash recorded) until it is confirmations deep, so a
 * shallow reorg that drops it is noticed and it is posted again; claims open only once it is POSTED. An epoch closes
 * {@link #settleDelay} after its end, so that a verdict decided just before the end but committed just after counts in its
 * own epoch; one committed later still counts in the next close.
 */
public final class EpochLoop {
    private static final Logger log = LoggerFactory.getLogger(EpochLoop.class);
    /** The most epochs one run closes, so that a network down for long catches up without one endless run. */
    static final int MAX_CLOSES_PER_RUN = 1000;

    /** What one run did. */
    public record Run(int closed, int posted) {}

    private final Store store;
    private final SettlementPort port;
    private final Epochs epochs;
    private final EconomicsConfig config;

    public EpochLoop(Store store, SettlementPort port, Epochs epochs, EconomicsConfig config) {
        this.store = store;
        this.port = port;
        this.epochs = epochs;
        this.config = config;
    }

    /** How long after its end an epoch waits before it closes: a tenth of an epoch, at most 2 s. */
    public static Duration settleDelay(Duration epoch) {
        Duration tenth = epoch.dividedBy(10);
        return tenth.compareTo(Duration.ofSeconds(2)) < 0 ? tenth : Duration.ofSeconds(2);
    }

    /** How often production runs the loop: a tenth of an epoch, between 200 ms and 5 s. */
    public static Duration period(Duration epoch) {
        long ms = Math.max(200, Math.min(epoch.toMillis() / 10, 5_000));
        return Duration.ofMillis(ms);
    }

    public Epochs epochs() {
        return epochs;
    }

    public synchronized Run runOnce(Instant now) {
        long last = epochs.lastClosed(now.minus(settleDelay(epochs.length())));
        long next = store.inTransaction(tx -> tx.economics().lastEpoch()).map(n -> n + 1).orElse(0L);
        int closed = 0;
        for (long n = next; n <= last && closed < MAX_CLOSES_PER_RUN; n++) {
            long epoch = n;
            var row = store.inTransaction(tx -> EpochClose.close(tx, epoch, epochs, config, port, now));
            if (row.isPresent()) {
                closed++;
                log.info("epoch {} closed: minted {} GRID for {} GPU-ms of verified work ({} to the treasury); {} leaves", epoch, row.get().minted(),
                        row.get().verifiedGpuMs(), row.get().treasuryTokens(), row.get().leaves());
            }
        }
        return new Run(closed, postClosed(now));
    }

    /**
     * Posts every CLOSED epoch's root, oldest first, and marks POSTED those whose post is confirmed deep enough; stops at
     * the first failure, which the next run retries. A post stays CLOSED (with its tx hash) until FINAL: a reorg that drops
     * it before then finds it ABSENT, and it is posted again. An epoch closed for another settlement than this port's is
     * never posted nor marked (it would be "posted" nowhere): refused loudly each run.
     */
    private int postClosed(Instant now) {
        int posted = 0;
        // What EpochClose writes in the row's `settlement` column for this port.
        String settlement = port.onChain() ? org.gridmint.api.ChainInfo.EVM : org.gridmint.api.ChainInfo.EMBEDDED;
        for (EconomicsTx.EpochRecord e : store.inTransaction(tx -> tx.economics().epochsIn(EconomicsTx.CLOSED))) {
            if (!settlement.equals(e.settlement())) {
                log.error("EPOCH {} WAS CLOSED FOR {} SETTLEMENT BUT THIS COORDINATOR SETTLES {}: it is not posted and stays CLOSED; restart the "
                        + "coordinator with the settlement its store records", e.epoch(), e.settlement(), settlement);
                return posted;
            }
            byte[] root = EpochClose.unhex(e.root());
            SettlementPort.PostCheck check;
            try {
                check = port.checkPost(e.epoch(), root, e.txHash());
                if (check.state() == SettlementPort.PostCheck.State.ABSENT) {
                    if (e.txHash() != null)
                        log.warn("epoch {}'s post (tx {}) is no longer held by the settlement (a reorg dropped it before it was confirmed): "
                                + "posting it again", e.epoch(), e.txHash());
                    PostedEpoch p = port.post(e.epoch(), root, e.payoutCredits(), e.payoutTokens());
                    if (!e.root().equalsIgnoreCase(p.root())) {
                        log.error("the settlement holds root {} for epoch {} but its batch has root {}: it stays CLOSED; ledger verify will report it",
                                p.root(), e.epoch(), e.root());
                        return posted;
                    }
                    store.inTransaction(tx -> tx.economics().recordPost(e.epoch(), p.txHash(), p.funded()));
                    log.info("epoch {} sent: root {}, {} credits and {} GRID to {} addresses (tx {}; the operator funded {} credits to back it)",
                            e.epoch(), e.root(), e.payoutCredits(), e.payoutTokens(), e.leaves(), p.txHash(), p.funded());
                    check = port.checkPost(e.epoch(), root, p.txHash() != null ? p.txHash() : e.txHash());
                } else if (e.txHash() == null) {
                    // Held, yet never recorded: an earlier try's post reached the chain though its receipt did not come. What
                    // that try funded is only in the port's memory; record it now (the store keeps the larger figure).
                    var funding = port.takeFunded(e.epoch());
                    String held = check.txHash();
                    store.inTransaction(tx -> tx.economics().recordPost(e.epoch(), held, funding));
                }
            } catch (RuntimeException ex) {
                log.warn("posting epoch {} (root {}) failed; it stays CLOSED and is posted again next run: {}", e.epoch(), e.root(), ex.toString());
                return posted;
            }
            if (check.state() != SettlementPort.PostCheck.State.FINAL) {
                log.debug("epoch {}'s post (tx {}) is {} blocks deep: not yet confirmed", e.epoch(), check.txHash(), check.depth());
                continue;
            }
            String txHash = check.txHash() != null ? check.txHash() : e.txHash();
            if (store.inTransaction(tx -> tx.economics().confirmPost(e.epoch(), txHash, now))) {
                posted++;
                log.info("epoch {} posted: root {} confirmed on-chain (tx {})", e.epoch(), e.root(), txHash);
            }
        }
        return posted;
    }
}

package org.gridmint.coordinator.store;

import java.util.List;
import org.gridmint.core.ledger.PostingKind;

/**
 * What the network report reads, inside one store transaction ({@link StoreTx#report()}): sums over windows of time cut into
 * epochs. Each query reads a range of epochs [{@link Grid#first}, {@link Grid#last}] at once and buckets rows by the epoch
 * their time falls in, so that a report of a thousand epochs costs a handful of queries, not thousands.
 */
public interface ReportTx {

    /**
     * Epochs as the store buckets them: epoch n is [genesis + n·length, genesis + (n+1)·length) in epoch milliseconds.
     *
     * @param first the oldest epoch read (>= 0)
     * @param last the newest epoch read (>= first)
     */
    record Grid(long genesisMillis, long lengthMillis, long first, long last) {
        public Grid {
            if (lengthMillis < 1) throw new IllegalArgumentException("an epoch lasts at least 1 ms, was " + lengthMillis);
            if (first < 0 || last < first) throw new IllegalArgumentException("epochs " + first + ".." + last + " are not a range from 0 up");
        }

        /** The window's start, inclusive (epoch millis). */
        public long from() {
            return Math.addExact(genesisMillis, Math.multiplyExact(first, lengthMillis));
        }

        /** The window's end, exclusive (epoch millis). */
        public long to() {
            return Math.addExact(genesisMillis, Math.multiplyExact(Math.addExact(last, 1), lengthMillis));
        }
    }

    /** Journal amounts per epoch (by the entries' {@code at}), kind, and whether they went to the treasury. */
    List<JournalSum> journalSums(Grid grid);

    /**
     * What the journal moved in one epoch by one kind of posting.
     *
     * @param toTreasury whether {@code to_account} is the treasury (a FEE, an INFERENCE fee, a SLASH or SUBSIDY to it)
     */
    record JournalSum(long epoch, PostingKind kind, boolean toTreasury, long micros) {}

    /** Each provider that had an attempt end in an epoch, once per epoch, by epoch then provider. */
    List<EpochProvider> activeProviders(Grid grid);

    /** A provider active in an epoch. */
    record EpochProvider(long epoch, String providerId) {}

    /**
     * The billed runtime clients paid for, per epoch (by the charge's time) and job: task charges and resumed-from charges
     * together, by epoch then job. The caller multiplies by the job's GPUs.
     */
    List<ChargedRuntime> chargedRuntime(Grid grid);

    /** The runtime charged to one job's client in one epoch. */
    record ChargedRuntime(long epoch, String jobId, long runtimeMillis) {}

    /** Verified work rewarded per epoch (rewarded_work, GPU-milliseconds), for epochs first..last that have some. */
    List<EpochWork> rewardedWork(long first, long last);

    /** The verified work one epoch rewarded. */
    record EpochWork(long epoch, long gpuMillis) {}

    /** The epoch loop's rows (table epochs) for epochs first..last, oldest first. */
    List<ClosedEpoch> closedEpochs(long first, long last);

    /**
     * One closed epoch: what it minted (µGRID), its payouts and its settlement batch's root, transaction and state, and the
     * µ-credits the operator transferred to the contract to back the batch.
     */
    record ClosedEpoch(long epoch, long minted, long payoutCredits, long payoutTokens, String root, String txHash, String state, long operatorFunding) {}
}

package org.gridmint.coordinator.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The on-chain deposit tables inside one store transaction ({@link StoreTx#chain()}): deposits read and the read cursor. */
public interface ChainTx {

    /** Whether a deposit was credited to its account or only recorded (its account named no account). */
    enum DepositState { CREDITED, UNROUTABLE }

    /**
     * One Deposited event as recorded.
     *
     * @param account what the depositor wrote, verbatim
     * @param amount micro-credits
     */
    record DepositRecord(String txHash, long logIndex, long blockNumber, String blockHash, String account, String from, long amount,
                         DepositState state, Instant seenAt) {
        /** The DEPOSIT posting's reference, as {@code ChainDeposit.reference()} makes it. */
        public String reference() {
            return "chain:" + txHash + ":" + logIndex;
        }
    }

    /** The last block whose deposits were all handled; empty before the first read. */
    Optional<Long> cursor();

    /**
     * Moves the cursor from {@code expected} (null: no cursor yet) to {@code block}; false when another writer moved it first
     * (several coordinators on one PostgreSQL store), in which case the caller rolls back.
     */
    boolean advanceCursor(Long expected, long block, Instant at);

    void insertDeposit(DepositRecord deposit);

    Optional<DepositRecord> deposit(String txHash, long logIndex);

    /** Deposits recorded, oldest block first; at most {@code limit}. */
    List<DepositRecord> deposits(int limit);

    /** Every deposit recorded, for the audit. */
    void scanDeposits(Consumer<DepositRecord> each);
}

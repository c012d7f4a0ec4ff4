package org.gridmint.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridmint.coordinator.store.StoreFixtures.at;

import org.gridmint.coordinator.store.ChainTx.DepositRecord;
import org.gridmint.coordinator.store.ChainTx.DepositState;
import org.junit.jupiter.api.Test;

/** The store contract for on-chain deposits: rows once per (tx, log index), and a cursor that only moves from where a reader found it. */
interface ChainStoreContract extends StoreHarness {

    @Test
    default void cursor_isAbsentAtFirst_thenMovesOnlyFromTheValueTheWriterRead() {
        assertThat(tx((StoreTx tx) -> tx.chain().cursor())).isEmpty();

        assertThat(tx((StoreTx tx) -> tx.chain().advanceCursor(null, 10, at(1)))).isTrue();
        assertThat(tx((StoreTx tx) -> tx.chain().advanceCursor(null, 12, at(2)))).isFalse();
        assertThat(tx((StoreTx tx) -> tx.chain().advanceCursor(9L, 12, at(2)))).isFalse();
        assertThat(tx((StoreTx tx) -> tx.chain().advanceCursor(10L, 20, at(3)))).isTrue();

        java.util.Optional<Long> afterReopen = reopen().inTransaction(tx -> tx.chain().cursor());
        assertThat(afterReopen).contains(20L);
    }

    @Test
    default void deposit_isKeptOncePerTransactionAndLog_andListedInChainOrder() {
        var later = new DepositRecord("0xbb", 0, 7, "0xh7", "acct-alice", "0x" + "11".repeat(20), 5_000_000, DepositState.CREDITED, at(2));
        var earlier = new DepositRecord("0xaa", 3, 5, "0xh5", "not an account", "0x" + "22".repeat(20), 1_000_000, DepositState.UNROUTABLE, at(1));
        run(tx -> {
            tx.chain().insertDeposit(later);
            tx.chain().insertDeposit(earlier);
        });

        assertThat(tx((StoreTx tx) -> tx.chain().deposits(10))).containsExactly(earlier, later);
        assertThat(tx((StoreTx tx) -> tx.chain().deposit("0xbb", 0))).contains(later);
        assertThat(tx((StoreTx tx) -> tx.chain().deposit("0xbb", 1))).isEmpty();
        assertThat(later.reference()).isEqualTo("chain:0xbb:0");
        assertThatThrownBy(() -> run(tx -> tx.chain().insertDeposit(later))).isInstanceOf(StoreException.class);
    }
}

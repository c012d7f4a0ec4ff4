package org.gridmint.coordinator.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.gridmint.chain.TxReceipt;
import org.gridmint.chain.testing.RequiresAnvil;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.coordinator.store.ChainTx;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.ledger.LedgerAccount;
import org.gridmint.core.ledger.PostingKind;
import org.gridmint.core.money.Credits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On-chain deposits credited by the {@link DepositWatcher} against a real anvil chain and the coordinator's SQLite store. */
@RequiresAnvil
class DepositWatcherTest {
    private static final int CONFIRMATIONS = 6;
    private static final AccountId ALICE = AccountId.of("acct-alice");

    @TempDir Path dir;
    private ChainBed chain;

    @BeforeEach
    void startChain() {
        chain = ChainBed.start(dir);
    }

    @AfterEach
    void stopChain() {
        if (chain != null) chain.close();
    }

    @Test
    void deposit_isCreditedOnce_onlyAfterItsConfirmations() {
        try (TestNetwork net = chain.network(dir.resolve("coord"), CONFIRMATIONS)) {
            TxReceipt tx = chain.deposit(ChainBed.contracts(net), 1, ALICE.value(), "12.5");

            chain.mine(CONFIRMATIONS - 1);
            var early = watch(net);

            assertThat(early.credited()).isZero();
            assertThat(balance(net, ALICE)).isEqualTo(Credits.ZERO);
            assertThat(early.throughBlock()).isLessThan(tx.blockNumber());

            chain.mine(1);
            var confirmed = watch(net);
            var again = watch(net);

            assertThat(confirmed.credited()).isEqualTo(1);
            assertThat(again.credited()).isZero();
            assertThat(balance(net, ALICE)).isEqualTo(Credits.parse("12.5"));
            assertThat(balance(net, LedgerAccount.CHAIN)).isEqualTo(Credits.parse("-12.5"));
            assertThat(rows(net)).singleElement().satisfies(r -> {
                assertThat(r.txHash()).isEqualTo(tx.txHash());
                assertThat(r.blockNumber()).isEqualTo(tx.blockNumber());
                assertThat(r.state()).isEqualTo(ChainTx.DepositState.CREDITED);
                assertThat(r.amount()).isEqualTo(12_500_000L);
            });
            String ref = rows(net).getFirst().reference();
            java.util.Optional<org.gridmint.core.ledger.JournalEntry> entry = net.coordinator.store().inTransaction(t -> t.ledger().entry(PostingKind.DEPOSIT, ref));
            assertThat(entry).hasValueSatisfying(e -> assertThat(e.posting().from()).isEqualTo(LedgerAccount.CHAIN));
            assertThat(EvmChainAudit.check(net.coordinator.store(), ChainBed.contracts(net))).isEmpty();
        }
    }

    @Test
    void deposit_isCreditedOnce_acrossACoordinatorRestart_andOneMadeWhileItWasDownIsCreditedAfter() {
        Path data = dir.resolve("coord");
        try (TestNetwork net = chain.network(data, CONFIRMATIONS)) {
            chain.deposit(ChainBed.contracts(net), 1, ALICE.value(), "3");
            chain.mine(CONFIRMATIONS);
            assertThat(watch(net).credited()).isEqualTo(1);
            // While it is down: another deposit.
            chain.deposit(ChainBed.contracts(net), 2, ALICE.value(), "4");
        }
        chain.mine(CONFIRMATIONS);
        try (TestNetwork restarted = chain.network(data, CONFIRMATIONS)) {
            var run = watch(restarted);
            var again = watch(restarted);

            assertThat(run.credited()).isEqualTo(1);
            assertThat(again.credited()).isZero();
            assertThat(balance(restarted, ALICE)).isEqualTo(Credits.parse("7"));
            assertThat(rows(restarted)).hasSize(2);
        }
    }

    @Test
    void theSameRangeReadTwice_creditsOnce_andTheLosingRunRollsBack() {
        try (TestNetwork net = chain.network(dir.resolve("coord"), CONFIRMATIONS)) {
            EvmSettlement port = (EvmSettlement) net.coordinator.settlement();
            chain.deposit(port.contracts(), 1, ALICE.value(), "5");
            chain.mine(CONFIRMATIONS);
            DepositWatcher winner = new DepositWatcher(net.coordinator.store(), port, port.depositsAfter());
            // The loser reads the chain, then (as after a pause or on another coordinator of the same store) the winner reads and
            // commits the same range before the loser commits.
            SettlementPort readThenLoseTheRace = new DelegatingPort(port) {
                @Override
                public Deposits confirmedDeposits(long afterBlock) {
                    Deposits read = super.confirmedDeposits(afterBlock);
                    winner.runOnce(Instant.now());
                    return read;
                }
            };
            DepositWatcher loser = new DepositWatcher(net.coordinator.store(), readThenLoseTheRace, port.depositsAfter());

            assertThatThrownBy(() -> loser.runOnce(Instant.now())).hasMessageContaining("cursor moved");

            assertThat(balance(net, ALICE)).isEqualTo(Credits.parse("5"));
            assertThat(rows(net)).hasSize(1);
            assertThat(watch(net).credited()).isZero();
        }
    }

    @Test
    void depositWhoseBlockIsRevertedBeforeItsConfirmations_isNeverCredited_andTheSameDepositResentIsCreditedOnce() {
        try (TestNetwork net = chain.network(dir.resolve("coord"), CONFIRMATIONS)) {
            var contracts = ChainBed.contracts(net);
            String before = chain.anvil.snapshot();
            chain.deposit(contracts, 1, ALICE.value(), "9");
            chain.mine(1);
            assertThat(watch(net).credited()).isZero();

            // A reorganization shallower than the confirmation depth drops the deposit's block.
            chain.anvil.revert(before);
            chain.mine(CONFIRMATIONS * 2);
            var afterReorg = watch(net);

            assertThat(afterReorg.credited()).isZero();
            assertThat(rows(net)).isEmpty();
            assertThat(balance(net, ALICE)).isEqualTo(Credits.ZERO);

            chain.deposit(contracts, 1, ALICE.value(), "9");
            chain.mine(CONFIRMATIONS);
            var resent = watch(net);

            assertThat(resent.credited()).isEqualTo(1);
            assertThat(watch(net).credited()).isZero();
            assertThat(balance(net, ALICE)).isEqualTo(Credits.parse("9"));
            assertThat(rows(net)).hasSize(1);
        }
    }

    @Test
    void depositNamingNoAccount_isRecordedUnroutable_andNotCredited() {
        try (TestNetwork net = chain.network(dir.resolve("coord"), CONFIRMATIONS)) {
            chain.deposit(ChainBed.contracts(net), 1, "bob's wallet", "2");
            chain.mine(CONFIRMATIONS);

            var run = watch(net);

            assertThat(run.credited()).isZero();
            assertThat(run.unroutable()).isEqualTo(1);
            assertThat(rows(net)).singleElement().satisfies(r -> {
                assertThat(r.state()).isEqualTo(ChainTx.DepositState.UNROUTABLE);
                assertThat(r.account()).isEqualTo("bob's wallet");
                assertThat(r.amount()).isEqualTo(2_000_000L);
            });
            assertThat(balance(net, LedgerAccount.CHAIN)).isEqualTo(Credits.ZERO);
            assertThat(watch(net).unroutable()).isZero();
            assertThat(EvmChainAudit.unroutable(net.coordinator.store())).singleElement()
                    .satisfies(r -> assertThat(r.account()).isEqualTo("bob's wallet"));
            assertThat(EvmChainAudit.check(net.coordinator.store(), ChainBed.contracts(net))).isEmpty();
        }
    }

    @Test
    void aStartedCoordinator_creditsADepositOnItsOwn_atItsPollInterval() throws InterruptedException {
        try (TestNetwork net = chain.network(dir.resolve("coord"), CONFIRMATIONS)) {
            net.coordinator.start();
            chain.deposit(ChainBed.contracts(net), 1, ALICE.value(), "1.25");
            chain.mine(CONFIRMATIONS);

            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (balance(net, ALICE).micros() == 0 && System.nanoTime() < deadline) Thread.sleep(50);

            assertThat(balance(net, ALICE)).isEqualTo(Credits.parse("1.25"));
        }
    }

    private static DepositWatcher.Run watch(TestNetwork net) {
        return net.coordinator.depositWatcher().runOnce(Instant.now());
    }

    private static Credits balance(TestNetwork net, AccountId account) {
        return balance(net, LedgerAccount.party(account));
    }

    private static Credits balance(TestNetwork net, LedgerAccount account) {
        return net.coordinator.store().inTransaction(tx -> tx.ledger().balance(account));
    }

    private static List<ChainTx.DepositRecord> rows(TestNetwork net) {
        return net.coordinator.store().inTransaction(tx -> tx.chain().deposits(100));
    }
}

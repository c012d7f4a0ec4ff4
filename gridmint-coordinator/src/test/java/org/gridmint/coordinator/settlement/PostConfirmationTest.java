package org.gridmint.coordinator.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.gridmint.api.ChainInfo;
import org.gridmint.chain.testing.RequiresAnvil;
import org.gridmint.coordinator.economics.EpochLoop;
import org.gridmint.coordinator.store.EconomicsTx;
import org.gridmint.coordinator.store.JdbcStore;
import org.gridmint.coordinator.store.Store;
import org.gridmint.core.economics.Epochs;
import org.gridmint.core.economics.Tokens;
import org.gridmint.core.money.Credits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The epoch loop marks an epoch POSTED only once its post is buried under the confirmations, posts again one that a
 * reorg dropped, and never "posts" an epoch through a port of another settlement than the one it was closed for. A CLOSED
 * epoch row is written straight into a real store (its batch is EpochClose's business, tested elsewhere).
 */
class PostConfirmationTest {
    private static final Epochs EPOCHS = new Epochs(ChainBed.GENESIS, Duration.ofHours(1));
    /** Before epoch 0 ends: the loop closes nothing and only posts what is CLOSED. */
    private static final Instant NOW = ChainBed.GENESIS.plus(Duration.ofMinutes(10));
    private static final String ROOT = "0x" + "5a".repeat(32);

    @TempDir Path dir;
    private ChainBed chain;
    private Store store;

    @AfterEach
    void close() {
        try {
            if (store != null) store.close();
        } finally {
            if (chain != null) chain.close();
        }
    }

    @Test
    void anEvmEpoch_isNeverMarkedPosted_throughTheEmbeddedPort() {
        store = JdbcStore.sqlite(dir);
        closedEpoch(0);
        var loop = new EpochLoop(store, new EmbeddedSettlement(), EPOCHS, ChainBed.economics());

        assertThat(loop.runOnce(NOW)).isEqualTo(new EpochLoop.Run(0, 0));
        assertThat(row(0).state()).isEqualTo(EconomicsTx.CLOSED);
        assertThat(row(0).txHash()).isNull();
    }

    @Test
    @RequiresAnvil
    void aPostRevertedAwayBeforeItsConfirmations_isPostedAgain_andEndsPostedOnceDeepEnough() throws Exception {
        chain = ChainBed.start(dir);
        store = JdbcStore.sqlite(dir.resolve("store"));
        closedEpoch(0);
        java.nio.file.Files.createDirectories(dir.resolve("data"));
        try (EvmSettlement port = ChainSetup.open(chain.chain(3), ChainBed.economics(), ChainBed.GENESIS, dir.resolve("data"))) {
            var loop = new EpochLoop(store, port, EPOCHS, ChainBed.economics());
            String beforePost = chain.anvil.snapshot();

            assertThat(loop.runOnce(NOW)).isEqualTo(new EpochLoop.Run(0, 0));
            assertThat(row(0).state()).as("sent, not yet confirmed").isEqualTo(EconomicsTx.CLOSED);
            assertThat(row(0).txHash()).isNotNull();
            assertThat(port.contracts().epoch(0)).isPresent();

            chain.anvil.revert(beforePost); // a reorg drops the post's block
            assertThat(port.contracts().epoch(0)).isEmpty();
            assertThat(loop.runOnce(NOW)).isEqualTo(new EpochLoop.Run(0, 0));
            assertThat(port.contracts().epoch(0)).as("posted again").isPresent();
            chain.mine(2);
            assertThat(loop.runOnce(NOW)).as("2 of 3 confirmations").isEqualTo(new EpochLoop.Run(0, 0));
            assertThat(row(0).state()).isEqualTo(EconomicsTx.CLOSED);

            chain.mine(1);
            assertThat(loop.runOnce(NOW)).isEqualTo(new EpochLoop.Run(0, 1));
            EconomicsTx.EpochRecord posted = row(0);
            assertThat(posted.state()).isEqualTo(EconomicsTx.POSTED);
            assertThat(posted.txHash()).isNotNull();
            assertThat("0x" + HexFormat.of().formatHex(port.contracts().epoch(0).orElseThrow().root())).isEqualTo(ROOT);
            assertThat(loop.runOnce(NOW)).isEqualTo(new EpochLoop.Run(0, 0));
        }
    }

    @Test
    @RequiresAnvil
    void aPostFoundHeldThatTheLoopNeverRecorded_keepsWhatTheFailedTryFunded() throws Exception {
        chain = ChainBed.start(dir);
        store = JdbcStore.sqlite(dir.resolve("store"));
        Credits five = Credits.parse("5");
        long n = Duration.between(ChainBed.GENESIS, Instant.now()).toHours() + 1; // ends within two hours: not over on-chain yet
        closedEpoch(n, five);
        java.nio.file.Files.createDirectories(dir.resolve("data"));
        try (EvmSettlement port = ChainSetup.open(chain.chain(3), ChainBed.economics(), ChainBed.GENESIS, dir.resolve("data"))) {
            var loop = new EpochLoop(store, port, EPOCHS, ChainBed.economics());
            assertThat(loop.runOnce(NOW)).as("the operator tops up 5, then the post reverts").isEqualTo(new EpochLoop.Run(0, 0));
            assertThat(row(n).txHash()).isNull();

            // The post reaches the chain without the loop hearing of it (as when its receipt wait timed out).
            chain.rpc("evm_increaseTime", "10800");
            chain.mine(1);
            port.contracts().postEpoch(n, HexFormat.of().parseHex(ROOT.substring(2)), org.gridmint.chain.Units.toBaseUnits(five.micros()), java.math.BigInteger.ZERO);
            assertThat(loop.runOnce(NOW)).isEqualTo(new EpochLoop.Run(0, 0));
            chain.mine(3);
            assertThat(loop.runOnce(NOW)).isEqualTo(new EpochLoop.Run(0, 1));

            assertThat(row(n).state()).isEqualTo(EconomicsTx.POSTED);
            assertThat(row(n).txHash()).isNotNull();
            java.util.List<org.gridmint.coordinator.store.ReportTx.ClosedEpoch> report = store.inTransaction(tx -> tx.report().closedEpochs(n, n));
            assertThat(report).singleElement().satisfies(c -> assertThat(c.operatorFunding()).isEqualTo(five.micros()));
        }
    }

    /** A CLOSED on-chain epoch whose batch pays nothing (so the contract needs no backing): only its root goes on-chain. */
    private void closedEpoch(long n) {
        closedEpoch(n, Credits.ZERO);
    }

    /** A CLOSED on-chain epoch whose batch pays out {@code credits} (which the operator backs: no deposit brought them). */
    private void closedEpoch(long n, Credits credits) {
        store.inTransaction(tx -> {
            tx.economics().insertEpoch(new EconomicsTx.EpochRecord(n, EPOCHS.start(n), EPOCHS.end(n), Tokens.ZERO, Tokens.ZERO, Tokens.ZERO, 0, credits,
                    Tokens.ZERO, 1, ROOT, ChainInfo.EVM, EconomicsTx.CLOSED, null, EPOCHS.end(n), null));
            return null;
        });
    }

    private EconomicsTx.EpochRecord row(long n) {
        return store.inTransaction(tx -> tx.economics().epoch(n)).orElseThrow();
    }
}

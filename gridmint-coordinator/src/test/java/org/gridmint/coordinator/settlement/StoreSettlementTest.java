package org.gridmint.coordinator.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import org.gridmint.chain.testing.RequiresAnvil;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.coordinator.economics.NetworkFacts;
import org.gridmint.coordinator.store.JdbcStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store keeps the settlement it was started with (network_facts): a restart with another settlement, chain or contract is
 * refused naming the flag, a store attaches to its own contract whatever the data dir holds, and a fresh store does not
 * adopt a contract that already settles another network's store. Against a real anvil.
 */
class StoreSettlementTest {
    @TempDir Path dir;
    private ChainBed chain;

    @AfterEach
    void stopChain() {
        if (chain != null) chain.close();
    }

    @Test
    @RequiresAnvil
    void anEvmSettledStore_restartedWithoutChainRpc_isRefused_namingTheFlagAndWhatTheStoreHolds() {
        chain = ChainBed.start(dir);
        Path data = dir.resolve("coord");
        String contract;
        try (TestNetwork net = chain.network(data, 2)) {
            contract = net.coordinator.settlement().info().settlementContract();
            java.util.Optional<String> recorded = net.coordinator.store().inTransaction(tx -> tx.economics().fact(NetworkFacts.SETTLEMENT_CONTRACT));
            assertThat(recorded).contains(contract);
        }

        assertThatThrownBy(() -> new TestNetwork(data, InstantSource.system(), c -> c.withEconomics(ChainBed.economics())))
                .isInstanceOf(SettlementException.class).hasMessageContaining("no --chain-rpc was given").hasMessageContaining("chain 31337")
                .hasMessageContaining(contract);
    }

    @Test
    void anEmbeddedStore_startedWithChainRpc_isRefused_namingTheFlag() {
        Path data = dir.resolve("coord");
        try (TestNetwork net = new TestNetwork(data, InstantSource.system(), c -> c.withEconomics(ChainBed.economics()))) {
            assertThat(net.coordinator.settlement().onChain()).isFalse();
        }
        var evm = new ChainConfig("http://127.0.0.1:1", dir.resolve("none.key"), null, 2, Duration.ofSeconds(1), null);

        assertThatThrownBy(() -> new TestNetwork(data, InstantSource.system(), c -> c.withEconomics(ChainBed.economics()).withChain(evm)))
                .isInstanceOf(SettlementException.class).hasMessageContaining("--chain-rpc http://127.0.0.1:1 was given")
                .hasMessageContaining("settles embedded");
    }

    @Test
    @RequiresAnvil
    void aStoreMovedToAnotherDataDir_attachesToItsOwnContract_notANewOne_andWritesChainJsonFromIt() throws Exception {
        chain = ChainBed.start(dir);
        Path first = dir.resolve("first");
        String contract;
        try (TestNetwork net = chain.network(first, 2)) {
            contract = net.coordinator.settlement().info().settlementContract();
        }
        Path second = dir.resolve("second");
        Files.createDirectories(second);
        Files.copy(first.resolve(JdbcStore.SQLITE_FILE), second.resolve(JdbcStore.SQLITE_FILE));

        try (TestNetwork net = chain.network(second, 2)) {
            assertThat(net.coordinator.settlement().info().settlementContract()).isEqualTo(contract);
        }
        assertThat(ChainFile.read(second).orElseThrow().settlement()).isEqualTo(contract);
    }

    @Test
    @RequiresAnvil
    void aChainJsonOrChainContractNamingAnotherContractThanTheStores_isRefused() throws Exception {
        chain = ChainBed.start(dir);
        Path data = dir.resolve("coord");
        Path other = dir.resolve("other");
        String mine;
        try (TestNetwork net = chain.network(data, 2)) {
            mine = net.coordinator.settlement().info().settlementContract();
        }
        try (TestNetwork net = chain.network(other, 2)) {
            assertThat(net.coordinator.settlement().info().settlementContract()).isNotEqualTo(mine);
        }
        Files.copy(other.resolve(ChainFile.NAME), data.resolve(ChainFile.NAME), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> chain.network(data, 2)).isInstanceOf(SettlementException.class).hasMessageContaining(ChainFile.NAME)
                .hasMessageContaining("store settles with " + mine);

        Files.delete(data.resolve(ChainFile.NAME));
        String theirs = ChainFile.read(other).orElseThrow().settlement();
        assertThatThrownBy(() -> new TestNetwork(data, InstantSource.system(), c -> c.withEconomics(ChainBed.economics())
                .withChain(new ChainConfig(chain.anvil.rpcUrl(), chain.keyFile, theirs, 2, Duration.ofSeconds(1), null))))
                .isInstanceOf(SettlementException.class).hasMessageContaining("--chain-contract " + theirs + " is not " + mine
                        + ", the contract this coordinator's store settles with");
    }

    @Test
    @RequiresAnvil
    void aFreshStore_attachingToAContractWithDeposits_isRefused_butOneWithoutHistoryAttaches() {
        chain = ChainBed.start(dir);
        String used;
        String unused;
        try (TestNetwork net = chain.network(dir.resolve("used"), 2)) {
            used = net.coordinator.settlement().info().settlementContract();
            chain.deposit(ChainBed.contracts(net), 1, "acct-alice", "3");
        }
        try (TestNetwork net = chain.network(dir.resolve("unused"), 2)) {
            unused = net.coordinator.settlement().info().settlementContract();
        }

        assertThatThrownBy(() -> attach(dir.resolve("fresh1"), used)).isInstanceOf(SettlementException.class)
                .hasMessageContaining("the settlement contract " + used + " already has history")
                .hasMessageContaining("counted twice");
        assertThat(Files.exists(dir.resolve("fresh1").resolve(ChainFile.NAME))).isFalse();

        try (TestNetwork net = attach(dir.resolve("fresh2"), unused)) {
            assertThat(net.coordinator.settlement().info().settlementContract()).isEqualTo(unused);
        }
    }

    @Test
    @RequiresAnvil
    void aGridTokenMintedByAnotherThanTheSettlement_orAChainJsonWithAnotherStableToken_isRefused() throws Exception {
        chain = ChainBed.start(dir);
        Path data = dir.resolve("coord");
        ChainFile file;
        try (TestNetwork net = chain.network(data, 2)) {
            file = ChainFile.read(data).orElseThrow();
        }
        String elsewhere = "0x" + "ab".repeat(20);
        new ChainFile(file.chainId(), file.settlement(), elsewhere, file.grid(), file.operator(), file.depositsAfter(), file.stableMintable()).write(data);

        assertThatThrownBy(() -> chain.network(data, 2)).isInstanceOf(SettlementException.class)
                .hasMessageContaining("names the stable token " + elsewhere + " but the contract's stable() is " + file.stable());

        file.write(data);
        // GridToken's minter, overwritten in its storage: the slot holding the settlement's address.
        String padded = "0x" + "0".repeat(24) + file.settlement().substring(2);
        int slot = -1;
        for (int i = 0; i < 16 && slot < 0; i++)
            if (chain.rpc("eth_getStorageAt", "\"" + file.grid() + "\"", "\"0x" + Integer.toHexString(i) + "\"", "\"latest\"").contains(padded)) slot = i;
        assertThat(slot).as("GridToken's minter slot").isNotNegative();
        chain.rpc("anvil_setStorageAt", "\"" + file.grid() + "\"", "\"0x" + Integer.toHexString(slot) + "\"", "\"0x" + "0".repeat(24) + "ab".repeat(20) + "\"");

        assertThatThrownBy(() -> chain.network(data, 2)).isInstanceOf(SettlementException.class)
                .hasMessageContaining("the GRID token " + file.grid() + " is minted by " + elsewhere + ", not by the settlement contract " + file.settlement());
    }

    private TestNetwork attach(Path data, String contract) {
        return new TestNetwork(data, InstantSource.system(), c -> c.withEconomics(ChainBed.economics())
                .withChain(new ChainConfig(chain.anvil.rpcUrl(), chain.keyFile, contract, 2, Duration.ofSeconds(1), null)));
    }
}

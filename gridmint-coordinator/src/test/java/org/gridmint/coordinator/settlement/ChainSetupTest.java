package org.gridmint.coordinator.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.gridmint.api.ChainInfo;
import org.gridmint.chain.ChainKeys;
import org.gridmint.chain.Units;
import org.gridmint.chain.testing.RequiresAnvil;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.core.economics.EmissionSchedule;
import org.gridmint.core.economics.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A coordinator's chain start-up against a real anvil: deploy on first start, attach after, refuse a contract that is not its own. */
@RequiresAnvil
class ChainSetupTest {
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
    void firstStart_deploysTheContracts_withTheConfiguredEconomics_andWritesChainJson_andARestartAttachesToThem() throws Exception {
        Path data = dir.resolve("coord");
        ChainInfo first;
        try (TestNetwork net = chain.network(data, 6)) {
            first = net.coordinator.settlement().info();
            var deployed = ChainBed.contracts(net).deployment();

            assertThat(deployed).isEqualTo(ChainSetup.deployment(ChainBed.economics(), ChainBed.GENESIS));
            assertThat(deployed.initialEmission()).isEqualTo(Units.toBaseUnits(EmissionSchedule.DEFAULT.initial().micros()));
            assertThat(first.settlement()).isEqualTo(ChainInfo.EVM);
            assertThat(first.chainId()).isEqualTo(31337L);
            assertThat(first.operator()).isEqualTo(ChainKeys.addressOf(chain.anvil.devPrivateKeys().getFirst()));
            assertThat(first.rpc()).isEqualTo(chain.anvil.rpcUrl());
            assertThat(first.confirmations()).isEqualTo(6);
            assertThat(net.coordinator.settlement().treasuryAddress()).contains(first.operator());
        }
        ChainFile file = ChainFile.read(data).orElseThrow();
        assertThat(file.settlement()).isEqualTo(first.settlementContract());
        assertThat(file.stable()).isEqualTo(first.stableToken());
        assertThat(file.grid()).isEqualTo(first.gridToken());
        assertThat(Files.exists(data.resolve(ChainFile.NAME + ".tmp"))).isFalse();

        try (TestNetwork restarted = chain.network(data, 6)) {
            assertThat(restarted.coordinator.settlement().info()).isEqualTo(first);
        }
    }

    @Test
    void restartWithAnotherEmission_isRefused_namingIt_andChangesNothing() throws Exception {
        Path data = dir.resolve("coord");
        try (TestNetwork net = chain.network(data, 6)) {
            assertThat(net.coordinator.settlement().onChain()).isTrue();
        }
        byte[] chainJson = Files.readAllBytes(data.resolve(ChainFile.NAME));

        assertThatThrownBy(() -> new TestNetwork(data, java.time.InstantSource.system(), c -> c
                .withEconomics(economics(Duration.ofHours(1), new EmissionSchedule(Tokens.parse("500"), EmissionSchedule.DEFAULT.halvingEpochs())))
                .withChain(chain.chain(6))))
                .hasMessageContaining("--emission-initial");
        assertThat(Files.readAllBytes(data.resolve(ChainFile.NAME))).isEqualTo(chainJson);
    }

    @Test
    void attachingToAContractOfOtherEconomics_orAnotherOperator_isRefused_namingEachMismatch_andWritesNothing() {
        String contract;
        try (TestNetwork net = chain.network(dir.resolve("first"), 6)) {
            contract = net.coordinator.settlement().info().settlementContract();
        }
        Path otherKey = dir.resolve("other.key");
        ChainKeys.writeKeyFile(otherKey, chain.anvil.devPrivateKeys().get(3));
        Path fresh = dir.resolve("fresh");

        assertThatThrownBy(() -> new TestNetwork(fresh, java.time.InstantSource.system(), c -> c
                .withEconomics(economics(Duration.ofMinutes(30), new EmissionSchedule(Tokens.parse("500"), EmissionSchedule.DEFAULT.halvingEpochs())))
                .withChain(new ChainConfig(chain.anvil.rpcUrl(), otherKey, contract, 6, Duration.ofSeconds(1), null))))
                .isInstanceOf(SettlementException.class)
                .hasMessageContaining("--epoch is 1800s but the contract's epoch is 3600s")
                .hasMessageContaining("--emission-initial is 500 GRID but the contract's initial emission is 1000 GRID")
                .hasMessageContaining("--chain-key is the key of " + ChainKeys.addressOf(chain.anvil.devPrivateKeys().get(3)));
        assertThat(Files.exists(fresh.resolve(ChainFile.NAME))).isFalse();
    }

    private static org.gridmint.coordinator.economics.EconomicsConfig economics(Duration epoch, EmissionSchedule schedule) {
        return new org.gridmint.coordinator.economics.EconomicsConfig(epoch, ChainBed.GENESIS, schedule, 1000, ChainBed.economics().gridPrice());
    }

    @Test
    void aMissingKeyFile_isRefused_namingChainKey() {
        Path missing = dir.resolve("nope.key");

        assertThatThrownBy(() -> new TestNetwork(dir.resolve("coord"), java.time.InstantSource.system(), c -> c
                .withEconomics(ChainBed.economics()).withChain(new ChainConfig(chain.anvil.rpcUrl(), missing, null, 6, Duration.ofSeconds(1), null))))
                .isInstanceOf(SettlementException.class).hasMessageContaining("--chain-key").hasMessageContaining(missing.toString());
        assertThat(Files.exists(dir.resolve("coord").resolve(ChainFile.NAME))).isFalse();
    }

    @Test
    void chainContractOtherThanTheDataDirs_isRefused() {
        Path data = dir.resolve("coord");
        try (TestNetwork net = chain.network(data, 6)) {
            assertThat(net.coordinator.settlement().onChain()).isTrue();
        }
        String elsewhere = "0x" + "12".repeat(20);

        assertThatThrownBy(() -> new TestNetwork(data, java.time.InstantSource.system(), c -> c.withEconomics(ChainBed.economics())
                .withChain(new ChainConfig(chain.anvil.rpcUrl(), chain.keyFile, elsewhere, 6, Duration.ofSeconds(1), null))))
                .isInstanceOf(SettlementException.class).hasMessageContaining("--chain-contract " + elsewhere + " is not the contract this data dir settles with");
    }
}

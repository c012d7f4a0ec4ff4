package org.gridmint.coordinator.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gridmint.chain.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** chain.json, the start-up's parameter check, and a node that does not answer: no chain needed. */
class ChainFileTest {
    private static final String A = "0x" + "aa".repeat(20);
    private static final String B = "0x" + "bb".repeat(20);

    @TempDir Path dir;

    @Test
    void chainFile_roundTrips_andIsAbsentWhenNotWritten() {
        assertThat(ChainFile.read(dir)).isEmpty();
        var file = new ChainFile(31337, A, B, A, B, 42, true);

        file.write(dir);

        assertThat(ChainFile.read(dir)).contains(file);
        assertThat(Files.exists(dir.resolve("chain.json.tmp"))).isFalse();
    }

    @Test
    void malformedChainFile_isAnErrorNamingTheFile() throws Exception {
        Files.writeString(dir.resolve(ChainFile.NAME), "{\"chainId\": 1, \"settlement\": \"nope\"}");

        assertThatThrownBy(() -> ChainFile.read(dir)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(ChainFile.NAME);
    }

    @Test
    void anUnreachableNode_isRefusedAtStart_namingChainRpc_andWritesNothing() throws Exception {
        Path key = dir.resolve("op.key");
        org.gridmint.chain.ChainKeys.writeKeyFile(key, org.gridmint.chain.ChainKeys.newPrivateKeyHex());
        int port;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        var config = new ChainConfig("http://127.0.0.1:" + port, key, null, 6, java.time.Duration.ofSeconds(1), null);

        assertThatThrownBy(() -> ChainSetup.open(config, org.gridmint.coordinator.economics.EconomicsConfig.DEFAULT, java.time.Instant.EPOCH, dir))
                .isInstanceOf(SettlementException.class).hasMessageContaining("--chain-rpc http://127.0.0.1:" + port);
        assertThat(ChainFile.read(dir)).isEmpty();
    }

    @Test
    void mismatches_nameEveryFlagThatDiffers() {
        var contract = new Deployment(1000, 3600, BigInteger.TEN.pow(21), 8760);
        var wanted = new Deployment(2000, 60, BigInteger.TEN.pow(20), 10);

        var out = ChainSetup.mismatches(contract, wanted, A, B);

        assertThat(String.join("\n", out)).contains("--genesis").contains("--epoch is 60s but the contract's epoch is 3600s")
                .contains("--emission-initial is 100 GRID but the contract's initial emission is 1000 GRID")
                .contains("--emission-halving is 10 epochs").contains("--chain-key is the key of " + B);
        assertThat(ChainSetup.mismatches(contract, contract, A, A)).isEmpty();
    }
}

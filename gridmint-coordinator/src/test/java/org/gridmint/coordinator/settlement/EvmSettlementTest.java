package org.gridmint.coordinator.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.gridmint.chain.Leaves;
import org.gridmint.chain.Units;
import org.gridmint.chain.testing.RequiresAnvil;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.core.economics.MerkleTree;
import org.gridmint.core.economics.Tokens;
import org.gridmint.core.money.Credits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The EVM port against a real anvil: posts are idempotent by epoch, a different root is refused loudly, and leaves are the contract's. */
@RequiresAnvil
class EvmSettlementTest {
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
    void post_isIdempotentByEpoch_andADifferentRootForAPostedEpochIsRefused_notRetryable() {
        try (TestNetwork net = chain.network(dir.resolve("coord"), 6)) {
            SettlementPort port = net.coordinator.settlement();
            byte[] root = root(port, 0, Credits.ZERO, Tokens.parse("10"));

            PostedEpoch first = port.post(0, root, Credits.ZERO, Tokens.parse("10"));
            PostedEpoch again = port.post(0, root, Credits.ZERO, Tokens.parse("10"));

            assertThat(first.txHash()).startsWith("0x");
            assertThat(again.root()).isEqualTo(first.root());
            assertThat(port.posted(0)).hasValueSatisfying(p -> {
                assertThat(p.root()).isEqualTo(EvmSettlement.hex(root));
                assertThat(p.tokens()).isEqualTo(Tokens.parse("10"));
                assertThat(p.credits()).isEqualTo(Credits.ZERO);
            });
            assertThat(ChainBed.contracts(net).minted()).isEqualTo(Units.toBaseUnits(Tokens.parse("10").micros()));
            byte[] other = root.clone();
            other[0] ^= 1;
            assertThatThrownBy(() -> port.post(0, other, Credits.ZERO, Tokens.parse("10")))
                    .isInstanceOfSatisfying(SettlementException.class, e -> assertThat(e.retryable()).isFalse())
                    .hasMessageContaining("already posted on-chain").hasMessageContaining("disagree");
            assertThat(port.posted(1)).isEmpty();
        }
    }

    @Test
    void checkPost_withoutItsTx_findsThePostsBlock_evenOlderThanOneLogWindow_andCountsItsDepth() {
        try (TestNetwork net = chain.network(dir.resolve("coord"), 6)) {
            SettlementPort port = net.coordinator.settlement();
            byte[] root = root(port, 0, Credits.ZERO, Tokens.parse("10"));
            PostedEpoch posted = port.post(0, root, Credits.ZERO, Tokens.parse("10"));

            var fresh = port.checkPost(0, root, null);
            assertThat(fresh.state()).isEqualTo(SettlementPort.PostCheck.State.PENDING);
            assertThat(fresh.txHash()).isEqualTo(posted.txHash());
            chain.mine((int) EvmSettlement.LOG_RANGE + 500);
            var old = port.checkPost(0, root, null);

            assertThat(old.state()).isEqualTo(SettlementPort.PostCheck.State.FINAL);
            assertThat(old.txHash()).as("found by its log, past the newest window").isEqualTo(posted.txHash());
            assertThat(old.depth()).isEqualTo(EvmSettlement.LOG_RANGE + 500);
        }
    }

    @Test
    void leafHash_isTheContractsLeaf_overBaseUnits() {
        try (TestNetwork net = chain.network(dir.resolve("coord"), 6)) {
            var leaf = new SettlementLeaf(3, "0x" + "ab".repeat(20), Credits.parse("1.5"), Tokens.parse("2"));

            byte[] hash = net.coordinator.settlement().leafHash(leaf);

            assertThat(hash).isEqualTo(Leaves.leafHash(3, leaf.address(), Units.toBaseUnits(1_500_000), Units.toBaseUnits(2_000_000)));
            assertThat(Arrays.equals(net.coordinator.settlement().hasher().hash(new byte[] {1}), Leaves.keccak256(new byte[] {1}))).isTrue();
        }
    }

    @Test
    void chainRoute_tellsClientsTheChainItsContractsAndTheOperator() throws Exception {
        try (TestNetwork net = chain.network(dir.resolve("coord"), 6)) {
            net.coordinator.start();
            try (var http = java.net.http.HttpClient.newHttpClient()) {
                var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(net.coordinator.url() + org.gridmint.api.ApiPaths.CHAIN)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());

                assertThat(r.statusCode()).isEqualTo(200);
                var info = org.gridmint.api.json.Json.read(r.body(), org.gridmint.api.ChainInfo.class);
                assertThat(info).isEqualTo(net.coordinator.settlement().info());
                assertThat(info.settlementContract()).isEqualTo(ChainBed.contracts(net).addresses().settlement());
                assertThat(info.rpc()).isEqualTo(chain.anvil.rpcUrl());
            }
        }
    }

    static byte[] root(SettlementPort port, long epoch, Credits credits, Tokens tokens) {
        var leaf = new SettlementLeaf(epoch, "0x" + "cd".repeat(20), credits.micros() == 0 && tokens.micros() == 0 ? Credits.parse("1") : credits, tokens);
        return new MerkleTree(List.of(port.leafHash(leaf)), port.hasher()).root();
    }
}
